package org.parsimonylab.ui;

/** What the run controls ask for; the app forwards these to the training session. */
public interface RunActions {
    /** Start or continue training. */
    void play();

    /** Pause training. */
    void pause();

    /** One step of every variant (pauses first). */
    void step();

    /** Start the same run again from step 0. */
    void reset();

    /** Set the pace in steps per second ({@link Double#POSITIVE_INFINITY}: as fast as possible). */
    void setSpeed(double stepsPerSecond);
}
