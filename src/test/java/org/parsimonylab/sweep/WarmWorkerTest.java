package org.parsimonylab.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Warm workers (one JVM per worker running its points one after another): the runs a worker makes after its first
 * are byte-identical to fresh {@code run} processes (nothing leaks from one run to the next in the same JVM), and a
 * worker that dies mid-run fails only that run: the next point gets a new worker.
 */
class WarmWorkerTest {
    @TempDir
    Path tmp;

    private static final Pattern PID = Pattern.compile("# warm worker pid (\\d+) ");

    private SweepPlan plan(List<String> fixed, int trials) throws IOException {
        return SweepPlan.build(
                Path.of("presets/e1-law-of-parsimony.json"),
                fixed,
                List.of(GridAxis.parse("network.depth=2,3")),
                trials,
                false,
                0,
                "auto");
    }

    @Test
    void oneWorkerRunsEveryPointLikeFreshProcesses() throws IOException {
        SweepPlan plan = plan(List.of("training.steps=5"), 2);
        SweepFolder warm = new SweepFolder(tmp.resolve("warm"));
        warm.writePlan(plan);
        List<RunStatus> warmStatus = new LocalExecutor(warm, plan, JavaCommand.current(List.of()), 1, 1, 1)
                .run(plan.points(), new LocalExecutor.Listener() {});
        SweepFolder fresh = new SweepFolder(tmp.resolve("fresh"));
        fresh.writePlan(plan);
        List<RunStatus> freshStatus = new LocalExecutor(fresh, plan, JavaCommand.current(List.of()), 1, 1, 1, true)
                .run(plan.points(), new LocalExecutor.Listener() {});

        List<String> pids = new ArrayList<>();
        for (int i = 0; i < plan.points().size(); i++) {
            SweepPoint p = plan.points().get(i);
            assertEquals(RunStatus.State.DONE, warmStatus.get(i).state(), p.id());
            assertEquals(RunStatus.State.DONE, freshStatus.get(i).state(), p.id());
            assertArrayEquals(
                    Files.readAllBytes(fresh.runFolder(p).resolve("metrics.csv")),
                    Files.readAllBytes(warm.runFolder(p).resolve("metrics.csv")),
                    p.id() + " " + p.overrides());
            assertArrayEquals(
                    Files.readAllBytes(fresh.runFolder(p).resolve("preset.json")),
                    Files.readAllBytes(warm.runFolder(p).resolve("preset.json")),
                    p.id());
            String log = Files.readString(warm.logFile(p), StandardCharsets.UTF_8);
            Matcher m = PID.matcher(log);
            assertTrue(m.find(), log);
            pids.add(m.group(1));
            assertTrue(log.lines().count() > 2, "the run's own output is in its log: " + log);
            assertTrue(Files.readString(fresh.logFile(p), StandardCharsets.UTF_8)
                            .lines()
                            .count()
                    > 2);
        }
        assertEquals(1, pids.stream().distinct().count(), "one warm JVM ran all four points: " + pids);
        try (var logs = Files.list(warm.root().resolve("logs"))) {
            assertEquals(4, logs.count(), "the worker's own (empty) stderr log is removed");
        }
    }

    @Test
    void aWorkerThatDiesFailsOnlyItsRunAndIsReplaced() throws Exception {
        // One worker: the first point trains long enough to be killed mid-way, the second is short.
        SweepPlan plan = SweepPlan.build(
                Path.of("presets/e1-law-of-parsimony.json"),
                List.of("metrics.every=10000000"),
                List.of(GridAxis.parse("training.steps=100000000,5")),
                0,
                false,
                0,
                "auto");
        SweepFolder folder = new SweepFolder(tmp.resolve("sweep"));
        folder.writePlan(plan);
        SweepPoint first = plan.points().get(0);
        SweepPoint second = plan.points().get(1);
        LocalExecutor executor = new LocalExecutor(folder, plan, JavaCommand.current(List.of()), 1, 1, 1);
        CompletableFuture<List<RunStatus>> result = CompletableFuture.supplyAsync(() -> {
            try {
                return executor.run(plan.points(), new LocalExecutor.Listener() {});
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        String pid = null;
        while (pid == null && System.nanoTime() < deadline) {
            Thread.sleep(100);
            pid = trainingPid(folder.logFile(first));
        }
        assertTrue(pid != null, "the run did not start training within 2 minutes");
        // A crash of the worker JVM (as the kernel's OOM killer or a native fault would end it).
        ProcessHandle.of(Long.parseLong(pid)).orElseThrow().destroyForcibly();
        List<RunStatus> statuses = result.get(2, TimeUnit.MINUTES);
        assertEquals(
                RunStatus.State.FAILED, statuses.get(0).state(), statuses.get(0).toString());
        assertEquals(137, statuses.get(0).exitCode(), "SIGKILL: 128 + 9");
        assertEquals(
                RunStatus.State.DONE, statuses.get(1).state(), statuses.get(1).toString());
        String next = trainingPid(folder.logFile(second));
        assertTrue(next != null && !next.equals(pid), "the second point ran in a new worker: " + next + " vs " + pid);
    }

    /** The warm worker's pid from a run log once the run has printed something of its own, else null. */
    private static String trainingPid(Path log) throws IOException {
        if (!Files.exists(log)) {
            return null;
        }
        String text = Files.readString(log, StandardCharsets.UTF_8);
        Matcher m = PID.matcher(text);
        return m.find() && text.lines().count() > 2 ? m.group(1) : null;
    }
}
