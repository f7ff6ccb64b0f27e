package org.parsimonylab.metrics;

import java.util.Arrays;

/**
 * Which singular values of one layer moved during a run, decided from the data rather than from metrics.blockRank:
 * σ_i moved once it left the plateau: |(σ_i(t) − σ_i(t₀)) − (m(t) − m(t₀))| &gt; tol · max(σ_i(t₀), m(t₀)) at some
 * step t, where m(t) is the median of σ(t), the plateau. Measuring against the plateau's own drift keeps the middle
 * of a deep linear network unmoved while the whole plateau shrinks by ρ(t) (docs/science.md §1.5: E1's middle 24 go
 * from 1 to 0.951 together), and the max with m(t₀) keeps values that start near 0 from counting as moving for a tiny
 * absolute change. Values that moved and now sit above the plateau's drift (σ_i(t) − σ_i(t₀) &gt; m(t) − m(t₀)) form
 * the top block of r₁ values, those below it the bottom block of r₂, which need not be equal (issue 10: K = 4 outputs
 * of which 2 grow and 4 shrink). Feed it the spectra in step order; it keeps two arrays of length d.
 */
public final class MovingValues {
    /** The default relative tolerance: 1 % of the initial value (or of the plateau). */
    public static final double DEFAULT_TOLERANCE = 0.01;

    private final double tolerance;
    private double[] initial;
    private double[] latest;
    private boolean[] moved;
    private double plateau;
    private double drift;

    /** A detector with relative tolerance {@code tolerance} (&gt; 0). */
    public MovingValues(double tolerance) {
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("tolerance must be > 0 (got " + tolerance + ")");
        }
        this.tolerance = tolerance;
    }

    /** A detector with the 1 % tolerance. */
    public MovingValues() {
        this(DEFAULT_TOLERANCE);
    }

    /**
     * Takes the spectrum at the next step (the first call sets the initial values); returns whether some index
     * moved for the first time.
     */
    public boolean add(double[] sv) {
        if (initial == null || sv.length != initial.length) {
            initial = sv.clone();
            latest = sv.clone();
            moved = new boolean[sv.length];
            plateau = median(sv);
            drift = 0;
            return false;
        }
        drift = median(sv) - plateau;
        boolean fresh = false;
        for (int i = 0; i < sv.length; i++) {
            latest[i] = sv[i];
            double change = sv[i] - initial[i] - drift;
            if (!moved[i] && Math.abs(change) > tolerance * Math.max(Math.abs(initial[i]), Math.abs(plateau))) {
                moved[i] = true;
                fresh = true;
            }
        }
        return fresh;
    }

    /** Whether index {@code i} has moved (false before any data or out of range). */
    public boolean moved(int i) {
        return moved != null && i >= 0 && i < moved.length && moved[i];
    }

    /** Whether index {@code i} moved and now sits above its start plus the plateau's drift. */
    public boolean grew(int i) {
        return moved(i) && latest[i] - initial[i] > drift;
    }

    /** Whether index {@code i} moved and now sits below its start plus the plateau's drift. */
    public boolean shrank(int i) {
        return moved(i) && latest[i] - initial[i] < drift;
    }

    /** The median of {@code sv} (the plateau of a spectrum), 0 for none. */
    static double median(double[] sv) {
        if (sv.length == 0) {
            return 0;
        }
        double[] sorted = sv.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The number of singular values seen (0 before any data). */
    public int width() {
        return initial == null ? 0 : initial.length;
    }

    /** The indices that moved, ascending. */
    public int[] movedIndices() {
        int n = width();
        return java.util.stream.IntStream.range(0, n).filter(this::moved).toArray();
    }

    /** The number of moved values. */
    public int movedCount() {
        return movedIndices().length;
    }

    /**
     * The partition of the d indices into top r₁ ∪ middle ∪ bottom r₂: r₁ = moved values now above their start
     * (they sort first), r₂ = moved values now below it; r₁ + r₂ ≤ d.
     */
    public Partition partition() {
        int top = 0;
        int bottom = 0;
        for (int i = 0; i < width(); i++) {
            if (grew(i)) {
                top++;
            } else if (shrank(i)) {
                bottom++;
            }
        }
        return new Partition(top, bottom, width());
    }

    /** Forgets everything (a new run). */
    public void clear() {
        initial = null;
        latest = null;
        moved = null;
        plateau = 0;
        drift = 0;
    }

    /**
     * Indices [0, top) ∪ [top, d − bottom) ∪ [d − bottom, d) of a spectrum sorted in decreasing order.
     *
     * @param top r₁, the values that grew
     * @param bottom r₂, the values that shrank
     * @param width d
     */
    public record Partition(int top, int bottom, int width) {
        /** The number of middle (unmoved) indices. */
        public int middle() {
            return width - top - bottom;
        }

        /** The block of index {@code i}: 0 top, 1 middle, 2 bottom. */
        public int block(int i) {
            return i < top ? 0 : i >= width - bottom ? 2 : 1;
        }
    }
}
