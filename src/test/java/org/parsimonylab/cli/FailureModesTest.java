package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.MetricsCsv;

/** Failures are messages: divergence, interrupts, stale folders, output and memory refusals, exit codes. */
class FailureModesTest {
    @TempDir
    Path tmp;

    private List<String> siblings() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aDivergedRunKeepsTheLastGoodStateAndExitsWithItsOwnCode() throws IOException {
        Path out = tmp.resolve("diverged");
        CliTest.Result r = CliTest.cli(
                "run",
                "presets/e1-law-of-parsimony.json",
                "--out",
                out.toString(),
                "--set",
                "training.learningRate=300",
                "--checkpoint-every",
                "2");
        assertEquals(Main.EXIT_DIVERGED, r.code(), r.err());
        assertTrue(r.err().contains("variant 'main' diverged at step"), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
        List<MetricsCsv.Row> rows = MetricsCsv.read(out.resolve("metrics.csv"));
        List<MetricsCsv.Row> losses =
                rows.stream().filter(x -> x.metric().equals("loss")).toList();
        assertFalse(losses.isEmpty());
        assertTrue(losses.stream().allMatch(x -> Double.isFinite(x.value()) && x.value() < 1e100), "good steps only");
        long lastGood = losses.get(losses.size() - 1).step();
        assertTrue(r.err().contains("metrics kept up to step " + lastGood), r.err());
        // checkpoints: only finite ones, the newest no later than the last good step
        try (Stream<Path> steps = Files.list(out.resolve("weights/main"))) {
            List<String> names =
                    steps.map(p -> p.getFileName().toString()).sorted().toList();
            assertFalse(names.isEmpty());
            long newest = Long.parseLong(names.get(names.size() - 1).substring(5));
            assertTrue(newest <= lastGood, names + " vs " + lastGood);
            for (String n : names) {
                var w = org.parsimonylab.export.Npy.read(out.resolve("weights/main/" + n + "/W1.npy"));
                for (double v : w.data()) {
                    assertTrue(Math.abs(v) < 1e100, n + ": " + v);
                }
            }
        }
    }

    @Test
    void anOutputLargerThanTheDiskIsRefusedBeforeRunning() throws IOException {
        Path out = tmp.resolve("huge");
        CliTest.Result r = CliTest.cli(
                "run",
                "presets/e6-equivalent-trajectory-d1000.json",
                "--out",
                out.toString(),
                "--set",
                "training.steps=1000000",
                "--checkpoint-every",
                "1");
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("estimated output ("), r.err());
        assertTrue(r.err().contains("pass --allow-large-output"), r.err());
        assertEquals(List.of(), siblings(), "nothing written");
    }

    @Test
    void aSizeThatCannotFitInMemoryIsRefusedUpFront() throws IOException {
        CliTest.Result r = CliTest.cli(
                "run",
                "presets/e8-progressive-separation.json",
                "--out",
                tmp.resolve("big").toString(),
                "--set",
                "data.classes=1000",
                "--set",
                "data.samplesPerClass=1000");
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("of memory but Java may use"), r.err());
        assertTrue(r.err().contains("-Xmx"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(List.of(), siblings());
    }

    @Test
    void aPartialFolderOfAKilledRunIsRemovedByTheNextRun() throws Exception {
        Process dead = new ProcessBuilder(
                        ProcessHandle.current().info().command().orElse("java"), "-version")
                .redirectErrorStream(true)
                .start();
        dead.getInputStream().readAllBytes();
        dead.waitFor();
        Path stale = Files.createDirectories(tmp.resolve(".e1.partial-0123abcd"));
        Files.writeString(stale.resolve(".owner"), dead.pid() + " 0\n");
        Files.writeString(stale.resolve("metrics.csv"), "half");
        Path alive = Files.createDirectories(tmp.resolve(".e1.partial-4567ef"));
        Files.writeString(alive.resolve(".owner"), ProcessHandle.current().pid() + "\n");
        CliTest.Result r = CliTest.cli(
                "run",
                "presets/e1-law-of-parsimony.json",
                "--out",
                tmp.resolve("e1").toString(),
                "--steps",
                "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("removed " + stale), r.err());
        assertEquals(List.of(".e1.partial-4567ef", "e1"), siblings(), "a live owner's folder stays");
        assertFalse(Files.exists(tmp.resolve("e1/.owner")), "the owner file does not reach the run folder");
    }

    @Test
    void sigtermAtRandomMomentsLeavesNothingAndPrintsNoError() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String cp = System.getProperty("java.class.path");
        assumeTrue(Files.isExecutable(Path.of(java)), "no java executable at " + java);
        assumeTrue(cp != null && !cp.isBlank(), "no class path to start the CLI with");
        Random rng = new Random(20261128L);
        for (int trial = 0; trial < 3; trial++) {
            Path out = tmp.resolve("run-" + trial);
            Path err = tmp.resolve("err-" + trial + ".txt");
            Process p = new ProcessBuilder(
                            java,
                            "-cp",
                            cp,
                            "org.parsimonylab.cli.Main",
                            "run",
                            "presets/e1-law-of-parsimony.json",
                            "--out",
                            out.toString(),
                            "--set",
                            "training.steps=1000000",
                            "--set",
                            "metrics.every=1")
                    .redirectError(err.toFile())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            Thread.sleep(300 + rng.nextInt(1700));
            p.destroy(); // SIGTERM
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the CLI stops after SIGTERM");
            String stderr = Files.readString(err);
            Files.delete(err);
            assertFalse(stderr.contains("error:"), stderr);
            assertFalse(stderr.contains("Exception"), stderr);
            List<String> left = siblings();
            assertEquals(List.of(), left, "trial " + trial + ": debris " + left + "\n" + stderr);
        }
    }

    @Test
    void anOutOfMemoryErrorIsOneLineWithTheRemedy() {
        String line = Main.outOfMemory(new OutOfMemoryError("Java heap space"));
        assertFalse(line.contains("\n"));
        assertTrue(line.startsWith("out of memory (Java heap space; Java may use "), line);
        assertTrue(line.contains("-Xmx") && line.contains("network.width"), line);
    }

    @Test
    void aWidthInsideTheLimitsThatCannotFitIsRefusedNotAnOutOfMemoryError() throws IOException {
        CliTest.Result r = CliTest.cli(
                "run",
                "presets/e1-law-of-parsimony.json",
                "--out",
                tmp.resolve("wide").toString(),
                "--set",
                "data.dim=10000",
                "--set",
                "data.outputDim=10000",
                "--set",
                "network.width=10000");
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertTrue(r.err().startsWith("error: presets/e1-law-of-parsimony.json: "), r.err());
        assertTrue(r.err().contains("-Xmx"), r.err());
        assertEquals(List.of(), siblings());
    }
}
