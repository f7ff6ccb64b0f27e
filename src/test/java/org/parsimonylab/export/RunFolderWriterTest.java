package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

class RunFolderWriterTest {
    @TempDir
    Path dir;

    /** A 3×4 completion problem with X = I (not stored) and a mask, built by hand. */
    static Dataset completion() {
        DataSpec spec = new DataSpec(
                DataKind.COMPLETION,
                4,
                3,
                2,
                300,
                5,
                10,
                0.5,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        DMatrixRMaj y = NpyTest.random(3, 4, 5);
        DMatrixRMaj mask = new DMatrixRMaj(3, 4);
        for (int i = 0; i < 12; i += 2) {
            mask.data[i] = 1.0;
        }
        return new Dataset(spec, null, 4, y, mask, null, y.copy());
    }

    /** Two classes of three samples each, with an explicit 3×6 X and labels. */
    static Dataset classification() {
        DataSpec spec = new DataSpec(
                DataKind.CLASSIFICATION,
                3,
                2,
                0,
                300,
                2,
                3,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        DMatrixRMaj x = NpyTest.random(3, 6, 9);
        DMatrixRMaj y = new DMatrixRMaj(2, 6);
        int[] labels = {0, 1, 1, 0, 0, 1};
        for (int j = 0; j < 6; j++) {
            y.set(labels[j], j, 1.0);
        }
        return new Dataset(spec, x, 3, y, null, labels, null);
    }

    static StepSnapshot snapshot(long step) {
        return new StepSnapshot(
                step,
                0.25,
                List.of(
                        MetricSeries.scalar("loss", 0.5 / (step + 1)),
                        MetricSeries.indexed("sv", 1, new double[] {3.0, 1e-300, -0.0}),
                        MetricSeries.indexed("sv", 2, new double[] {Double.NaN, Double.POSITIVE_INFINITY}),
                        MetricSeries.ofLayer("separation", 0, Double.NEGATIVE_INFINITY),
                        MetricSeries.ofLayer("separation", 1, 0.1 + 0.2)));
    }

    /** The rows the CSV must hold, derived from the snapshot independently of the writer. */
    static List<MetricsCsv.Row> expectedRows(String variant, StepSnapshot snap) {
        List<MetricsCsv.Row> rows = new ArrayList<>();
        for (MetricSeries s : snap.series()) {
            for (int i = 0; i < s.values().length; i++) {
                rows.add(new MetricsCsv.Row(
                        snap.step(), variant, s.name(), s.layer(), s.indexed() ? i : -1, s.values()[i]));
            }
        }
        return rows;
    }

    static DMatrixRMaj[] weights(long seed) {
        return new DMatrixRMaj[] {
            NpyTest.random(5, 4, seed), NpyTest.random(5, 5, seed + 1), NpyTest.random(3, 5, seed + 2)
        };
    }

    private static Set<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void committedFolderHasLayout1WithIdentityXAndMask() throws IOException {
        Path out = dir.resolve("runs").resolve("law");
        Dataset data = completion();
        DMatrixRMaj[] w0 = weights(1);
        Path temporary;
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            temporary = writer.temporaryDirectory();
            assertEquals(out.getParent(), temporary.getParent(), "temporary directory is a sibling");
            assertTrue(temporary.getFileName().toString().startsWith(".law.partial-"), temporary.toString());
            assertFalse(Files.exists(out), "nothing appears at --out before commit");
            writer.writePreset("{\"schemaVersion\": 1}");
            writer.writeData(data);
            writer.writeWeights("wide", 0, w0);
            writer.writeWeights("wide", 50, weights(2));
            writer.writeWeights("compressed", 123_456_789, weights(3));
            writer.appendMetrics("wide", snapshot(0));
            writer.writeReadme("Law of parsimony", List.of("loss: the training loss"));
            assertEquals(out, writer.commit());
        }
        assertFalse(Files.exists(temporary), "the temporary directory was renamed");
        assertEquals(List.of("law"), entries(out.getParent()), "no leftovers beside the run folder");
        assertEquals(
                new TreeSet<>(List.of(
                        "README.txt",
                        "data/X.npy",
                        "data/Y.npy",
                        "data/mask.npy",
                        "metrics.csv",
                        "preset.json",
                        "timings.csv",
                        "weights/compressed/step-123456789/W1.npy",
                        "weights/compressed/step-123456789/W2.npy",
                        "weights/compressed/step-123456789/W3.npy",
                        "weights/wide/step-00000000/W1.npy",
                        "weights/wide/step-00000000/W2.npy",
                        "weights/wide/step-00000000/W3.npy",
                        "weights/wide/step-00000050/W1.npy",
                        "weights/wide/step-00000050/W2.npy",
                        "weights/wide/step-00000050/W3.npy")),
                filesUnder(out));
        assertEquals("{\"schemaVersion\": 1}\n", Files.readString(out.resolve("preset.json")));

        NpyArray x = Npy.read(out.resolve("data/X.npy"));
        assertArrayEquals(new int[] {4, 4}, x.shape());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1}, x.data());
        assertArrayEquals(data.y().data, Npy.read(out.resolve("data/Y.npy")).data());
        assertArrayEquals(
                data.mask().data, Npy.read(out.resolve("data/mask.npy")).data());
        for (int l = 0; l < 3; l++) {
            NpyArray w = Npy.read(out.resolve("weights/wide/step-00000000/W" + (l + 1) + ".npy"));
            assertArrayEquals(new int[] {w0[l].numRows, w0[l].numCols}, w.shape(), "W" + (l + 1));
            assertArrayEquals(w0[l].data, w.data(), "W" + (l + 1));
        }
    }

    @Test
    void classificationDataWritesXAndLabelsButNoMask() throws IOException {
        Path out = dir.resolve("cls");
        Dataset data = classification();
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.writeData(data);
            writer.commit();
        }
        assertEquals(
                Set.of("data/X.npy", "data/Y.npy", "data/labels.npy", "metrics.csv", "timings.csv"),
                filesUnder(out),
                "metrics.csv always exists; no mask without one");
        assertArrayEquals(data.x().data, Npy.read(out.resolve("data/X.npy")).data());
        assertArrayEquals(new int[] {3, 6}, Npy.read(out.resolve("data/X.npy")).shape());
        NpyArray labels = Npy.read(out.resolve("data/labels.npy"));
        assertArrayEquals(new int[] {6}, labels.shape());
        assertArrayEquals(data.labels(), labels.toInts());
        assertEquals(List.of(), MetricsCsv.read(out.resolve("metrics.csv")));
    }

    @Test
    void metricsCsvRoundTripsEveryValueOfEverySnapshot() throws IOException {
        Path out = dir.resolve("m");
        List<MetricsCsv.Row> expected = new ArrayList<>();
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            for (long step = 0; step < 3; step++) {
                for (String variant : List.of("wide", "compressed, r=3")) {
                    writer.appendMetrics(variant, snapshot(step));
                    expected.addAll(expectedRows(variant, snapshot(step)));
                }
            }
            writer.commit();
        }
        List<MetricsCsv.Row> rows = MetricsCsv.read(out.resolve("metrics.csv"));
        assertEquals(expected.size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            // Row equality compares doubles like Double.equals: bit-exact up to NaN, and -0.0 != 0.0.
            assertEquals(expected.get(i), rows.get(i), "row " + i);
        }
    }

    @Test
    void metricsCsvTextHasEmptyLayerAndIndexColumnsAndNumpySpellings() throws IOException {
        Path out = dir.resolve("m");
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.appendMetrics("wide", snapshot(7));
            writer.commit();
        }
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"), StandardCharsets.UTF_8);
        assertEquals(
                List.of(
                        "step,variant,metric,layer,index,value",
                        "7,wide,loss,,,0.0625",
                        "7,wide,sv,1,0,3.0",
                        "7,wide,sv,1,1,1.0E-300",
                        "7,wide,sv,1,2,-0.0",
                        "7,wide,sv,2,0,nan",
                        "7,wide,sv,2,1,inf",
                        "7,wide,separation,0,,-inf",
                        "7,wide,separation,1,,0.30000000000000004"),
                lines);
    }

    @Test
    void closeWithoutCommitLeavesNeitherOutNorTemporaryDirectory() throws IOException {
        Path out = dir.resolve("aborted");
        Path temporary;
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            temporary = writer.temporaryDirectory();
            writer.writeData(completion());
            writer.writeWeights("wide", 0, weights(1));
            writer.appendMetrics("wide", snapshot(0));
            assertTrue(Files.isDirectory(temporary));
        }
        assertFalse(Files.exists(out));
        assertFalse(Files.exists(temporary));
        assertEquals(List.of(), entries(dir));
    }

    @Test
    void anErrorInsideTryWithResourcesLeavesNothing() throws IOException {
        Path out = dir.resolve("failed");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> {
            try (RunFolderWriter writer = RunFolderWriter.create(out)) {
                writer.writeWeights("wide", 0, weights(1));
                throw new IllegalStateException("training diverged");
            }
        });
        assertEquals("training diverged", e.getMessage());
        assertEquals(List.of(), entries(dir));
    }

    @Test
    void nonEmptyOutIsRefusedAndUntouched() throws IOException {
        Path out = dir.resolve("runs").resolve("x");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        RunFolderExistsException e = assertThrows(RunFolderExistsException.class, () -> RunFolderWriter.create(out));
        assertEquals("--out " + out + " exists and is not empty; choose a new folder", e.getMessage());
        assertEquals(out, e.path());
        assertEquals(List.of("notes.txt"), entries(out));
        assertEquals("keep me", Files.readString(out.resolve("notes.txt")));
        assertEquals(List.of("x"), entries(out.getParent()), "no temporary directory was created");
    }

    @Test
    void aFileAtOutIsRefused() throws IOException {
        Path out = dir.resolve("x");
        Files.writeString(out, "data");
        RunFolderExistsException e = assertThrows(RunFolderExistsException.class, () -> RunFolderWriter.create(out));
        assertEquals("--out " + out + " exists and is not a folder; choose a new folder", e.getMessage());
        assertEquals("data", Files.readString(out));
        assertEquals(List.of("x"), entries(dir));
    }

    @Test
    void anEmptyOutFolderIsReplacedOnCommit() throws IOException {
        Path out = dir.resolve("empty");
        Files.createDirectory(out);
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.writePreset("{}");
            writer.commit();
        }
        assertEquals(List.of("metrics.csv", "preset.json", "timings.csv"), entries(out));
        assertEquals(List.of("empty"), entries(dir));
    }

    @Test
    void somethingAppearingAtOutBeforeCommitIsNotOverwritten() throws IOException {
        Path out = dir.resolve("raced");
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.writePreset("{}");
            Files.createDirectories(out);
            Files.writeString(out.resolve("other.txt"), "someone else's");
            assertThrows(RunFolderExistsException.class, writer::commit);
            assertThrows(IllegalStateException.class, () -> writer.writePreset("{}"));
        }
        assertEquals(List.of("other.txt"), entries(out));
        assertEquals(List.of("raced"), entries(dir), "the temporary directory was removed");
    }

    @Test
    void writesAfterCommitAreRejected() throws IOException {
        try (RunFolderWriter writer = RunFolderWriter.create(dir.resolve("done"))) {
            writer.commit();
            assertThrows(IllegalStateException.class, () -> writer.appendMetrics("wide", snapshot(1)));
            assertThrows(IllegalStateException.class, writer::commit);
        }
        assertTrue(Files.isRegularFile(dir.resolve("done").resolve("metrics.csv")), "close after commit keeps it");
    }

    @Test
    void variantNamesMustBeSingleFolderNames() throws IOException {
        try (RunFolderWriter writer = RunFolderWriter.create(dir.resolve("v"))) {
            for (String bad : List.of("", "..", ".", "a/b", "..\\x", "a:b", " wide", "line\nbreak")) {
                IllegalArgumentException e = assertThrows(
                        IllegalArgumentException.class, () -> writer.writeWeights(bad, 0, weights(1)), bad);
                assertFalse(e.getMessage().contains("\n"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> writer.appendMetrics(bad, snapshot(0)), bad);
            }
            writer.writeWeights("width 40", 0, weights(1));
            assertThrows(IllegalStateException.class, () -> writer.writeWeights("width 40", 0, weights(1)));
            assertEquals(
                    List.of("width 40"), entries(writer.temporaryDirectory().resolve("weights")));
        }
    }

    @Test
    void readmeExplainsFilesLoadingAndMetrics() throws IOException {
        Path out = dir.resolve("r");
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.appendMetrics("wide", snapshot(0));
            writer.appendMetrics("wide", new StepSnapshot(1, 0.5, List.of(MetricSeries.scalar("custom-metric", 1.0))));
            writer.writeReadme(
                    "Law of parsimony",
                    List.of("loss: ignored, the catalogue knows loss", "custom-metric: a metric no probe declares"));
            writer.commit();
        }
        String readme = Files.readString(out.resolve("README.txt"));
        assertTrue(readme.startsWith("Law of parsimony\n"), readme);
        for (String expected : List.of(
                "layout 1",
                "preset.json",
                "metrics.csv",
                "data/X.npy",
                "data/Y.npy",
                "data/mask.npy",
                "data/labels.npy",
                "step-<8 digits>",
                "np.load(\"weights/wide/step-00000000/W1.npy\")",
                "pd.read_csv(\"metrics.csv\"",
                "np.genfromtxt(\"metrics.csv\"",
                "  loss: " + MetricCatalog.describe("loss") + "\n",
                "  sv: " + MetricCatalog.describe("sv") + "\n",
                "  separation: " + MetricCatalog.describe("separation") + "\n",
                "  custom-metric: a metric no probe declares\n")) {
            assertTrue(readme.contains(expected), "README lacks " + expected);
        }
        // Only what was written: no metric of a probe this run did not have.
        assertFalse(readme.contains("rho-predicted"), readme);
        assertFalse(readme.contains("test_indices"), "no test split, no test-split files");
    }

    @Test
    void aParentThatIsAFileGivesAOneLineError() throws IOException {
        Path file = dir.resolve("plain-file");
        Files.writeString(file, "x");
        Path out = file.resolve("run");
        IOException e = assertThrows(IOException.class, () -> RunFolderWriter.create(out));
        assertFalse(e instanceof RunFolderExistsException);
        assertEquals("cannot create " + file + ": " + file + " is not a folder", e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals("x", Files.readString(file));
    }

    @Test
    void anUnwritableParentGivesAOneLineError() throws IOException {
        Path parent = Files.createDirectory(dir.resolve("locked"));
        try {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("r-xr-xr-x"));
        } catch (UnsupportedOperationException e) {
            assumeFalse(true, "no POSIX permissions on this file system");
        }
        try {
            // root ignores permission bits, so the test would prove nothing there.
            assumeFalse(Files.isWritable(parent), "permissions are not enforced for this user (root?)");
            Path out = parent.resolve("run");
            IOException e = assertThrows(IOException.class, () -> RunFolderWriter.create(out));
            assertEquals("cannot write to " + parent + ": permission denied", e.getMessage());
            assertEquals(List.of(), entries(parent));
        } finally {
            Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }
}
