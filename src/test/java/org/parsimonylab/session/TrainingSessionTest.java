package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.SvdKind;

/**
 * The live session without JavaFX: commands between steps, run ids, divergence, closing. Snapshots arrive through
 * a single-thread executor standing in for the FX thread. Waits have a generous safety timeout but nothing asserts
 * on time.
 */
class TrainingSessionTest {
    private final LinkedBlockingQueue<SessionSnapshot> received = new LinkedBlockingQueue<>();
    private final ExecutorService uiThread = Executors.newSingleThreadExecutor();
    private final TrainingSession session = new TrainingSession(uiThread, received::addAll, EjmlLinAlg::new);

    @AfterEach
    void tearDown() {
        session.close();
        uiThread.shutdownNow();
    }

    static ExperimentSpec small(double learningRate, long steps, String... variants) {
        DataSpec data = new DataSpec(
                DataKind.FACTORIZATION,
                10,
                10,
                2,
                100,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        NetworkSpec net = NetworkSpec.defaults();
        net = new NetworkSpec(
                net.kind(), 3, 10, net.activation(), net.bias(), net.init(), net.trainLast(), net.compression());
        TrainingSpec training =
                TrainingSpec.defaults().withLearningRate(learningRate).withSteps(steps);
        MetricsSpec metrics = new MetricsSpec(1, 1, 2, SvdKind.VALUES);
        List<VariantSpec> vs = new ArrayList<>();
        for (String v : variants.length == 0 ? new String[] {"main"} : variants) {
            vs.add(new VariantSpec(v, net, training, metrics));
        }
        return new ExperimentSpec(3, data, vs);
    }

    private SessionSnapshot await(Predicate<SessionSnapshot> what) throws InterruptedException {
        while (true) {
            SessionSnapshot s = received.poll(60, TimeUnit.SECONDS);
            if (s == null) {
                fail("no matching snapshot arrived (safety timeout)");
            }
            if (what.test(s)) {
                return s;
            }
        }
    }

    @Test
    void aPausedRunShowsStepZeroAndEachSingleStepAdvancesByExactlyOne() throws InterruptedException {
        long run = session.start(small(1.0, 50), false);
        SessionSnapshot s0 = await(s -> true);
        assertEquals(run, s0.runId());
        assertEquals(0, s0.step());
        assertEquals(SessionStatus.PAUSED, s0.status());
        assertTrue(s0.snapshot().find("sv", 1).isPresent(), "step 0 carries the spectra");

        session.step();
        SessionSnapshot s1 = await(s -> true);
        assertEquals(1, s1.step());
        session.step();
        SessionSnapshot s2 = await(s -> true);
        assertEquals(2, s2.step());
        assertEquals(SessionStatus.PAUSED, s2.status());
        assertTrue(s2.snapshot().loss() < s0.snapshot().loss(), "gradient descent lowered the loss");
    }

    @Test
    void playingRunsToTheStepBudgetAndSaysSo() throws InterruptedException {
        session.start(small(1.0, 30), true);
        SessionSnapshot end = await(s -> s.status() == SessionStatus.FINISHED);
        assertEquals(30, end.step());
        assertTrue(end.message().contains("step budget"), end.message());
        assertTrue(Double.isFinite(end.snapshot().loss()));
    }

    @Test
    void variantsTrainSideBySideAndEachPublishes() throws InterruptedException {
        session.start(small(1.0, 5, "wide", "other"), true);
        SessionSnapshot a = await(s -> s.variant().equals("wide") && s.status() == SessionStatus.FINISHED);
        SessionSnapshot b = await(s -> s.variant().equals("other") && s.status() == SessionStatus.FINISHED);
        assertEquals(5, a.step());
        assertEquals(5, b.step());
        assertEquals(a.snapshot().loss(), b.snapshot().loss(), "same data, seed and spec: same numbers");
    }

    @Test
    void aNewRunGetsANewIdAndTheOldRunsSnapshotsNeverFollowIt() throws InterruptedException {
        long first = session.start(small(1.0, 1_000_000), true);
        await(s -> s.runId() == first && s.step() > 3);
        long second = session.start(small(0.5, 10), false);
        assertNotEquals(first, second);
        assertEquals(second, session.runId());
        await(s -> s.runId() == second);
        session.step();
        session.step();
        SessionSnapshot last = await(s -> s.runId() == second && s.step() == 2);
        assertEquals(second, last.runId());
        List<SessionSnapshot> rest = new ArrayList<>();
        received.drainTo(rest);
        assertTrue(rest.stream().allMatch(s -> s.runId() == second), "no stale snapshot after the new run");
    }

    @Test
    void resetStartsAgainFromStepZeroUnderANewRunId() throws InterruptedException {
        long first = session.start(small(1.0, 50), false);
        await(s -> s.step() == 0);
        session.step();
        await(s -> s.step() == 1);
        long second = session.reset();
        assertNotEquals(first, second);
        SessionSnapshot s = await(x -> x.runId() == second);
        assertEquals(0, s.step());
    }

    @Test
    void aLiveLearningRateChangeTakesEffectAtTheNextStepWithoutReset() throws InterruptedException {
        long a = session.start(small(1.0, 50), false);
        await(s -> s.runId() == a && s.step() == 0);
        session.step();
        session.step();
        double unchanged =
                await(s -> s.runId() == a && s.step() == 2).snapshot().loss();

        long b = session.start(small(1.0, 50), false);
        await(s -> s.runId() == b && s.step() == 0);
        session.step();
        SessionSnapshot one = await(s -> s.runId() == b && s.step() == 1);
        session.setLearningRate(0.25);
        session.step();
        SessionSnapshot two = await(s -> s.runId() == b && s.step() == 2);
        assertEquals(b, two.runId(), "no new run");
        assertTrue(two.snapshot().loss() < one.snapshot().loss());
        assertNotEquals(unchanged, two.snapshot().loss());
    }

    @Test
    void aDivergingRunStopsKeepsItsLastGoodSnapshotAndSuggestsASmallerLearningRate() throws InterruptedException {
        session.start(small(1e5, 10_000), true);
        SessionSnapshot d = await(s -> s.status() == SessionStatus.DIVERGED);
        assertTrue(Double.isFinite(d.snapshot().loss()), "the last good snapshot stays on screen");
        assertTrue(d.message().contains("smaller learning rate"), d.message());
    }

    @Test
    void closeStopsTheDaemonTrainerThread() throws InterruptedException {
        session.start(small(1.0, 1_000_000), true);
        await(s -> s.step() > 2);
        assertTrue(session.isTrainerAlive());
        // Look while the trainer runs: after close() there is no thread left and any check on it passes vacuously.
        List<Thread> trainers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("parsimony-trainer-") && t.isAlive())
                .toList();
        assertFalse(trainers.isEmpty(), "a live trainer thread");
        for (Thread t : trainers) {
            assertTrue(t.isDaemon(), t.getName() + " must be a daemon so it cannot keep the JVM alive");
        }
        assertTrue(session.close(30_000), "the trainer thread ended");
        assertFalse(session.isTrainerAlive());
        for (Thread t : trainers) {
            t.join(30_000);
            assertFalse(t.isAlive(), t.getName() + " ended");
        }
    }
}
