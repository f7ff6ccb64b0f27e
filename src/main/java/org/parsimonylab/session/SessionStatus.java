package org.parsimonylab.session;

/** What a variant of a live run is doing, as shown in the app's status bar. */
public enum SessionStatus {
    /** Training steps at the chosen speed. */
    RUNNING,
    /** Waiting for play or a single step. */
    PAUSED,
    /** Stopped at the step budget or the loss tolerance. */
    FINISHED,
    /** The loss became NaN, infinite or exploded; the snapshot is the last good one. */
    DIVERGED,
    /** An unexpected error ended the run; the snapshot is the last good one. */
    FAILED
}
