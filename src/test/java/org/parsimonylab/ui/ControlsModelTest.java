package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetException;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;

/** The controls' model: the loaded preset plus {@code --set} overrides, one key per control (no view). */
class ControlsModelTest {
    static List<String> shipped() {
        return PresetLoader.shipped();
    }

    private static final List<PresetEntry> SHIPPED = PresetEntry.shipped();

    static PresetEntry entry(String name) {
        return SHIPPED.stream()
                .filter(e -> e.fileName().equals(name))
                .findFirst()
                .orElseThrow();
    }

    /** The dotted paths of the leaves where two JSON trees differ. */
    static List<String> differences(JsonNode a, JsonNode b, String at) {
        List<String> out = new ArrayList<>();
        if (a != null && b != null && a.isObject() && b.isObject()) {
            List<String> keys = new ArrayList<>();
            a.fieldNames().forEachRemaining(keys::add);
            for (Iterator<String> it = b.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!keys.contains(k)) {
                    keys.add(k);
                }
            }
            for (String k : keys) {
                out.addAll(differences(a.get(k), b.get(k), at.isEmpty() ? k : at + "." + k));
            }
        } else if (a == null || !a.equals(b)) {
            out.add(at);
        }
        return out;
    }

    static void assertSamePreset(Preset expected, Preset actual, String what) {
        assertEquals(
                List.of(),
                differences(PresetWriter.toTree(expected), PresetWriter.toTree(actual), ""),
                what + ": fields that differ");
        assertEquals(expected, actual, what);
        assertEquals(PresetWriter.toJson(expected), PresetWriter.toJson(actual), what);
    }

    @ParameterizedTest
    @MethodSource("shipped")
    void everyShippedPresetLoadsAndBuildsUnchanged(String name) {
        ControlsModel model = new ControlsModel();
        PresetEntry entry = entry(name);
        model.load(entry);
        Preset fromFile = PresetLoader.load(Path.of("presets", name), List.of());
        assertSamePreset(fromFile, model.build(), name);
        assertEquals(List.of(), model.overrides());
        assertEquals("", model.errorProperty().get());
    }

    @Test
    void theFieldsTheOldPositionalBuildLostSurvive() {
        ControlsModel model = new ControlsModel();
        model.load(entry("p2-two-layer-invariant-subspace.json"));
        assertEquals(1.0, model.build().network().init().lastScale());
        model.load(entry("p2-fig1-smooth-mlp-spectra.json"));
        assertEquals(0.5, model.build().data().noise());
        model.load(entry("p2-lowrank-mlp-digits.json"));
        assertEquals(0.3, model.build().data().testFraction());
    }

    @Test
    void anEditSetsExactlyOneOverrideAndChangesExactlyOneKey() {
        ControlsModel model = new ControlsModel();
        List<ControlsModel.Edit> edits = new ArrayList<>();
        model.addEditListener(edits::add);
        model.load(entry("p2-fig1-smooth-mlp-spectra.json"));
        Preset before = model.build();
        for (String key : ControlsModel.keys()) {
            String value = model.value(key);
            assertFalse(value.isEmpty(), key);
        }
        assertTrue(model.set(ControlsModel.WIDTH, "187"));
        assertEquals(List.of("network.width=187"), model.overrides());
        assertEquals(
                List.of("network.width"),
                differences(PresetWriter.toTree(before), PresetWriter.toTree(model.build()), ""));
        assertEquals(List.of(new ControlsModel.Edit("network.width", "width", "64", "187")), edits);
        assertEquals("width 64 → 187", model.overridesNote());

        assertTrue(model.set(ControlsModel.WIDTH, "190"));
        assertEquals(List.of("network.width=190"), model.overrides(), "the key's override is replaced");
        assertTrue(model.set(ControlsModel.INIT_SCALE, "1e-3"));
        assertEquals(List.of("network.width=190", "network.init.scale=0.001"), model.overrides());
        assertEquals(0.001, model.build().network().init().scale());
        assertEquals(0.5, model.build().data().noise(), "an edit of another key keeps data.noise");

        assertTrue(model.set(ControlsModel.WIDTH, "64"));
        assertEquals(List.of("network.init.scale=0.001"), model.overrides(), "back to the loaded value: no override");
    }

    @Test
    void eachControlEditsOneKeyWhateverTheDataKind() {
        // "samples" and "rank" used to write different keys depending on the data kind; now every key has a control.
        ControlsModel model = new ControlsModel();
        model.load(entry("e8-progressive-separation.json"));
        Preset before = model.build();
        assertTrue(model.set(ControlsModel.SAMPLES_PER_CLASS, "20"));
        assertEquals(
                List.of("data.samplesPerClass"),
                differences(PresetWriter.toTree(before), PresetWriter.toTree(model.build()), ""));
        Preset mid = model.build();
        assertTrue(model.set(ControlsModel.BLOCK_RANK, "2"));
        assertEquals(
                List.of("metrics.blockRank"),
                differences(PresetWriter.toTree(mid), PresetWriter.toTree(model.build()), ""));
        assertFalse(ControlsModel.relevant(ControlsModel.SAMPLES, DataKind.CLASSIFICATION));
        assertTrue(ControlsModel.relevant(ControlsModel.SAMPLES_PER_CLASS, DataKind.CLASSIFICATION));
        assertTrue(ControlsModel.relevant(ControlsModel.SAMPLES, DataKind.REGRESSION));
        assertFalse(ControlsModel.relevant(ControlsModel.RANK, DataKind.CLASSIFICATION));
        assertTrue(ControlsModel.relevant(ControlsModel.BLOCK_RANK, DataKind.CLASSIFICATION));
    }

    @Test
    void switchingPresetsInAnyOrderGivesExactlyEachPreset() {
        ControlsModel model = new ControlsModel();
        List<PresetEntry> all = SHIPPED;
        for (PresetEntry a : all) {
            for (PresetEntry b : all) {
                model.load(a);
                assertTrue(model.set(ControlsModel.STEPS, "77"));
                model.load(b);
                assertSamePreset(b.preset(), model.build(), a.fileName() + " → " + b.fileName());
                assertEquals(List.of(), model.overrides(), "loading drops the overrides");
            }
        }
    }

    @Test
    void valuesBeyondAnySliderRangeArePlainValues() {
        ControlsModel model = new ControlsModel();
        model.load(entry("e4-depth-width.json"));
        assertEquals("300", model.value(ControlsModel.LEARNING_RATE));
        model.load(entry("e5-compressed-vs-narrow.json"));
        assertEquals("1000", model.value(ControlsModel.DIM));
        assertTrue(model.set(ControlsModel.LEARNING_RATE, "1e4"));
        assertEquals(10000.0, model.build().training().learningRate());
    }

    @Test
    void aRejectedEditKeepsThePreviousValueAndShowsTheLoadersMessage() {
        ControlsModel model = new ControlsModel();
        List<ControlsModel.Edit> edits = new ArrayList<>();
        model.addEditListener(edits::add);
        PresetEntry e1 = entry("e1-law-of-parsimony.json");
        model.load(e1);
        assertTrue(model.set(ControlsModel.DEPTH, "4"));
        edits.clear();
        String expected;
        try {
            PresetLoader.parse(
                    PresetWriter.toJson(e1.preset()), e1.fileName(), List.of("network.depth=4", "network.width=0"));
            throw new AssertionError("width 0 should be rejected");
        } catch (PresetException e) {
            expected = e.getMessage();
        }
        assertFalse(model.set(ControlsModel.WIDTH, "0"));
        assertEquals(expected, model.errorProperty().get());
        assertFalse(expected.contains("\n"));
        assertEquals("30", model.value(ControlsModel.WIDTH));
        assertEquals(List.of("network.depth=4"), model.overrides());
        assertEquals(List.of(), edits, "a rejected edit is no edit");
        assertFalse(model.set(ControlsModel.DIM, "abc"));
        assertTrue(
                model.errorProperty().get().contains("data.dim"),
                model.errorProperty().get());
        assertTrue(model.set(ControlsModel.WIDTH, "31"));
        assertEquals("", model.errorProperty().get(), "an accepted edit clears the message");
    }

    @Test
    void commandLineOverridesBecomeTheControlsOverrides() {
        ControlsModel model = new ControlsModel();
        PresetEntry e1 = entry("e1-law-of-parsimony.json");
        List<String> sets = List.of("network.width=40", "training.learningRate=1e-1", "seed=0", "data.noise=0.2");
        model.load(e1, sets);
        assertSamePreset(PresetLoader.loadShipped(e1.fileName(), sets), model.build(), "e1 with --set");
        assertEquals(
                List.of("network.width=40", "training.learningRate=0.1", "data.noise=0.2"),
                model.overrides(),
                "canonical values; seed=0 is the loaded value, so no override");
        assertEquals("width 30 → 40, learning rate η 1 → 0.1, data.noise 0.1 → 0.2", model.overridesNote());

        PresetException bad = assertThrows(
                PresetException.class, () -> model.load(entry("e3-momentum.json"), List.of("network.depth=0")));
        assertTrue(bad.getMessage().contains("network.depth"), bad.getMessage());
        assertSamePreset(PresetLoader.loadShipped(e1.fileName(), sets), model.build(), "a failed load changes nothing");
    }

    @Test
    void nothingLoadedBuildsNothing() {
        ControlsModel model = new ControlsModel();
        assertNull(model.build());
        assertEquals("choose a preset", model.errorProperty().get());
        assertFalse(model.set(ControlsModel.WIDTH, "3"));
    }

    /** Writes the four IDX files (raw) of a 3-image, 2×2-pixel data set into {@code dir}; returns {@code dir}. */
    static Path idxFolder(Path dir) throws java.io.IOException {
        for (String prefix : new String[] {"train", "t10k"}) {
            java.nio.ByteBuffer images = java.nio.ByteBuffer.allocate(16 + 3 * 4);
            images.putInt(0x00000803).putInt(3).putInt(2).putInt(2);
            for (int i = 0; i < 12; i++) {
                images.put((byte) (i * 20));
            }
            java.nio.file.Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), images.array());
            java.nio.ByteBuffer labels = java.nio.ByteBuffer.allocate(8 + 3);
            labels.putInt(0x00000801).putInt(3).put((byte) 0).put((byte) 1).put((byte) 2);
            java.nio.file.Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), labels.array());
        }
        return dir;
    }

    @Test
    void theIdxFolderIsOneKeyJudgedByTheLoadersMessage(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws java.io.IOException {
        ControlsModel model = new ControlsModel();
        model.load(entry("p2-fashion-mnist-lowrank.json"));
        assertTrue(ControlsModel.relevant(ControlsModel.FILE, DataKind.IDX));
        assertTrue(ControlsModel.relevant(ControlsModel.FILE, DataKind.DIGITS));
        assertFalse(ControlsModel.relevant(ControlsModel.FILE, DataKind.FACTORIZATION));
        assertFalse(ControlsModel.relevant(ControlsModel.DIM, DataKind.IDX), "the files give d");
        assertTrue(ControlsModel.relevant(ControlsModel.SAMPLES, DataKind.IDX));

        Path good = idxFolder(java.nio.file.Files.createDirectory(tmp.resolve("good")));
        assertTrue(
                model.set(ControlsModel.FILE, good.toString()),
                model.errorProperty().get());
        assertEquals(List.of("data.file=" + good), model.overrides());
        assertEquals(good.toString(), model.build().data().file());
        assertEquals(good, model.dataFile());

        Path empty = java.nio.file.Files.createDirectory(tmp.resolve("empty"));
        assertFalse(model.set(ControlsModel.FILE, empty.toString()));
        assertEquals(
                "data.file: no train-images-idx3-ubyte in " + empty + " (looked for "
                        + empty.resolve("train-images-idx3-ubyte.gz") + " and "
                        + empty.resolve("train-images-idx3-ubyte")
                        + "); point data.file at the folder that holds the IDX files",
                model.errorProperty().get());
        assertEquals(good.toString(), model.value(ControlsModel.FILE), "a rejected folder keeps the previous one");

        java.nio.file.Files.delete(good.resolve("t10k-labels-idx1-ubyte"));
        assertFalse(model.set(ControlsModel.FILE, good + "/."), "each of the four files is needed");
        assertTrue(model.errorProperty().get().startsWith("data.file: no t10k-labels-idx1-ubyte in "));
    }
}
