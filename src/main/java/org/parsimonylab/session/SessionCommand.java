package org.parsimonylab.session;

/**
 * A change asked of the trainer thread by the UI, applied between two steps so that nothing else ever touches the
 * run's matrices (DESIGN.md §3).
 */
public sealed interface SessionCommand {
    /** Train continuously at the current speed. */
    record Play() implements SessionCommand {}

    /** Stop stepping and publish the current state. */
    record Pause() implements SessionCommand {}

    /** Pause, then perform exactly one step of every variant and publish it. */
    record Step() implements SessionCommand {}

    /** Copy the data and the weights (step 0 and now) for the caller, between two steps. */
    record Capture(java.util.concurrent.CompletableFuture<RunCapture> result) implements SessionCommand {
        public Capture {
            java.util.Objects.requireNonNull(result, "result");
        }
    }

    /** Change η of every variant from the next step on, without re-initialising. */
    record SetLearningRate(double learningRate) implements SessionCommand {
        public SetLearningRate {
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException(
                        "learningRate must be a positive finite number (got " + learningRate + ")");
            }
        }
    }

    /** Change the pace: steps per second of each variant, or {@link Double#POSITIVE_INFINITY} for "as fast as possible". */
    record SetSpeed(double stepsPerSecond) implements SessionCommand {
        public SetSpeed {
            if (!(stepsPerSecond > 0)) {
                throw new IllegalArgumentException("speed must be > 0 steps per second (got " + stepsPerSecond + ")");
            }
        }
    }
}
