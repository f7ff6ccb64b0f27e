package org.parsimonylab.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.parsimonylab.engine.Check;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/**
 * A resolved preset (schema 1 of DESIGN.md §5): the whole recipe of an experiment with every default filled in. The
 * base sections describe the first network; each {@link Variant} overrides parts of network, training and metrics,
 * while data and seed are shared by all variants.
 *
 * <p>The constructor validates everything {@link #toExperiment()} needs, so a {@code Preset} that exists always
 * converts; invalid values fail with an {@link IllegalArgumentException} whose message starts with the dotted path of
 * the field (e.g. {@code variants.1.network.width must be in [1, 10000] (got 0)}).
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION}; older files are migrated by the loader
 * @param name short identifier, e.g. {@code law-of-parsimony}
 * @param title one-line title shown in the app
 * @param description what the figure shows and which paper experiment it reproduces
 * @param seed seed of every random draw (data, mask, initialisations)
 * @param data the data shared by all variants
 * @param network base network
 * @param training base training
 * @param metrics base metrics
 * @param variants networks trained side by side; empty means a single variant named {@link #MAIN_VARIANT}
 */
public record Preset(
        int schemaVersion,
        String name,
        String title,
        String description,
        long seed,
        DataSpec data,
        NetworkSpec network,
        TrainingSpec training,
        MetricsSpec metrics,
        List<Variant> variants) {

    /** The schema version this app reads and writes. */
    public static final int SCHEMA_VERSION = 1;

    /** Name of a preset that does not give one. */
    public static final String DEFAULT_NAME = "untitled";

    /** Name of the single variant of a preset without variants. */
    public static final String MAIN_VARIANT = "main";

    public Preset {
        Check.that(
                schemaVersion == SCHEMA_VERSION,
                "schemaVersion must be " + SCHEMA_VERSION + " (got " + schemaVersion + ")");
        Check.present("name", name);
        Check.present("title", title);
        Check.present("description", description);
        Check.present("data", data);
        Check.present("network", network);
        Check.present("training", training);
        Check.present("metrics", metrics);
        Check.present("variants", variants);
        List<Variant> canonical = new ArrayList<>(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            Variant v = Check.present("variants." + i, variants.get(i));
            canonical.add(new Variant(v.name(), canonicalOverrides(v.overrides, i, network, training, metrics)));
        }
        variants = List.copyOf(canonical);
        experiment(seed, data, network, training, metrics, variants);
    }

    /** All defaults of DESIGN.md §5: name "untitled", seed 0, the records' defaults() and no variants. */
    public static Preset defaults() {
        return new Preset(
                SCHEMA_VERSION,
                DEFAULT_NAME,
                "",
                "",
                0,
                DataSpec.defaults(),
                NetworkSpec.defaults(),
                TrainingSpec.defaults(),
                MetricsSpec.defaults(),
                List.of());
    }

    /**
     * The experiment the engine runs: one {@link VariantSpec} per variant, each the base sections deep-merged with the
     * variant's overrides; without variants a single variant named {@link #MAIN_VARIANT} with the base sections.
     */
    public ExperimentSpec toExperiment() {
        return experiment(seed, data, network, training, metrics, variants);
    }

    private static ExperimentSpec experiment(
            long seed,
            DataSpec data,
            NetworkSpec network,
            TrainingSpec training,
            MetricsSpec metrics,
            List<Variant> variants) {
        List<VariantSpec> specs = new ArrayList<>();
        if (variants.isEmpty()) {
            specs.add(new VariantSpec(MAIN_VARIANT, network, training, metrics));
        }
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            String at = "variants." + i + ".";
            NetworkSpec n = merged(network, v.overrides.get("network"), NetworkSpec.class, at + "network");
            TrainingSpec t = merged(training, v.overrides.get("training"), TrainingSpec.class, at + "training");
            MetricsSpec m = merged(metrics, v.overrides.get("metrics"), MetricsSpec.class, at + "metrics");
            try {
                specs.add(new VariantSpec(v.name(), n, t, m));
            } catch (IllegalArgumentException e) {
                // VariantSpec only checks the name; say where the name is.
                throw new IllegalArgumentException(at + "name: " + e.getMessage(), e);
            }
        }
        try {
            return new ExperimentSpec(seed, data, specs);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("variants: " + e.getMessage(), e);
        }
    }

    private static <T extends Record> T merged(T base, JsonNode override, Class<T> type, String path) {
        if (override == null) {
            return base;
        }
        return PresetJson.bind(PresetJson.deepMerge(PresetJson.tree(base), (ObjectNode) override), type, path);
    }

    /**
     * The overrides with every value replaced by its bound, canonical form (1 becomes 1.0 for a double field), so two
     * presets that mean the same compare equal and the writer prints what the engine will use.
     */
    private static ObjectNode canonicalOverrides(
            ObjectNode overrides, int index, NetworkSpec network, TrainingSpec training, MetricsSpec metrics) {
        ObjectNode out = PresetJson.MAPPER.createObjectNode();
        String at = "variants." + index + ".";
        canonicalSection(out, overrides, network, NetworkSpec.class, at);
        canonicalSection(out, overrides, training, TrainingSpec.class, at);
        canonicalSection(out, overrides, metrics, MetricsSpec.class, at);
        return out;
    }

    private static <T extends Record> void canonicalSection(
            ObjectNode out, ObjectNode overrides, T base, Class<T> type, String at) {
        String section = sectionOf(type);
        JsonNode over = overrides.get(section);
        if (over != null) {
            T bound = merged(base, over, type, at + section);
            out.set(section, restrict(PresetJson.tree(bound), (ObjectNode) over));
        }
    }

    private static String sectionOf(Class<?> type) {
        for (Map.Entry<String, Class<? extends Record>> e : PresetJson.VARIANT_SECTIONS.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalStateException("not a variant section: " + type);
    }

    /** The part of {@code full} that has the keys of {@code shape}, recursively. */
    private static ObjectNode restrict(ObjectNode full, ObjectNode shape) {
        ObjectNode out = PresetJson.MAPPER.createObjectNode();
        Iterator<String> names = shape.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            JsonNode value = full.get(key);
            if (value instanceof ObjectNode fullObject && shape.get(key) instanceof ObjectNode shapeObject) {
                out.set(key, restrict(fullObject, shapeObject));
            } else {
                out.set(key, value);
            }
        }
        return out;
    }

    /**
     * One variant of a preset: a name and the sections it overrides. Equality compares the name and the override tree.
     *
     * @param name unique within the preset, used in metrics.csv and weights/&lt;variant&gt;/
     * @param overrides an object whose keys are among {@code network}, {@code training} and {@code metrics}, each an
     *     object deep-merged over the base section; data and seed are shared and cannot be overridden
     */
    public record Variant(String name, ObjectNode overrides) {
        public Variant {
            Check.present("name", name);
            Check.present("overrides", overrides);
            overrides = overrides.deepCopy();
            for (Map.Entry<String, JsonNode> e : overrides.properties()) {
                String key = e.getKey();
                Check.that(
                        !key.equals("data") && !key.equals("seed"),
                        "variant '" + name + "' cannot override " + key + " (all variants share data and seed)");
                Check.that(
                        PresetJson.VARIANT_SECTIONS.containsKey(key),
                        "variant '" + name + "' has unknown key '" + key + "' (allowed: network, training, metrics)");
                Check.that(
                        e.getValue().isObject(),
                        "variant '" + name + "' override of " + key + " must be an object (got " + e.getValue() + ")");
            }
        }

        /** A variant that overrides nothing: it trains the base sections under its own name. */
        public static Variant of(String name) {
            return new Variant(name, PresetJson.MAPPER.createObjectNode());
        }

        /** A copy of the override tree (the record keeps its own copy so a caller cannot change a preset). */
        @Override
        public ObjectNode overrides() {
            return overrides.deepCopy();
        }
    }
}
