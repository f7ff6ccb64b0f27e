package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.SvdKind;

/**
 * One busy trainer: a burst of 200 start/reset/play/pause/η/speed commands never has two trainer threads inside the
 * linear algebra at once (every backend call is counted by an instrumented supplier), and afterwards the UI shows the
 * current run and nothing older. Also: what is shown between recorded steps is marked as not recorded.
 */
class OneBusyTrainerTest {
    /** Counts the threads inside a backend call at any moment, and their names. */
    static final class Busy {
        final ConcurrentHashMap<Thread, Integer> depth = new ConcurrentHashMap<>();
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();
        final Set<String> names = ConcurrentHashMap.newKeySet();
        final AtomicLong calls = new AtomicLong();

        Supplier<LinAlg> supplier() {
            return () -> {
                LinAlg real = new EjmlLinAlg();
                return (LinAlg) Proxy.newProxyInstance(
                        LinAlg.class.getClassLoader(), new Class<?>[] {LinAlg.class}, (proxy, method, args) -> {
                            Thread t = Thread.currentThread();
                            if (depth.merge(t, 1, Integer::sum) == 1) {
                                most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                                names.add(t.getName());
                                calls.incrementAndGet();
                            }
                            try {
                                return method.invoke(real, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            } finally {
                                if (depth.merge(t, -1, Integer::sum) == 0) {
                                    depth.remove(t);
                                    inside.decrementAndGet();
                                }
                            }
                        });
            };
        }
    }

    static ExperimentSpec spec(int d, long steps, int every, String... variants) {
        DataSpec data = new DataSpec(
                DataKind.FACTORIZATION,
                d,
                d,
                3,
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
                net.kind(), 3, d, net.activation(), net.bias(), net.init(), net.trainLast(), net.compression());
        TrainingSpec training = TrainingSpec.defaults().withLearningRate(0.5).withSteps(steps);
        MetricsSpec metrics = new MetricsSpec(every, 1, 2, SvdKind.VALUES);
        List<VariantSpec> vs = new ArrayList<>();
        for (String v : variants.length == 0 ? new String[] {"main"} : variants) {
            vs.add(new VariantSpec(v, net, training, metrics));
        }
        return new ExperimentSpec(3, data, vs);
    }

    @Test
    void aBurstOfCommandsNeverLeavesMoreThanOneTrainerComputingAndShowsTheCurrentRun() throws Exception {
        Busy busy = new Busy();
        LinkedBlockingQueue<SessionSnapshot> shown = new LinkedBlockingQueue<>();
        ExecutorService ui = Executors.newSingleThreadExecutor();
        List<ExperimentSpec> specs = List.of(spec(60, 1_000_000, 10), spec(40, 1_000_000, 1, "a", "b"));
        Random random = new Random(42);
        try (TrainingSession session = new TrainingSession(ui, shown::addAll, busy.supplier())) {
            session.start(specs.get(0), true);
            for (int i = 0; i < 200; i++) {
                switch (random.nextInt(6)) {
                    case 0, 1 -> session.reset();
                    case 2 -> session.start(specs.get(random.nextInt(specs.size())), random.nextBoolean());
                    case 3 -> {
                        if (session.isPlaying()) {
                            session.pause();
                        } else {
                            session.play();
                        }
                    }
                    case 4 -> session.setLearningRate(0.1 + random.nextDouble());
                    default -> session.setSpeed(random.nextBoolean() ? TrainingSession.FASTEST : 500);
                }
            }
            session.play();
            long current = session.runId();
            // Wait until the current run shows a step past 0 (a safety timeout only).
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            SessionSnapshot last = null;
            while (last == null || last.runId() != current || last.step() < 3) {
                SessionSnapshot s = shown.poll(1, TimeUnit.SECONDS);
                if (s != null) {
                    last = s;
                }
                if (System.nanoTime() > deadline) {
                    fail("the current run never showed up (last shown: " + last + ")");
                }
            }
            // Everything shown from now on belongs to the current run (paused, so that the stream ends).
            session.pause();
            SessionSnapshot s;
            while ((s = shown.poll(200, TimeUnit.MILLISECONDS)) != null) {
                assertEquals(current, s.runId(), "a stale run was shown after the burst");
            }
            assertEquals(current, last.runId());
        } finally {
            ui.shutdownNow();
        }
        assertTrue(busy.calls.get() > 0, "the backend was used");
        assertEquals(1, busy.most.get(), "trainer threads computing at the same time");
        for (String name : busy.names) {
            assertTrue(name.matches("parsimony-trainer-\\d+"), "trainer thread named " + name);
        }
    }

    @Test
    void stepsBetweenRecordedOnesAreShownButMarkedNotRecorded() throws Exception {
        LinkedBlockingQueue<SessionSnapshot> shown = new LinkedBlockingQueue<>();
        AtomicLong clock = new AtomicLong();
        try (TrainingSession session = new TrainingSession(
                Runnable::run, shown::addAll, EjmlLinAlg::new, () -> clock.addAndGet(1_000_000_000L))) {
            session.start(spec(10, 100, 5), false);
            for (int i = 0; i < 6; i++) {
                session.step();
            }
            List<SessionSnapshot> byStep = new ArrayList<>();
            while (byStep.size() < 7) {
                SessionSnapshot s = shown.poll(60, TimeUnit.SECONDS);
                if (s == null) {
                    fail("steps 0..6 were not all shown: " + byStep);
                }
                if (byStep.isEmpty() || s.step() > byStep.get(byStep.size() - 1).step()) {
                    byStep.add(s);
                }
            }
            for (SessionSnapshot s : byStep) {
                assertEquals(s.step() % 5 == 0, s.recorded(), "step " + s.step() + " recorded");
                assertFalse(s.snapshot().series().isEmpty(), "live steps carry their measurements");
            }
            RunCapture capture = session.capture().get(60, TimeUnit.SECONDS);
            List<Long> recordedSteps = capture.recorded().get("main").stream()
                    .map(org.parsimonylab.metrics.StepSnapshot::step)
                    .toList();
            assertEquals(List.of(0L, 5L), recordedSteps, "the record holds the cadence's steps only");
        }
    }
}
