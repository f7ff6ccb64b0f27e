package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.metrics.SvdKind;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/** Every preset in {@code presets/} loads, converts to an experiment and is listed in the index (DESIGN.md §5). */
class ShippedPresetsTest {
    private static final Path FOLDER = Path.of("presets");

    static Stream<Path> presetFiles() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
        }
    }

    @Test
    void thereAreShippedPresets() throws IOException {
        assertTrue(presetFiles().count() >= 4, "presets/ should hold the shipped presets");
    }

    @ParameterizedTest
    @MethodSource("presetFiles")
    void everyShippedPresetLoadsAndConvertsToAnExperiment(Path file) {
        Preset preset = PresetLoader.load(file, List.of());
        ExperimentSpec experiment = preset.toExperiment();
        assertFalse(experiment.variants().isEmpty());
        assertEquals(preset.seed(), experiment.seed());
        assertEquals(preset.data(), experiment.data());
        String stem = file.getFileName().toString().replace(".json", "");
        assertEquals(stem, preset.name(), "a shipped preset is named after its file");
        assertFalse(preset.title().isBlank(), "title");
        assertTrue(preset.description().length() > 200, "the description is a paragraph");
        assertTrue(
                preset.description().contains("Reproduces experiment ")
                        || preset.description().contains("Reproduces paper 2"),
                "the description names the experiment");
    }

    @ParameterizedTest
    @MethodSource("presetFiles")
    void everyShippedPresetStartsWithSchemaVersion(Path file) throws IOException {
        String text = Files.readString(file).strip();
        assertTrue(
                text.matches("(?s)\\{\\s*\"schemaVersion\"\\s*:\\s*1\\s*,.*"), file + " starts with schemaVersion 1");
    }

    @Test
    void indexListsExactlyTheShippedFiles() throws IOException {
        List<String> index = Files.readAllLines(FOLDER.resolve("index.txt")).stream()
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        List<String> files = presetFiles().map(p -> p.getFileName().toString()).toList();
        assertEquals(files, index.stream().sorted().toList());
        assertEquals(index.size(), index.stream().distinct().count(), "no duplicates in index.txt");
    }

    @Test
    void shippedPresetsAreOnTheClassPathUnderPresets() {
        List<String> names = PresetLoader.shipped();
        assertTrue(names.contains("e1-law-of-parsimony.json"), names.toString());
        for (String name : names) {
            assertEquals(PresetLoader.load(FOLDER.resolve(name), List.of()), PresetLoader.loadShipped(name, List.of()));
        }
    }

    @Test
    void e1MatchesThePaperSetup() {
        Preset p = PresetLoader.load(FOLDER.resolve("e1-law-of-parsimony.json"), List.of());
        assertEquals(DataKind.FACTORIZATION, p.data().kind());
        assertEquals(30, p.data().dim());
        assertEquals(3, p.data().rank());
        assertEquals(3, p.network().depth());
        assertEquals(InitKind.ORTHOGONAL, p.network().init().kind());
        assertEquals(1.0, p.network().init().scale());
        assertEquals(OptimizerKind.GD, p.training().optimizer());
        assertEquals(LossKind.HALF_MEAN, p.training().loss());
        assertEquals(50, p.training().steps());
        assertEquals(SvdKind.FULL, p.metrics().svd());
        assertEquals(1, p.metrics().referenceStep());
        assertEquals(List.of("main"), names(p));
    }

    @Test
    void e2UsesGaussianInputsScaledByOneFifteenth() {
        Preset p = PresetLoader.load(FOLDER.resolve("e2-non-whitened.json"), List.of());
        assertEquals(DataKind.REGRESSION, p.data().kind());
        assertFalse(p.data().whiten());
        assertEquals(1.0 / 15, p.data().inputScale());
        assertEquals(TargetKind.GAUSSIAN, p.data().targetKind());
        assertEquals(3, p.data().targetRows());
        assertEquals(300, p.data().sampleCount());
    }

    @Test
    void e3TrainsMomentumAndAdamSideBySide() {
        ExperimentSpec e =
                PresetLoader.load(FOLDER.resolve("e3-momentum.json"), List.of()).toExperiment();
        assertEquals(
                List.of("momentum", "adam"),
                e.variants().stream().map(VariantSpec::name).toList());
        assertEquals(OptimizerKind.MOMENTUM, e.variants().get(0).training().optimizer());
        assertEquals(0.9, e.variants().get(0).training().momentum());
        assertEquals(1.0, e.variants().get(0).training().learningRate());
        assertEquals(OptimizerKind.ADAM, e.variants().get(1).training().optimizer());
        assertEquals(0.01, e.variants().get(1).training().learningRate());
        assertEquals(e.variants().get(0).network(), e.variants().get(1).network());
    }

    @Test
    void e8StopsAtTheLossToleranceCheckedEveryHundredSteps() {
        Preset p = PresetLoader.load(FOLDER.resolve("e8-progressive-separation.json"), List.of());
        assertEquals(DataKind.CLASSIFICATION, p.data().kind());
        assertEquals(50, p.data().sampleCount());
        assertEquals(5, p.data().targetRows());
        assertEquals(8, p.network().depth());
        assertEquals(0.5, p.network().init().scale());
        assertEquals(500_000, p.training().steps());
        assertEquals(1e-6, p.training().lossTolerance());
        assertEquals(100, p.training().lossCheckEvery());
        assertEquals(100, p.metrics().every());
        assertEquals(SvdKind.VALUES, p.metrics().svd());
    }

    private static List<String> names(Preset p) {
        return p.toExperiment().variants().stream().map(VariantSpec::name).toList();
    }
}
