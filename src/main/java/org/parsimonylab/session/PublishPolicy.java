package org.parsimonylab.session;

import java.util.function.LongSupplier;

/**
 * When the trainer thread shows the app a new round of live snapshots, in two tiers on the injected clock. A round is
 * due at most {@code maxPerSecond} times per second whatever the measurements cost: such a round shows at least the
 * cheap live metrics (the loss the training evaluation already computed, and the losses of the steps since the last
 * round). A full round (the off-record probes: spectra, angles, …) is due at most as often, and rarely enough that
 * the probes take at most a third of the time, so that neither the UI nor live monitoring paces training. Steps that
 * must always be shown (step 0, up to the reference step, a pause, a single step, the end) bypass it. Decides
 * nothing about the record: recorded steps are fixed by the preset's cadence. Owned by one thread.
 */
public final class PublishPolicy {
    private final LongSupplier clock;
    private final long minIntervalNanos;
    private long lastNanos;
    private long lastFullNanos;
    private long fullIntervalNanos;
    private boolean any;
    private boolean anyFull;

    /** A policy reading {@code clock} (nanoseconds, e.g. {@code System::nanoTime}). */
    public PublishPolicy(LongSupplier clock, double maxPerSecond) {
        if (!(maxPerSecond > 0)) {
            throw new IllegalArgumentException("maxPerSecond must be > 0 (got " + maxPerSecond + ")");
        }
        this.clock = clock;
        this.minIntervalNanos = (long) (1e9 / maxPerSecond);
        this.fullIntervalNanos = minIntervalNanos;
    }

    /** The clock's reading now (a round reads it once). */
    public long now() {
        return clock.getAsLong();
    }

    /** Whether a round (at least the cheap live metrics) is due at {@code now} (always before the first). */
    public boolean due(long now) {
        return !any || now - lastNanos >= minIntervalNanos;
    }

    /** Whether a full round (the off-record probes) is due at {@code now} (always before the first). */
    public boolean fullDue(long now) {
        return !anyFull || now - lastFullNanos >= fullIntervalNanos && due(now);
    }

    /** Notes a cheap round published at {@code now}. */
    public void published(long now) {
        any = true;
        lastNanos = now;
    }

    /** Notes a full round published at {@code now} whose live probes took {@code monitorNanos}. */
    public void publishedFull(long now, long monitorNanos) {
        published(now);
        anyFull = true;
        lastFullNanos = now;
        fullIntervalNanos = Math.max(minIntervalNanos, 2 * Math.max(0, monitorNanos));
    }
}
