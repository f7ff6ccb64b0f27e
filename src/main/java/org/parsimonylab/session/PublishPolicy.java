package org.parsimonylab.session;

import java.util.function.LongSupplier;

/**
 * When the trainer thread shows the app a new round of live snapshots: at most {@code maxPerSecond} rounds per second
 * of the injected clock, and rarely enough that measuring them (the off-record probes) takes at most a third of the
 * time, so that neither the UI nor live monitoring paces training. Steps that must always be shown (step 0, up to the
 * reference step, a pause, a single step, the end) bypass it. Decides nothing about the record: recorded steps are
 * fixed by the preset's cadence. Owned by one thread.
 */
public final class PublishPolicy {
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private long lastNanos;
    private long intervalNanos;
    private boolean any;

    /** A policy reading {@code clock} (nanoseconds, e.g. {@code System::nanoTime}). */
    public PublishPolicy(LongSupplier clock, double maxPerSecond) {
        if (!(maxPerSecond > 0)) {
            throw new IllegalArgumentException("maxPerSecond must be > 0 (got " + maxPerSecond + ")");
        }
        this.clock = clock;
        this.minIntervalNanos = (long) (1e9 / maxPerSecond);
        this.intervalNanos = minIntervalNanos;
    }

    /** Whether a round is due now (always before the first). */
    public boolean due() {
        return !any || clock.getAsLong() - lastNanos >= intervalNanos;
    }

    /** Notes a published round whose live measurements took {@code monitorNanos}. */
    public void published(long monitorNanos) {
        any = true;
        lastNanos = clock.getAsLong();
        intervalNanos = Math.max(minIntervalNanos, 2 * Math.max(0, monitorNanos));
    }
}
