package org.parsimonylab.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.parsimonylab.engine.train.LearningRateChange;
import org.parsimonylab.session.ExperimentSpec;

/**
 * Writes presets as pretty JSON with every default filled in, {@code schemaVersion} first and enums as labels: the
 * {@code preset.json} of a run folder. {@link PresetLoader} reads the output back to an equal {@link Preset}.
 */
public final class PresetWriter {
    private PresetWriter() {}

    /** The preset as the JSON tree that {@link #toJson} prints, keys in schema order. */
    public static ObjectNode toTree(Preset preset) {
        ObjectNode root = PresetJson.MAPPER.createObjectNode();
        root.put("schemaVersion", preset.schemaVersion());
        root.put("name", preset.name());
        root.put("title", preset.title());
        root.put("description", preset.description());
        root.put("seed", preset.seed());
        root.set("data", PresetJson.tree(preset.data()));
        root.set("network", PresetJson.tree(preset.network()));
        root.set("training", PresetJson.tree(preset.training()));
        root.set("metrics", PresetJson.tree(preset.metrics()));
        ArrayNode variants = root.putArray("variants");
        for (Preset.Variant v : preset.variants()) {
            ObjectNode o = variants.addObject();
            o.put("name", v.name());
            o.setAll(v.overrides());
        }
        return root;
    }

    /** The preset as pretty JSON (two-space indent, LF line ends, trailing newline). */
    public static String toJson(Preset preset) {
        try {
            return PresetJson.MAPPER.writer(PresetJson.prettyPrinter()).writeValueAsString(toTree(preset)) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serializes; reaching this is a bug, not a user error.
            throw new IllegalStateException("cannot serialize preset '" + preset.name() + "'", e);
        }
    }

    /**
     * {@code preset} with the learning-rate schedules of {@code trained} (the same experiment as trained, e.g. with
     * live changes from the app): the first variant's schedule as {@code training.learningRateSchedule}, and a
     * variant override wherever a variant's schedule differs from it (a variant with its own η has its own scaled
     * schedule). Its {@link Preset#toExperiment()} has exactly {@code trained}'s schedules, so running it repeats the
     * changes.
     *
     * @throws IllegalArgumentException if {@code trained} has other variants than {@code preset}
     */
    public static Preset withLearningRateSchedules(Preset preset, ExperimentSpec trained) {
        ExperimentSpec original = preset.toExperiment();
        int n = original.variants().size();
        if (trained.variants().size() != n) {
            throw new IllegalArgumentException(
                    "the trained experiment has " + trained.variants().size() + " variants, the preset " + n);
        }
        boolean same = true;
        for (int i = 0; i < n; i++) {
            if (!original.variants()
                    .get(i)
                    .name()
                    .equals(trained.variants().get(i).name())) {
                throw new IllegalArgumentException("variant " + i + " is '"
                        + trained.variants().get(i).name() + "', the preset's is '"
                        + original.variants().get(i).name() + "'");
            }
            same &= schedule(original, i).equals(schedule(trained, i));
        }
        if (same) {
            return preset;
        }
        ObjectNode tree = toTree(preset);
        List<LearningRateChange> first = schedule(trained, 0);
        ((ObjectNode) tree.get("training")).set("learningRateSchedule", PresetJson.MAPPER.valueToTree(first));
        ArrayNode variants = (ArrayNode) tree.get("variants");
        for (int i = 0; i < variants.size(); i++) {
            ObjectNode v = (ObjectNode) variants.get(i);
            List<LearningRateChange> own = schedule(trained, i);
            boolean overridden = v.path("training").has("learningRateSchedule");
            if (overridden || !own.equals(first)) {
                ObjectNode training = v.has("training") ? (ObjectNode) v.get("training") : v.putObject("training");
                training.set("learningRateSchedule", PresetJson.MAPPER.valueToTree(own));
            }
        }
        String json;
        try {
            json = PresetJson.MAPPER.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize preset '" + preset.name() + "'", e);
        }
        Preset out = PresetLoader.parse(json, preset.name() + " (as trained)", List.of());
        ExperimentSpec check = out.toExperiment();
        for (int i = 0; i < n; i++) {
            if (!schedule(check, i).equals(schedule(trained, i))) {
                // A bug, not a user error: the written preset would not repeat the run.
                throw new IllegalStateException("the learning-rate schedule of variant "
                        + trained.variants().get(i).name() + " cannot be written to the preset");
            }
        }
        return out;
    }

    private static List<LearningRateChange> schedule(ExperimentSpec e, int variant) {
        return e.variants().get(variant).training().learningRateSchedule();
    }

    /** Writes {@link #toJson} to {@code file} as UTF-8, replacing it if it exists. */
    public static void write(Preset preset, Path file) throws IOException {
        Files.writeString(file, toJson(preset), StandardCharsets.UTF_8);
    }
}
