package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The wall-clock publishing policy on a hand-moved clock: deterministic, no sleeping. */
class PublishPolicyTest {
    private final AtomicLong now = new AtomicLong(5_000_000_000L);
    private final PublishPolicy policy = new PublishPolicy(now::get, 10); // at most 10 rounds per second

    @Test
    void theFirstRoundIsDueThenAtMostOnePerInterval() {
        assertTrue(policy.due());
        policy.published(0);
        assertFalse(policy.due());
        now.addAndGet(99_999_999L);
        assertFalse(policy.due(), "just under 100 ms");
        now.addAndGet(1);
        assertTrue(policy.due(), "100 ms after the last round");
    }

    @Test
    void slowLiveMeasurementsSpreadTheRoundsSoMonitoringTakesAtMostAThird() {
        policy.published(400_000_000L); // the round's live probes took 0.4 s
        now.addAndGet(500_000_000L);
        assertFalse(policy.due(), "0.5 s later: monitoring would take more than a third");
        now.addAndGet(300_000_000L);
        assertTrue(policy.due(), "0.8 s = twice the monitoring time later");
        policy.published(0);
        now.addAndGet(100_000_000L);
        assertTrue(policy.due(), "cheap rounds go back to the cap");
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PublishPolicy(now::get, 0));
    }
}
