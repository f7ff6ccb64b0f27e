package org.parsimonylab.preset;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** Writes {@link #toJson} to {@code file} as UTF-8, replacing it if it exists. */
    public static void write(Preset preset, Path file) throws IOException {
        Files.writeString(file, toJson(preset), StandardCharsets.UTF_8);
    }
}
