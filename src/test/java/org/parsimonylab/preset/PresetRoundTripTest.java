package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PresetWriter} output reads back to an equal preset, with every default filled in. */
class PresetRoundTripTest {
    static List<Path> presetFiles() throws IOException {
        return ShippedPresetsTest.presetFiles().toList();
    }

    @ParameterizedTest
    @MethodSource("presetFiles")
    void everyShippedPresetSurvivesARoundTrip(Path file) {
        Preset original = PresetLoader.load(file, List.of());
        String json = PresetWriter.toJson(original);
        Preset again = PresetLoader.parse(json, "round-trip.json", List.of());
        assertEquals(original, again);
        assertEquals(json, PresetWriter.toJson(again), "writing is deterministic");
    }

    @Test
    void defaultsSurviveARoundTrip() {
        Preset defaults = Preset.defaults();
        assertEquals(defaults, PresetLoader.parse(PresetWriter.toJson(defaults), "d.json", List.of()));
        assertEquals(defaults, PresetLoader.parse("{\"schemaVersion\": 1}", "d.json", List.of()));
    }

    @Test
    void writerPutsSchemaVersionFirstFillsDefaultsAndWritesLabels() throws IOException {
        Preset p = PresetLoader.parse(
                "{\"schemaVersion\": 1, \"training\": {\"loss\": \"half-sum\"}}", "x.json", List.of());
        String json = PresetWriter.toJson(p);
        JsonNode tree = new ObjectMapper().readTree(json);
        List<String> keys = new ArrayList<>();
        tree.fieldNames().forEachRemaining(keys::add);
        assertEquals(
                List.of(
                        "schemaVersion",
                        "name",
                        "title",
                        "description",
                        "seed",
                        "data",
                        "network",
                        "training",
                        "metrics",
                        "variants"),
                keys);
        assertEquals("half-sum", tree.at("/training/loss").textValue());
        assertEquals(
                "half-mean",
                PresetWriter.toTree(Preset.defaults()).at("/training/loss").textValue());
        assertEquals("truncated-gaussian", tree.at("/data/targetSpectrum").textValue());
        assertEquals("orthogonal", tree.at("/network/init/kind").textValue());
        assertEquals(1.0, tree.at("/network/init/scale").doubleValue());
        assertEquals("auto", tree.at("/training/gradientForm").textValue());
        assertEquals("untitled", tree.get("name").textValue());
        assertTrue(tree.get("variants").isArray());
        assertFalse(json.contains("HALF_SUM"), json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void variantOverridesAreNormalisedAndSurviveARoundTrip() {
        String json =
                """
                {"schemaVersion": 1,
                 "variants": [
                   {"name": "wide"},
                   {"name": "slow", "training": {"learningRate": 1, "optimizer": "adam"},
                    "network": {"init": {"scale": 2}}}]}""";
        Preset p = PresetLoader.parse(json, "v.json", List.of());
        Preset.Variant slow = p.variants().get(1);
        assertTrue(slow.overrides().at("/training/learningRate").isDouble(), "1 is stored as the double 1.0");
        assertEquals(2.0, slow.overrides().at("/network/init/scale").doubleValue());
        assertFalse(slow.overrides().at("/network").has("width"), "only the overridden keys are kept");
        Preset again = PresetLoader.parse(PresetWriter.toJson(p), "again.json", List.of());
        assertEquals(p, again);
        assertEquals(p.toExperiment(), again.toExperiment());
    }

    @Test
    void writeAndLoadAFile(@TempDir Path dir) throws IOException {
        Preset p = PresetLoader.parse("{\"schemaVersion\": 1, \"name\": \"saved\", \"seed\": 42}", "x", List.of());
        Path file = dir.resolve("preset.json");
        PresetWriter.write(p, file);
        Preset loaded = PresetLoader.load(file, List.of());
        assertEquals(p, loaded);
        assertEquals(42, loaded.seed());
    }
}
