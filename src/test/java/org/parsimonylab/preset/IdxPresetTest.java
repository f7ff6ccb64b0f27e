package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataKind;

/** The {@code idx} data fields (classSubset, testSamples) bind, override and round-trip like every other field. */
class IdxPresetTest {
    @Test
    void presetBindsTheNewFieldsAndRoundTrips() {
        Preset p = PresetLoader.parse(
                "{\"schemaVersion\": 1, \"data\": {\"kind\": \"idx\", \"file\": \"\", \"samples\": 100,"
                        + " \"classSubset\": [0, 9], \"testSamples\": 50}}",
                "t.json",
                List.of());
        assertEquals(DataKind.IDX, p.data().kind());
        assertEquals(List.of(0, 9), p.data().classSubset());
        assertEquals(50, p.data().testSamples());
        Preset back = PresetLoader.parse(PresetWriter.toJson(p), "back.json", List.of("data.testSamples=7"));
        assertEquals(List.of(0, 9), back.data().classSubset());
        assertEquals(7, back.data().testSamples());
    }

    @Test
    void aBadSubsetNamesTheField() {
        PresetException e = assertThrows(
                PresetException.class,
                () -> PresetLoader.parse(
                        "{\"schemaVersion\": 1, \"data\": {\"kind\": \"idx\", \"classSubset\": [4]}}",
                        "t.json",
                        List.of()));
        assertTrue(e.getMessage().contains("data.classSubset"), e.getMessage());
    }
}
