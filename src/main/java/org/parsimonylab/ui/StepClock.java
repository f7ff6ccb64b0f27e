package org.parsimonylab.ui;

import java.util.Arrays;

/**
 * The training time of one variant at each shown step, as its snapshots reported it ({@code elapsedSeconds}, training
 * wall time with monitoring excluded): the x of the "wall time" axis. Steps between two reported ones (loss trails)
 * get the linear interpolation t(s) = t_a + (s − s_a)(t_b − t_a)/(s_b − s_a); beyond the last reported step the last
 * pace continues. FX thread only.
 */
public final class StepClock {
    private long[] steps = new long[64];
    private double[] seconds = new double[64];
    private int size;

    /** An empty clock. */
    public StepClock() {}

    /** Notes that {@code step} was reached after {@code t} seconds (ignored unless newer and finite). */
    public void add(long step, double t) {
        if (!Double.isFinite(t) || size > 0 && step <= steps[size - 1]) {
            return;
        }
        if (size == steps.length) {
            steps = Arrays.copyOf(steps, size * 2);
            seconds = Arrays.copyOf(seconds, size * 2);
        }
        steps[size] = step;
        seconds[size] = t;
        size++;
    }

    /** The number of reported steps. */
    public int size() {
        return size;
    }

    /** The time at {@code step}: the reported time at a reported step, else interpolated (NaN while empty). */
    public double seconds(double step) {
        if (size == 0) {
            return Double.NaN;
        }
        if (size == 1) {
            return seconds[0];
        }
        int i = Arrays.binarySearch(steps, 0, size, (long) Math.floor(step));
        if (i >= 0 && steps[i] == step) {
            return seconds[i];
        }
        int hi = i >= 0 ? i + 1 : -i - 1;
        if (hi <= 0) {
            hi = 1;
        } else if (hi >= size) {
            hi = size - 1;
        }
        int lo = hi - 1;
        double slope = (seconds[hi] - seconds[lo]) / (steps[hi] - steps[lo]);
        return seconds[lo] + (step - steps[lo]) * slope;
    }

    /** A copy (kept with an archived run). */
    public StepClock copy() {
        StepClock c = new StepClock();
        c.steps = Arrays.copyOf(steps, Math.max(1, size));
        c.seconds = Arrays.copyOf(seconds, Math.max(1, size));
        c.size = size;
        return c;
    }

    /** Forgets every step. */
    public void clear() {
        size = 0;
    }
}
