package org.parsimonylab.session;

import java.util.Arrays;

/**
 * The losses ℓ(t) of the steps a live snapshot skipped since the previous one (in step order, evenly thinned to a
 * bounded number), so that a loss curve keeps hundreds of points on screen however fast training runs while the
 * expensive probes are measured only a few times per second. Costs nothing to measure: the training evaluation
 * computed each of them. Never part of the record. Immutable.
 */
public final class LossTrail {
    /** No skipped steps. */
    public static final LossTrail EMPTY = new LossTrail(new long[0], new double[0]);

    private final long[] steps;
    private final double[] losses;

    /** A trail of {@code steps[i]} and their losses {@code losses[i]} (copied; same length, steps increasing). */
    public LossTrail(long[] steps, double[] losses) {
        if (steps.length != losses.length) {
            throw new IllegalArgumentException(
                    "steps and losses must have the same length (got " + steps.length + " and " + losses.length + ")");
        }
        this.steps = steps.clone();
        this.losses = losses.clone();
    }

    /** Number of points. */
    public int size() {
        return steps.length;
    }

    /** The step of point {@code i}. */
    public long step(int i) {
        return steps[i];
    }

    /** The loss of point {@code i}. */
    public double loss(int i) {
        return losses[i];
    }

    @Override
    public String toString() {
        return "LossTrail" + Arrays.toString(steps);
    }

    /**
     * Collects the trail on the trainer thread: at most {@code capacity} points; when full, every other point goes
     * (evenly thinned), so a burst of fast steps stays bounded in memory and in what is handed to the UI.
     */
    static final class Builder {
        private final int capacity;
        private long[] steps;
        private double[] losses;
        private int size;
        private int stride = 1;
        private long seen;

        Builder(int capacity) {
            this.capacity = capacity;
            this.steps = new long[capacity];
            this.losses = new double[capacity];
        }

        /** Adds step {@code step} with loss {@code loss} (kept if it falls on the current stride). */
        void add(long step, double loss) {
            if (seen++ % stride != 0) {
                return;
            }
            if (size == capacity) {
                int n = 0;
                for (int i = 0; i < size; i += 2) {
                    steps[n] = steps[i];
                    losses[n++] = losses[i];
                }
                size = n;
                stride *= 2;
                if ((seen - 1) % stride != 0) {
                    return;
                }
            }
            steps[size] = step;
            losses[size++] = loss;
        }

        /** The points before {@code step}, forgetting every point up to {@code step}. */
        LossTrail takeBefore(long step) {
            int n = 0;
            while (n < size && steps[n] < step) {
                n++;
            }
            LossTrail out = n == 0 ? EMPTY : new LossTrail(Arrays.copyOf(steps, n), Arrays.copyOf(losses, n));
            int drop = n;
            while (drop < size && steps[drop] <= step) {
                drop++;
            }
            System.arraycopy(steps, drop, steps, 0, size - drop);
            System.arraycopy(losses, drop, losses, 0, size - drop);
            size -= drop;
            if (size == 0) {
                stride = 1;
                seen = 0;
            }
            return out;
        }
    }
}
