package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MetricsRecorder;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * What the session shows, decided by its publishing policy on an injected clock, so the outcome does not depend on
 * the machine: with a frozen clock only step 0, the steps up to the reference step and the end are shown; with a
 * clock that moves a second per reading every step is shown. The record is the cadence's either way.
 */
class PublishingTest {
    private static List<Long> shownSteps(LongSupplier clock, List<RunCapture> captured) throws Exception {
        List<SessionSnapshot> shown = new CopyOnWriteArrayList<>();
        CompletableFuture<RunCapture> ended = new CompletableFuture<>();
        try (TrainingSession session = new TrainingSession(Runnable::run, shown::addAll, EjmlLinAlg::new, clock)) {
            session.onRunEnded(ended::complete);
            session.start(OneBusyTrainerTest.spec(10, 40, 5), true);
            captured.add(ended.get(60, TimeUnit.SECONDS));
        }
        List<Long> steps = new ArrayList<>();
        for (SessionSnapshot s : shown) {
            if (steps.isEmpty() || s.step() > steps.get(steps.size() - 1)) {
                steps.add(s.step());
            }
        }
        return steps;
    }

    @Test
    void aFrozenClockShowsOnlyTheAlwaysShownSteps() throws Exception {
        List<RunCapture> captured = new ArrayList<>();
        assertEquals(List.of(0L, 1L, 40L), shownSteps(() -> 0L, captured));
        AtomicLong t = new AtomicLong();
        List<Long> all = new ArrayList<>();
        for (long s = 0; s <= 40; s++) {
            all.add(s);
        }
        assertEquals(all, shownSteps(() -> t.addAndGet(1_000_000_000L), captured));
        for (RunCapture c : captured) {
            assertEquals(
                    List.of(0L, 5L, 10L, 15L, 20L, 25L, 30L, 35L, 40L),
                    c.recorded().get("main").stream().map(StepSnapshot::step).toList());
        }
        assertTrue(
                values(captured.get(0)).equals(values(captured.get(1))),
                "the same record, value for value, whatever was shown");
    }

    /** Every recorded value but the timings, as text. */
    private static List<String> values(RunCapture c) {
        List<String> out = new ArrayList<>();
        for (StepSnapshot s : c.recorded().get("main")) {
            for (MetricSeries m : s.series()) {
                if (!MetricsRecorder.TIMING_METRICS.contains(m.name())) {
                    out.add(s.step() + " " + m.name() + " " + m.layer() + " " + Arrays.toString(m.values()));
                }
            }
        }
        return out;
    }
}
