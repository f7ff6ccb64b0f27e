package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.export.Npy;
import org.parsimonylab.export.NpyArray;
import org.parsimonylab.metrics.MetricsRecorder;

/** The command line as a user meets it: run folders, overrides, bench, and one-line errors with exit codes. */
class CliTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void runWritesARunFolderThatRoundTrips() throws IOException {
        Path out = tmp.resolve("e1");
        Result r = cli(
                "run",
                "presets/e1-law-of-parsimony.json",
                "--out",
                out.toString(),
                "--set",
                "training.steps=10",
                "--checkpoint-every",
                "5");
        assertEquals(0, r.code(), r.err());
        for (String f : List.of(
                "preset.json",
                "metrics.csv",
                "README.txt",
                "data/X.npy",
                "data/Y.npy",
                "weights/main/step-00000000/W1.npy",
                "weights/main/step-00000005/W3.npy",
                "weights/main/step-00000010/W2.npy")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        NpyArray x = Npy.read(out.resolve("data/X.npy"));
        assertArrayEquals(new int[] {30, 30}, x.shape());
        assertEquals(1.0, x.data()[0]);
        List<MetricsCsv.Row> rows = MetricsCsv.read(out.resolve("metrics.csv"));
        assertEquals(
                11, rows.stream().filter(row -> row.metric().equals("loss")).count());
        assertEquals(
                11 * 3 * 30,
                rows.stream().filter(row -> row.metric().equals("sv")).count());
        String preset = Files.readString(out.resolve("preset.json"));
        assertTrue(preset.matches("(?s).*\"steps\"\\s*:\\s*10\\b.*"), preset);
        // the resolved preset runs again to the same numbers
        Path again = tmp.resolve("again");
        assertEquals(
                0,
                cli("run", out.resolve("preset.json").toString(), "--out", again.toString())
                        .code());
        // metrics.csv is identical byte for byte; the measurements of time live apart in timings.csv
        assertEquals(Files.readString(out.resolve("metrics.csv")), Files.readString(again.resolve("metrics.csv")));
        List<MetricsCsv.Row> timings = MetricsCsv.read(out.resolve("timings.csv"));
        assertTrue(timings.stream().anyMatch(row -> row.metric().equals("steps-per-second")), "timings.csv rows");
        assertTrue(timings.stream().allMatch(row -> MetricsRecorder.TIMING_METRICS.contains(row.metric())));
        assertArrayEquals(
                Npy.read(out.resolve("weights/main/step-00000010/W1.npy")).data(),
                Npy.read(again.resolve("weights/main/step-00000010/W1.npy")).data());
    }

    static Stream<String[]> badInputs() {
        return Stream.of(
                new String[] {"presets/e1-law-of-parsimony.json", "network.width", "--set", "network.width=0"},
                new String[] {"presets/e1-law-of-parsimony.json", "learningRate", "--set", "training.learningRate=-1"},
                new String[] {"presets/e1-law-of-parsimony.json", "network.widht", "--set", "network.widht=3"},
                new String[] {"presets/does-not-exist.json", "does-not-exist.json"});
    }

    @Test
    void badInputGivesOneLineErrorsNonZeroExitAndNoOutput() throws IOException {
        Path malformed = tmp.resolve("malformed.json");
        Files.writeString(malformed, "{ \"schemaVersion\": 1, \"data\": { \"dim\": 30, }");
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, "{ \"schemaVersion\": 1, \"training\": { \"learningrate\": 0.1 } }");
        List<String[]> cases = new java.util.ArrayList<>(badInputs().toList());
        cases.add(new String[] {malformed.toString(), "malformed.json"});
        cases.add(new String[] {unknown.toString(), "training.learningrate"});
        int i = 0;
        for (String[] c : cases) {
            Path out = tmp.resolve("out" + i++);
            String[] args = Stream.concat(
                            Stream.of("run", c[0], "--out", out.toString()),
                            Stream.of(c).skip(2))
                    .toArray(String[]::new);
            Result r = cli(args);
            assertEquals(Main.EXIT_USER_ERROR, r.code(), String.join(" ", args));
            String line = r.err().strip();
            assertFalse(line.contains("\n"), line);
            assertTrue(line.startsWith("error: ") && line.contains(c[1]), line);
            assertFalse(line.contains("Exception"), line);
            assertFalse(Files.exists(out), "nothing written for " + c[1]);
            try (var siblings = Files.list(tmp)) {
                assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains(".partial-")));
            }
        }
    }

    @Test
    void anOccupiedOutFolderIsRefusedAndLeftAlone() throws IOException {
        Path out = tmp.resolve("busy");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        Result r = cli("run", "presets/e1-law-of-parsimony.json", "--out", out.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), "a bad path is bad input (README)");
        assertTrue(r.err().contains("exists and is not empty"), r.err());
        assertEquals("mine", Files.readString(out.resolve("keep.txt")));
    }

    @Test
    void benchPrintsStepsPerSecondGflopsAndTheBackend() {
        Result r =
                cli("bench", "presets/e1-law-of-parsimony.json", "--steps", "5", "--warmup", "1", "--backend", "ejml");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("backend: EJML"), r.out());
        assertTrue(r.out().contains("steps/s") && r.out().contains("GFLOP/s"), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("main ")), r.out());
    }

    @Test
    void unknownOptionsAndBackendsAreUserErrors() {
        assertEquals(Main.EXIT_USER_ERROR, cli("run", "--nope").code());
        Result r = cli("bench", "presets/e1-law-of-parsimony.json", "--backend", "cuda");
        assertEquals(Main.EXIT_USER_ERROR, r.code());
        assertTrue(r.err().contains("backend must be one of"), r.err());
    }
}
