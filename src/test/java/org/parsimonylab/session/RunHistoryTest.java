package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;

/** The recorded history behind Save run and the figures command: order, republished steps, bounded thinning. */
class RunHistoryTest {
    static StepSnapshot snap(long step) {
        return new StepSnapshot(step, step * 0.01, List.of(MetricSeries.scalar("loss", 1.0 / (step + 1))));
    }

    @Test
    void keepsNewStepsInOrderAndIgnoresRepublishedAndEmptySnapshots() {
        RunHistory h = new RunHistory();
        assertTrue(h.add("wide", snap(0)));
        assertTrue(h.add("narrow", snap(0)));
        assertTrue(h.add("wide", snap(1)));
        assertFalse(h.add("wide", snap(1)), "a republished step");
        assertFalse(h.add("wide", new StepSnapshot(2, 0, List.of())), "a status-only snapshot");
        assertEquals(List.of("wide", "narrow"), h.variants());
        assertEquals(2, h.snapshots("wide").size());
        assertEquals(1, h.last("wide").step());
        assertTrue(Double.isNaN(h.stepsPerSecond("wide")));
    }

    @Test
    void aFullHistoryThinsEvenlyKeepingTheFirstAndTheNewestStep() {
        RunHistory h = new RunHistory(10);
        for (long t = 0; t <= 1000; t++) {
            h.add("main", snap(t));
            assertTrue(h.snapshots("main").size() <= 10);
        }
        List<StepSnapshot> kept = h.snapshots("main");
        assertEquals(0, kept.get(0).step());
        assertEquals(1000, kept.get(kept.size() - 1).step());
        for (int i = 1; i < kept.size(); i++) {
            assertTrue(kept.get(i).step() > kept.get(i - 1).step());
        }
        assertTrue(kept.size() >= 5, "thinning halves, it does not empty: " + kept.size());
    }
}
