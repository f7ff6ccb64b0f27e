package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The wall-clock publishing policy on a hand-moved clock: deterministic, no sleeping. */
class PublishPolicyTest {
    private long now = 5_000_000_000L;
    private final PublishPolicy policy = new PublishPolicy(() -> now, 10); // at most 10 rounds per second

    @Test
    void theFirstRoundIsDueThenAtMostOnePerInterval() {
        assertTrue(policy.due(now));
        assertTrue(policy.fullDue(now));
        policy.publishedFull(now, 0);
        assertFalse(policy.due(now));
        now += 99_999_999L;
        assertFalse(policy.due(now), "just under 100 ms");
        now += 1;
        assertTrue(policy.due(now), "100 ms after the last round");
        assertTrue(policy.fullDue(now));
    }

    @Test
    void slowLiveProbesSpreadTheFullRoundsButNotTheCheapOnes() {
        policy.publishedFull(now, 400_000_000L); // the round's live probes took 0.4 s
        for (int k = 1; k <= 7; k++) {
            now += 100_000_000L;
            assertTrue(policy.due(now), "a cheap round every 100 ms whatever the probes cost");
            assertFalse(policy.fullDue(now), k + "00 ms later: the probes would take more than a third");
            policy.published(now);
        }
        now += 100_000_000L;
        assertTrue(policy.fullDue(now), "0.8 s = twice the monitoring time later");
        policy.publishedFull(now, 0);
        now += 100_000_000L;
        assertTrue(policy.fullDue(now), "cheap probes go back to the cap");
    }

    @Test
    void aRateMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new PublishPolicy(() -> now, 0));
    }
}
