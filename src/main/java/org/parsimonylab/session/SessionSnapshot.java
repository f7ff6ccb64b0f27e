package org.parsimonylab.session;

import org.parsimonylab.engine.Check;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * What the trainer thread publishes for one variant of a live run: immutable, safe to hand to the UI thread
 * (DESIGN.md §3).
 *
 * @param runId the run that produced it; snapshots of an older run are stale and dropped
 * @param variant the variant's name
 * @param snapshot the metrics at the step (the last good one once the run diverged or failed; a snapshot without
 *     series if the run failed before its first step)
 * @param status what the variant is doing
 * @param stepsPerSecond the variant's training steps per second of training wall time (monitoring excluded)
 * @param message a sentence for the user (what happened and what to try), empty when there is nothing to say
 * @param recorded whether the snapshot is part of the run's record (taken at the preset's cadence, as {@code run}
 *     records it); false for the extra live measurements between recorded steps, which are shown but never saved
 * @param partial whether the snapshot holds only the cheap live metrics (loss and timings) of a step between full
 *     measurements: the loss curves move, the spectra keep showing the last full snapshot
 * @param trail the losses of the steps skipped since the variant's previous snapshot (never recorded)
 */
public record SessionSnapshot(
        long runId,
        String variant,
        StepSnapshot snapshot,
        SessionStatus status,
        double stepsPerSecond,
        String message,
        boolean recorded,
        boolean partial,
        LossTrail trail) {
    public SessionSnapshot {
        Check.present("trail", trail);
        Check.present("variant", variant);
        Check.present("snapshot", snapshot);
        Check.present("status", status);
        Check.present("message", message);
    }

    /** A full snapshot without a loss trail. */
    public SessionSnapshot(
            long runId,
            String variant,
            StepSnapshot snapshot,
            SessionStatus status,
            double stepsPerSecond,
            String message,
            boolean recorded) {
        this(runId, variant, snapshot, status, stepsPerSecond, message, recorded, false, LossTrail.EMPTY);
    }

    /** A recorded snapshot (e.g. of a saved run). */
    public SessionSnapshot(
            long runId,
            String variant,
            StepSnapshot snapshot,
            SessionStatus status,
            double stepsPerSecond,
            String message) {
        this(runId, variant, snapshot, status, stepsPerSecond, message, true);
    }

    /** The step of the snapshot. */
    public long step() {
        return snapshot.step();
    }
}
