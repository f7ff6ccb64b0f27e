package org.parsimonylab.chart;

import java.util.Arrays;

/**
 * A bounded history of (x, y) points with x non-decreasing (the step): when it reaches its capacity it keeps the
 * first and the last point and, in each of {@code capacity/4} equal x-buckets in between, the minimum and the maximum
 * (in x order), so spikes survive and memory stays bounded however long a run goes (ecosystem.md §2.3, W&amp;B #5694).
 * Repeated compaction keeps min/max of min/max, so a spike once kept is never lost.
 */
public final class SeriesDecimator {
    private final int capacity;
    private double[] xs;
    private double[] ys;
    private int size;

    /** A history that never holds more than {@code capacity} (at least 8) points. */
    public SeriesDecimator(int capacity) {
        if (capacity < 8) {
            throw new IllegalArgumentException("capacity must be >= 8 (got " + capacity + ")");
        }
        this.capacity = capacity;
        this.xs = new double[Math.min(capacity, 64)];
        this.ys = new double[xs.length];
    }

    /** Appends a point; returns true if the history was compacted (earlier points changed). */
    public boolean add(double x, double y) {
        boolean compacted = false;
        if (size == capacity) {
            compact();
            compacted = true;
        }
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, Math.min(capacity, xs.length * 2));
            ys = Arrays.copyOf(ys, xs.length);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
        return compacted;
    }

    private void compact() {
        int buckets = capacity / 4;
        double x0 = xs[0];
        double span = xs[size - 1] - x0;
        double[] nx = new double[xs.length];
        double[] ny = new double[ys.length];
        int n = 0;
        nx[n] = xs[0];
        ny[n++] = ys[0];
        int i = 1;
        int last = size - 1;
        while (i < last) {
            int bucket = bucketOf(xs[i], x0, span, buckets);
            int min = i;
            int max = i;
            int j = i + 1;
            while (j < last && bucketOf(xs[j], x0, span, buckets) == bucket) {
                if (ys[j] < ys[min]) {
                    min = j;
                }
                if (ys[j] > ys[max]) {
                    max = j;
                }
                j++;
            }
            int a = Math.min(min, max);
            int b = Math.max(min, max);
            nx[n] = xs[a];
            ny[n++] = ys[a];
            if (b != a) {
                nx[n] = xs[b];
                ny[n++] = ys[b];
            }
            i = j;
        }
        nx[n] = xs[last];
        ny[n++] = ys[last];
        xs = nx;
        ys = ny;
        size = n;
    }

    private static int bucketOf(double x, double x0, double span, int buckets) {
        if (!(span > 0)) {
            return 0;
        }
        return (int) Math.min(buckets - 1, Math.floor((x - x0) / span * buckets));
    }

    /** Number of points kept. */
    public int size() {
        return size;
    }

    /** The capacity. */
    public int capacity() {
        return capacity;
    }

    /** x of point {@code i}. */
    public double x(int i) {
        return xs[i];
    }

    /** y of point {@code i}. */
    public double y(int i) {
        return ys[i];
    }

    /** Forgets every point. */
    public void clear() {
        size = 0;
    }
}
