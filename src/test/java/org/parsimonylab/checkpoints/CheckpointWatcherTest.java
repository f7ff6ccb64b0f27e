package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.engine.linalg.LinAlgs;

/**
 * The watch core: a writer thread adds checkpoints (some written slowly, in two halves, or file by file) while the
 * watcher polls and the analysis runs; every checkpoint is yielded once, in step order, complete, and the analysis
 * equals the batch analysis of the finished folder.
 */
class CheckpointWatcherTest {
    @TempDir
    Path tmp;

    private static Map<String, CheckpointFiles.Raw> tensors(long step) {
        SplittableRandom rng = new SplittableRandom(step);
        double[] a = new double[8 * 6];
        double[] b = new double[5 * 8];
        for (int i = 0; i < a.length; i++) {
            a[i] = rng.nextGaussian();
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = rng.nextGaussian();
        }
        return CheckpointFiles.of(
                Map.entry("a", CheckpointFiles.tensor("F32", new long[] {8, 6}, a)),
                Map.entry("b", CheckpointFiles.tensor("F64", new long[] {5, 8}, b)));
    }

    /** Writes steps 0..5 into {@code dir}: slow halves, an .npz, a .npy folder file by file, a hidden temp file. */
    private static void writeAll(Path dir, long pauseMillis) throws IOException, InterruptedException {
        for (int s = 0; s <= 5; s++) {
            Map<String, CheckpointFiles.Raw> t = tensors(s);
            switch (s % 3) {
                case 0 -> {
                    try (OutputStream out = Files.newOutputStream(dir.resolve("step-" + s + ".safetensors"))) {
                        CheckpointFiles.writeSlowly(out, CheckpointFiles.safetensors(t, null), pauseMillis);
                    }
                }
                case 1 -> {
                    try (OutputStream out = Files.newOutputStream(dir.resolve("ckpt_" + s + ".npz"))) {
                        CheckpointFiles.writeSlowly(out, CheckpointFiles.npz(t, true), pauseMillis);
                    }
                }
                default -> {
                    Path folder = Files.createDirectories(dir.resolve("step-" + s));
                    Files.write(folder.resolve("a.npy"), CheckpointFiles.npy(t.get("a")));
                    Thread.sleep(pauseMillis);
                    Files.write(folder.resolve("b.npy"), CheckpointFiles.npy(t.get("b")));
                }
            }
            // A writer's hidden temporary file is never taken for a checkpoint.
            Files.write(dir.resolve(".tmp-" + s + ".safetensors"), new byte[] {1, 2, 3});
            Thread.sleep(pauseMillis / 2);
        }
    }

    @Test
    void checkpointsAppearingWhileAnalysingAreYieldedOnceInOrderAndComplete() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("live"));
        AtomicReference<Throwable> writerFailure = new AtomicReference<>();
        Thread writer = new Thread(() -> {
            try {
                writeAll(dir, 250);
            } catch (Throwable e) {
                writerFailure.set(e);
            }
        });
        List<String> warnings = new CopyOnWriteArrayList<>();
        CheckpointWatcher watcher = new CheckpointWatcher(dir, 200, warnings::add);
        SeriesAnalyzer live = new SeriesAnalyzer("live", AnalysisOptions.defaults(), LinAlgs.create());
        List<CheckpointMetrics> liveResults = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        writer.start();
        while (steps.size() < 6) {
            List<Checkpoint> found = watcher.next(20, 20_000, () -> false);
            assertTrue(!found.isEmpty(), "the watcher timed out after steps " + steps);
            for (Checkpoint c : found) {
                steps.add(c.step());
                for (TensorInfo t : c.tensors()) {
                    assertArrayEquals(
                            expected(c.step(), t.name()), c.read(t.name()), 0.0, "step " + c.step() + " " + t.name());
                }
                liveResults.add(live.analyze(c));
                watcher.expectTensors(Set.of("a", "b"));
            }
        }
        writer.join();
        assertEquals(null, writerFailure.get());
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L, 5L), steps);
        assertEquals(List.of(), watcher.poll(), "nothing is yielded twice");
        assertEquals(List.of(), warnings);
        SeriesAnalyzer batch = new SeriesAnalyzer("live", AnalysisOptions.defaults(), LinAlgs.create());
        List<Checkpoint> all = CheckpointSeries.scan(dir).checkpoints();
        for (int i = 0; i < all.size(); i++) {
            CheckpointMetrics b = batch.analyze(all.get(i));
            for (int j = 0; j < b.metrics().size(); j++) {
                assertArrayEquals(
                        b.metrics().get(j).values(),
                        liveResults.get(i).metrics().get(j).values(),
                        0.0);
            }
        }
    }

    private static double[] expected(long step, String name) {
        CheckpointFiles.Raw r = tensors(step).get(name);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(r.bytes()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int n = r.bytes().length / (r.dtype().equals("F32") ? 4 : 8);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.dtype().equals("F32") ? b.getFloat() : b.getDouble();
        }
        return out;
    }

    @Test
    void aCheckpointThatStaysIncompleteIsSkippedWithAWarningAndALateStepToo() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("stuck"));
        byte[] full = CheckpointFiles.safetensors(tensors(1), null);
        Files.write(dir.resolve("step-1.safetensors"), java.util.Arrays.copyOf(full, full.length / 2));
        CheckpointFiles.writeSafetensors(dir.resolve("step-2.safetensors"), tensors(2), null);
        List<String> warnings = new ArrayList<>();
        CheckpointWatcher watcher = new CheckpointWatcher(dir, 3, warnings::add);
        assertEquals(List.of(), watcher.poll(), "first sight: sizes not yet known stable");
        assertEquals(List.of(2L), watcher.poll().stream().map(Checkpoint::step).toList());
        watcher.poll();
        watcher.poll();
        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(
                warnings.get(0).contains("step-1.safetensors")
                        && warnings.get(0).contains("truncated"),
                warnings.get(0));
        CheckpointFiles.writeSafetensors(dir.resolve("step-0.safetensors"), tensors(0), null);
        watcher.poll();
        assertEquals(List.of(), watcher.poll(), "step 0 after step 2 is not yielded");
        assertTrue(warnings.get(1).contains("step 0 arrived after step 2"), warnings.get(1));
    }

    @Test
    void analyzeWatchFollowsAWriterUntilTheIdleTimeout() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("job"));
        Thread writer = new Thread(() -> {
            try {
                for (int s = 0; s < 3; s++) {
                    Thread.sleep(150);
                    CheckpointFiles.writeSafetensors(
                            dir.resolve("step-" + (100 * s) + ".safetensors"), tensors(s), Map.of());
                }
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        Path out = tmp.resolve("out");
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {
                    "analyze",
                    dir.toString(),
                    "--out",
                    out.toString(),
                    "--watch",
                    "--poll",
                    "0.05",
                    "--watch-timeout",
                    "4"
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        writer.join();
        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("step 200 analysed (3 checkpoints"), err.toString());
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        for (long s : new long[] {0, 100, 200}) {
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(s + ",job,sv,a,0,")), "step " + s);
        }
    }
}
