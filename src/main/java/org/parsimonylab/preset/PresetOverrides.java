package org.parsimonylab.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.List;

/**
 * Dotted-path overrides of a resolved preset, through the same code as the command line's {@code --set}: the preset is
 * written with {@link PresetWriter} and read back by {@link PresetLoader#parse} with the override list, so an override
 * means exactly what {@code --set} means and fails with the loader's one-line message.
 */
public final class PresetOverrides {
    private PresetOverrides() {}

    /**
     * {@code base} with {@code overrides} ("dotted.path=value", later ones win) applied; {@code sourceName} prefixes
     * every error message.
     *
     * @throws PresetException naming the field and what is allowed, if an override is unknown or makes the preset
     *     invalid
     */
    public static Preset apply(Preset base, String sourceName, List<String> overrides) {
        if (overrides.isEmpty()) {
            return base;
        }
        return PresetLoader.parse(PresetWriter.toJson(base), sourceName, overrides);
    }

    /** The override that sets {@code key} to {@code value}: {@code key=value}. */
    public static String override(String key, String value) {
        return key + "=" + value;
    }

    /**
     * The value of the dotted {@code key} (e.g. {@code network.init.scale}) of {@code preset} as text that {@code --set
     * key=text} reads back to the same value: numbers in plain decimal when short (300, 0.001), else shortest
     * scientific (1e-10); labels and strings as they are.
     *
     * @throws IllegalArgumentException if the preset has no such key or it names a section
     */
    public static String valueText(Preset preset, String key) {
        JsonNode node = at(sectionTree(preset, key), key);
        if (node == null || node.isContainerNode()) {
            throw new IllegalArgumentException("no preset value at '" + key + "'");
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isFloatingPointNumber()) {
            return numberText(node.doubleValue());
        }
        return node.asText();
    }

    /** How many of the preset's variants override the dotted {@code key} (the base value does not reach those). */
    public static int variantsOverriding(Preset preset, String key) {
        int n = 0;
        for (Preset.Variant v : preset.variants()) {
            if (at(v.overrides(), key) != null) {
                n++;
            }
        }
        return n;
    }

    /** A tree holding {@code key}: just its section when it is in one (cheap for presets with many variants). */
    private static ObjectNode sectionTree(Preset preset, String key) {
        String first = key.split("\\.", 2)[0];
        Record section =
                switch (first) {
                    case "data" -> preset.data();
                    case "network" -> preset.network();
                    case "training" -> preset.training();
                    case "metrics" -> preset.metrics();
                    default -> null;
                };
        if (section == null) {
            return PresetWriter.toTree(preset);
        }
        ObjectNode root = PresetJson.MAPPER.createObjectNode();
        root.set(first, PresetJson.tree(section));
        return root;
    }

    private static JsonNode at(ObjectNode root, String key) {
        JsonNode node = root;
        for (String segment : key.split("\\.", -1)) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(segment);
        }
        return node;
    }

    /**
     * {@code v} as short text that reads back to the same double: plain decimal up to 9 characters (300, 0.001), else
     * Java's shortest round-trip form with a lower-case exponent (1e-10).
     */
    public static String numberText(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.toString(v);
        }
        String plain = BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        if (plain.length() <= 9) {
            return plain;
        }
        String s = Double.toString(v).replace("E", "e");
        return s.replace(".0e", "e");
    }
}
