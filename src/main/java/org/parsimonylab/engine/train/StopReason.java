package org.parsimonylab.engine.train;

/** Why training stopped (or NONE while it goes on). */
public enum StopReason {
    /** Still running. */
    NONE,
    /** The step budget was used up. */
    MAX_STEPS,
    /** The loss fell below the tolerance at a check. */
    TOLERANCE,
    /** The loss became NaN, infinite or exploded past 1e100. */
    DIVERGED,
    /** Stopped from outside (the user, or a new run replacing this one). */
    CANCELLED
}
