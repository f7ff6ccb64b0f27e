package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The cross-section checks of {@link PresetValidator}: the accepted nonsense of the fuzzing report is an error. */
class PresetValidatorTest {
    static Stream<Path> presetFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("presetFiles")
    void shippedPresetsPassWithoutWarnings(Path file) {
        Preset p = PresetLoader.load(file, List.of());
        assertEquals(List.of(), PresetValidator.warnings(p));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "e1-law-of-parsimony.json|network.init.scale=1e300|network.init.scale makes the initial end-to-end map",
                "e1-law-of-parsimony.json|network.init.scale=1e150|network.init.scale makes the initial end-to-end map",
                "e1-law-of-parsimony.json|network.init.scale=1e-300|network.init.scale underflows the forward pass",
                "e6-equivalent-trajectory.json|network.init.scale=1e-320|network.init.scale (variant 'wide') underflows the forward",
                "kwon-mc.json|data.observedFraction=1e-9|data.observedFraction observes int(",
                "e1-law-of-parsimony.json|metrics.referenceStep=1000|metrics.referenceStep must be at most training"
                        + ".steps = 50",
                "e1-law-of-parsimony.json|metrics.blockRank=15|metrics.blockRank must be at most 14",
                "e6-equivalent-trajectory.json|network.width=30|network.compression.factor (variant 'compressed') v1",
                "p2-lowrank-mlp-digits.json|network.compression.rank=1000|network.compression.rank (variant"
                        + " 'lowrank-sbig') must be at most 64",
                "e6-equivalent-trajectory.json|variants.1.network.compression.rank=5000|variants.1.network"
                        + ".compression.rank must be at most 50",
            })
    void nonsenseIsAnErrorNamingTheFileAndField(String preset, String override, String expected) {
        PresetException e = assertThrows(
                PresetException.class, () -> PresetLoader.load(Path.of("presets", preset), List.of(override)));
        assertTrue(e.getMessage().startsWith("presets/" + preset + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains("(got "), e.getMessage());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "p2-fig1-smooth-mlp-spectra.json|training.batchSize=100000|training.batchSize 100000 is more than",
                "e1-law-of-parsimony.json|network.init.scale=1e-120|the initial network output",
            })
    void surprisingButLegitimateValuesWarn(String preset, String override, String expected) {
        Preset p = PresetLoader.load(Path.of("presets", preset), List.of(override));
        List<String> warnings = PresetValidator.warnings(p);
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains(expected), warnings.get(0));
        assertFalse(warnings.get(0).contains("\n"));
    }
}
