package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C safety: stopping a local sweep while its run trains stops the child JVM, which removes its partial run
 * folder; the run is recorded as interrupted and counts as unfinished, so the next sweep redoes it.
 */
class LocalExecutorStopTest {
    @TempDir
    Path tmp;

    @Test
    void stopInterruptsTheRunningChildAndLeavesNothingHalfWritten() throws Exception {
        // Long enough to be still training when stopped, however slow the machine; metrics rarely, so that `run`
        // does not refuse the output its size estimate projects for 1e8 steps.
        SweepPlan plan = SweepPlan.build(
                Path.of("presets/e1-law-of-parsimony.json"),
                List.of("training.steps=100000000", "metrics.every=10000000"),
                List.of(),
                0,
                false,
                0,
                "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("sweep"));
        folder.writePlan(plan);
        SweepPoint p = plan.points().get(0);
        LocalExecutor executor = new LocalExecutor(folder, plan, JavaCommand.current(List.of()), 1, 1, 1);
        CompletableFuture<List<RunStatus>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.run(List.of(p), new LocalExecutor.Listener() {});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        // Stop once the child trains (it has begun its run folder and printed progress), so its cleanup is in place.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!training(folder) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertTrue(training(folder), "the run did not start training within 2 minutes");
        executor.stop(30);
        List<RunStatus> statuses = result.get(60, TimeUnit.SECONDS);
        assertEquals(RunStatus.State.INTERRUPTED, statuses.get(0).state());
        assertEquals(RunStatus.State.INTERRUPTED, folder.status(p).state());
        assertFalse(folder.isFinished(p));
        assertEquals(List.of(p), LocalExecutor.unfinished(folder, plan));
        try (Stream<Path> runs = Files.list(tmp.resolve("sweep/runs"))) {
            assertEquals(List.of(), runs.toList(), "no run folder and no hidden partial folder is left");
        }
    }

    private static boolean training(SweepFolder folder) throws IOException {
        Path log = folder.root().resolve("logs/r0000.log");
        Path runs = folder.root().resolve("runs");
        if (!Files.exists(log) || !Files.isDirectory(runs)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(runs)) {
            // The log starts with two "# " lines of ours; anything after them is the run's own output.
            return entries.findAny().isPresent()
                    && Files.readAllLines(log, StandardCharsets.UTF_8).size() > 2;
        }
    }
}
