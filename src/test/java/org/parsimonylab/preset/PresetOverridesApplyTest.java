package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link PresetOverrides}: overrides of a resolved preset mean exactly what {@code --set} on its file means. */
class PresetOverridesApplyTest {
    private static final List<String> KEYS = List.of(
            "seed",
            "data.kind",
            "data.dim",
            "data.rank",
            "data.noise",
            "data.testFraction",
            "network.width",
            "network.init.scale",
            "network.init.lastScale",
            "training.learningRate",
            "training.optimizer",
            "training.steps",
            "metrics.blockRank");

    static List<String> shipped() {
        return PresetLoader.shipped();
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void anOverrideOfTheLoadedPresetEqualsSetOnItsFile(String name) {
        Preset base = PresetLoader.loadShipped(name, List.of());
        List<String> sets = List.of("training.steps=123", "network.init.scale=0.25");
        assertEquals(PresetLoader.loadShipped(name, sets), PresetOverrides.apply(base, name, sets));
        assertSame(base, PresetOverrides.apply(base, name, List.of()));
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyValueTextReadsBackToTheSameValue(String name) {
        Preset base = PresetLoader.loadShipped(name, List.of());
        for (String key : KEYS) {
            String text = PresetOverrides.valueText(base, key);
            Preset again = PresetOverrides.apply(base, name, List.of(PresetOverrides.override(key, text)));
            assertEquals(base, again, key + "=" + text);
        }
    }

    @Test
    void valueTextReadsTheEffectiveValues() {
        Preset e4 = PresetLoader.loadShipped("e4-depth-width.json", List.of());
        assertEquals("300", PresetOverrides.valueText(e4, "training.learningRate"));
        assertEquals("0.001", PresetOverrides.valueText(e4, "network.init.scale"));
        assertEquals("completion", PresetOverrides.valueText(e4, "data.kind"));
        assertEquals("60000", PresetOverrides.valueText(e4, "training.steps"));
        assertEquals("0", PresetOverrides.valueText(e4, "seed"));
        assertEquals("e4-depth-width", PresetOverrides.valueText(e4, "name"));
        assertThrows(IllegalArgumentException.class, () -> PresetOverrides.valueText(e4, "network.init"));
        assertThrows(IllegalArgumentException.class, () -> PresetOverrides.valueText(e4, "network.nope"));
    }

    @Test
    void numbersAreShortAndReadBackExactly() {
        double[] values = {300, 0.001, 1e-10, 5000, 0.5, 123456789, 1e10, 1.5e-7, 0.3, 1.0 / 3, 2e-4};
        String[] texts = {
            "300", "0.001", "1e-10", "5000", "0.5", "123456789", "1e10", "1.5e-7", "0.3", "0.3333333333333333", "0.0002"
        };
        for (int i = 0; i < values.length; i++) {
            assertEquals(texts[i], PresetOverrides.numberText(values[i]));
            assertEquals(values[i], Double.parseDouble(texts[i]));
        }
    }

    @Test
    void variantsThatOverrideAKeyAreCounted() {
        Preset e4 = PresetLoader.loadShipped("e4-depth-width.json", List.of());
        assertEquals(50, PresetOverrides.variantsOverriding(e4, "training.learningRate"));
        assertEquals(100, PresetOverrides.variantsOverriding(e4, "network.width"));
        assertEquals(0, PresetOverrides.variantsOverriding(e4, "training.steps"));
    }

    @Test
    void anInvalidOverrideFailsWithTheLoadersOneLineMessage() {
        Preset e1 = PresetLoader.loadShipped("e1-law-of-parsimony.json", List.of());
        PresetException e = assertThrows(
                PresetException.class, () -> PresetOverrides.apply(e1, "e1.json", List.of("network.width=0")));
        assertTrue(e.getMessage().startsWith("e1.json: network.width must be"), e.getMessage());
        PresetException notANumber = assertThrows(
                PresetException.class, () -> PresetOverrides.apply(e1, "e1.json", List.of("data.dim=abc")));
        assertTrue(notANumber.getMessage().contains("data.dim"), notANumber.getMessage());
    }
}
