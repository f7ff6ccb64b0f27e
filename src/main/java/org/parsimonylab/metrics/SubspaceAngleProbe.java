package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.PrincipalAngles;
import org.parsimonylab.engine.linalg.Svd;

/**
 * Singular-subspace angles of every layer against the reference step (docs/science.md §1.6 M2, §6 pitfalls 2, 3, 5), in
 * radians. With k = min(m, n) singular pairs, indices partition as top [0, r₁) ∪ middle [r₁, k−r₂) ∪ bottom [k−r₂, k),
 * where r₁ = the values that grew and r₂ = those that shrank, decided from the layer's own spectra by {@link
 * MovingValues} (relative to the plateau's drift); a side where nothing has moved yet takes r = metrics.blockRank.
 * The blocks need not be equal: with rank(Φ) = 2 and K = 4 outputs, 2 values grow and 4 shrink, and a symmetric
 * split (r = 2 or 4) cuts through a block of equal values whose vectors are arbitrary, giving spurious π/2 angles
 * (issue 10, docs/science.md §1.6 M2). With r₁ = r₂ = r it is exactly the authors' {@code compute_svd_series}.
 *
 * <ul>
 *   <li>{@code angle-right-rad}, {@code angle-left-rad} (indexed, length k): for i &lt; r₁ and i ≥ k−r₂ the angle
 *       between the lines of v_i(t) and v_i(t_ref) (sign-invariant); for r₁ ≤ i &lt; k−r₂ the largest principal angle
 *       between the middle blocks, repeated k−r₁−r₂ times.
 *   <li>{@code angle-middle-right-rad}, {@code angle-middle-left-rad}: that middle-block angle (target T2).
 *   <li>{@code angle-block-right-rad}, {@code angle-block-left-rad}: the largest principal angle between the r₁ + r₂
 *       blocks top r₁ ∪ bottom r₂ (target T3).
 * </ul>
 *
 * Rows at steps before the reference are all 0, as the code's row 0. Needs singular vectors (metrics.svd = full).
 */
public final class SubspaceAngleProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "angle-right-rad",
                    "angle in radians of right singular vector v_index of W_layer to the reference step; middle indices share the middle-block angle; top r1 (grew) and bottom r2 (shrank) as measured, blockRank before any moved (docs/science.md M2)"),
            new MetricDoc("angle-left-rad", "the same for the left singular vectors u_index of W_layer"),
            new MetricDoc(
                    "angle-middle-right-rad",
                    "largest principal angle between the middle right singular blocks [r1, k-r2) of W_layer now and at the reference step (target T2; index empty)"),
            new MetricDoc(
                    "angle-middle-left-rad", "the same for the middle left singular blocks (target T2; index empty)"),
            new MetricDoc(
                    "angle-block-right-rad",
                    "largest principal angle between the right blocks top r1 + bottom r2 of W_layer now and at the reference step (target T3; index empty)"),
            new MetricDoc(
                    "angle-block-left-rad",
                    "the same for the left blocks top r1 + bottom r2 (target T3; index empty)"));

    /**
     * The relative change (against the plateau's drift) from which a value counts as moved for the partition: 0.1 %,
     * finer than {@link MovingValues#DEFAULT_TOLERANCE} so that a whole block is seen moving by the step after the
     * reference (E1's third value grows 0.8 % by step 2), while a plateau of equal values (spread 1e-15) never is.
     */
    public static final double PARTITION_TOLERANCE = 1e-3;

    private final LayerSvds svds;
    private DMatrixRMaj[] refU;
    private DMatrixRMaj[] refV;
    private MovingValues[] moving;

    /** A probe reading the shared per-step {@code svds}. */
    public SubspaceAngleProbe(LayerSvds svds) {
        this.svds = svds;
    }

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj[] w = ctx.model().parameters();
        int r = ctx.metrics().blockRank();
        long ref = ctx.metrics().referenceStep();
        if (refU == null) {
            refU = new DMatrixRMaj[w.length];
            refV = new DMatrixRMaj[w.length];
            moving = new MovingValues[w.length];
            for (int l = 0; l < w.length; l++) {
                moving[l] = new MovingValues(PARTITION_TOLERANCE);
            }
        }
        for (int l = 1; l <= w.length; l++) {
            int k = Math.min(w[l - 1].numRows, w[l - 1].numCols);
            if (r < 1 || 2 * r > k) {
                continue;
            }
            // Every recorded step feeds the detector, so the blocks are known by the time the angles are read.
            Svd svd = svds.get(ctx, l, true);
            moving[l - 1].add(java.util.Arrays.copyOf(svd.s, k));
            if (ctx.step() < ref || (ctx.step() > ref && refU[l - 1] == null)) {
                // Before the reference (or if it was never recorded) there is nothing to compare against.
                emit(out, l, new double[k], new double[k], 0, 0, 0, 0);
                continue;
            }
            if (ctx.step() == ref) {
                refU[l - 1] = svd.u.copy();
                refV[l - 1] = svd.v.copy();
            }
            MovingValues.Partition p = partition(moving[l - 1], r, k);
            Sides right = angles(refV[l - 1], svd.v, p.top(), p.bottom(), k, ctx.linAlg());
            Sides left = angles(refU[l - 1], svd.u, p.top(), p.bottom(), k, ctx.linAlg());
            emit(out, l, right.indexed, left.indexed, right.middle, left.middle, right.block, left.block);
        }
    }

    private static void emit(
            List<MetricSeries> out,
            int l,
            double[] right,
            double[] left,
            double midRight,
            double midLeft,
            double blockRight,
            double blockLeft) {
        out.add(new MetricSeries("angle-right-rad", l, right, true));
        out.add(new MetricSeries("angle-left-rad", l, left, true));
        out.add(MetricSeries.ofLayer("angle-middle-right-rad", l, midRight));
        out.add(MetricSeries.ofLayer("angle-middle-left-rad", l, midLeft));
        out.add(MetricSeries.ofLayer("angle-block-right-rad", l, blockRight));
        out.add(MetricSeries.ofLayer("angle-block-left-rad", l, blockLeft));
    }

    /**
     * The angles of one side (left or right singular vectors) against the reference.
     *
     * @param indexed k angles: the top and bottom r vector by vector, the middle ones the middle block's angle
     * @param middle the largest principal angle of the middle k − 2r block
     * @param block the largest principal angle of the 2r outer block
     */
    public record Sides(double[] indexed, double middle, double block) {}

    /**
     * The top r₁ and bottom r₂ of the angle partition: the values {@code moving} saw grow and shrink; a side where
     * none moved yet takes {@code r} (metrics.blockRank). When more than half the values moved there is no plateau
     * (the median MovingValues measures drift against is then not one: Adam in E3 spreads the whole spectrum), and the
     * authors' symmetric r, r is kept.
     */
    public static MovingValues.Partition partition(MovingValues moving, int r, int k) {
        MovingValues.Partition seen = moving.partition();
        int top = seen.top() > 0 ? seen.top() : r;
        int bottom = seen.bottom() > 0 ? seen.bottom() : r;
        if (2 * (seen.top() + seen.bottom()) > k || top + bottom > k) {
            top = r;
            bottom = r;
        }
        return new MovingValues.Partition(top, bottom, k);
    }

    /**
     * The M2 series, middle angle and block angle (docs/science.md §1.6) between the reference basis {@code a} and the
     * current basis {@code b} (both n×k, orthonormal singular vectors in descending order) for block rank r (top r,
     * bottom r).
     */
    public static Sides angles(DMatrixRMaj a, DMatrixRMaj b, int r, int k, LinAlg linAlg) {
        return angles(a, b, r, r, k, linAlg);
    }

    /**
     * The same for an asymmetric partition: top r₁ = {@code top}, bottom r₂ = {@code bottom}, middle [r₁, k − r₂)
     * (r₁ + r₂ ≤ k).
     */
    public static Sides angles(DMatrixRMaj a, DMatrixRMaj b, int top, int bottom, int k, LinAlg linAlg) {
        if (top < 0 || bottom < 0 || top + bottom > k) {
            throw new IllegalArgumentException(
                    "blocks top " + top + " and bottom " + bottom + " must fit in " + k + " singular vectors");
        }
        double[] indexed = new double[k];
        int[] outer = new int[top + bottom];
        for (int i = 0; i < top; i++) {
            indexed[i] = PrincipalAngles.vectorAngleRad(PrincipalAngles.column(a, i), PrincipalAngles.column(b, i));
            outer[i] = i;
        }
        for (int i = 0; i < bottom; i++) {
            int j = k - bottom + i;
            indexed[j] = PrincipalAngles.vectorAngleRad(PrincipalAngles.column(a, j), PrincipalAngles.column(b, j));
            outer[top + i] = j;
        }
        int[] mid = PrincipalAngles.range(top, k - bottom);
        double block = outer.length == 0
                ? 0.0
                : PrincipalAngles.largestRad(
                        PrincipalAngles.columns(a, outer), PrincipalAngles.columns(b, outer), linAlg);
        double middle;
        if (mid.length == 0) {
            middle = 0.0;
        } else if (k == a.numRows && k == b.numRows) {
            // Complete bases: the middle blocks are the orthogonal complements of the outer blocks, and two subspaces
            // of equal dimension have the same nonzero principal angles as their complements (docs/science.md M2),
            // so the middle angle is the block angle, without an SVD of the (k - r1 - r2)-dimensional middle (a
            // 492 x 492 one for a 512 x 512 checkpoint).
            middle = block;
        } else {
            middle = PrincipalAngles.largestRad(
                    PrincipalAngles.columns(a, mid), PrincipalAngles.columns(b, mid), linAlg);
        }
        for (int i = top; i < k - bottom; i++) {
            indexed[i] = middle;
        }
        return new Sides(indexed, middle, block);
    }
}
