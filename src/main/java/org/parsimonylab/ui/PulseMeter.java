package org.parsimonylab.ui;

import java.util.Arrays;
import java.util.Locale;
import javafx.animation.AnimationTimer;

/**
 * Measures the FX pulse interval (time between two animation frames): the UI responsiveness figure of issue #5
 * (target p95 ≤ 16.7 ms, one 60 Hz frame).
 */
public final class PulseMeter extends AnimationTimer {
    private long[] intervals = new long[4096];
    private int count;
    private long last = -1;

    @Override
    public void handle(long now) {
        if (last >= 0) {
            if (count == intervals.length) {
                intervals = Arrays.copyOf(intervals, count * 2);
            }
            intervals[count++] = now - last;
        }
        last = now;
    }

    /** Forgets what was measured (e.g. after a warm-up). */
    public void reset() {
        count = 0;
        last = -1;
    }

    /** Number of intervals measured. */
    public int count() {
        return count;
    }

    /** The {@code q}-quantile (0..1) of the intervals in milliseconds (nearest rank). */
    public double quantileMillis(double q) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(intervals, count);
        Arrays.sort(sorted);
        int i = (int) Math.min(count - 1, Math.max(0, Math.ceil(q * count) - 1));
        return sorted[i] / 1e6;
    }

    /** "n frames: p50 … p95 … max …" in milliseconds. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%d pulses: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms",
                count,
                quantileMillis(0.5),
                quantileMillis(0.95),
                quantileMillis(0.99),
                quantileMillis(1.0));
    }
}
