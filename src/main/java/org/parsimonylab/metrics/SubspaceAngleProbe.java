package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.PrincipalAngles;
import org.parsimonylab.engine.linalg.Svd;

/**
 * Singular-subspace angles of every layer against the reference step (docs/science.md §1.6 M2, §6 pitfalls 2, 3, 5), in
 * radians. With k = min(m, n) singular pairs and r = metrics.blockRank, indices partition as [0, r) ∪ [r, k−r) ∪
 * [k−r, k):
 *
 * <ul>
 *   <li>{@code angle-right-rad}, {@code angle-left-rad} (indexed, length k): for i &lt; r and i ≥ k−r the angle
 *       between the lines of v_i(t) and v_i(t_ref) (sign-invariant); for r ≤ i &lt; k−r the largest principal angle
 *       between the middle blocks, repeated k−2r times, exactly as the authors' {@code compute_svd_series}.
 *   <li>{@code angle-middle-right-rad}, {@code angle-middle-left-rad}: that middle-block angle (target T2).
 *   <li>{@code angle-block-right-rad}, {@code angle-block-left-rad}: the largest principal angle between the 2r
 *       blocks top r ∪ bottom r (target T3).
 * </ul>
 *
 * Rows at steps before the reference are all 0, as the code's row 0. Needs singular vectors (metrics.svd = full).
 */
public final class SubspaceAngleProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "angle-right-rad",
                    "angle in radians of right singular vector v_index of W_layer to the reference step; middle indices share the middle-block angle (docs/science.md M2)"),
            new MetricDoc("angle-left-rad", "the same for the left singular vectors u_index of W_layer"),
            new MetricDoc(
                    "angle-middle-right-rad",
                    "largest principal angle between the middle right singular blocks [r, k-r) of W_layer now and at the reference step (target T2; index empty)"),
            new MetricDoc(
                    "angle-middle-left-rad", "the same for the middle left singular blocks (target T2; index empty)"),
            new MetricDoc(
                    "angle-block-right-rad",
                    "largest principal angle between the right blocks top r + bottom r of W_layer now and at the reference step (target T3; index empty)"),
            new MetricDoc(
                    "angle-block-left-rad", "the same for the left blocks top r + bottom r (target T3; index empty)"));

    private final LayerSvds svds;
    private DMatrixRMaj[] refU;
    private DMatrixRMaj[] refV;

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
        }
        for (int l = 1; l <= w.length; l++) {
            int k = Math.min(w[l - 1].numRows, w[l - 1].numCols);
            if (r < 1 || 2 * r > k) {
                continue;
            }
            if (ctx.step() < ref || (ctx.step() > ref && refU[l - 1] == null)) {
                // Before the reference (or if it was never recorded) there is nothing to compare against.
                emit(out, l, new double[k], new double[k], 0, 0, 0, 0);
                continue;
            }
            Svd svd = svds.get(ctx, l, true);
            if (ctx.step() == ref) {
                refU[l - 1] = svd.u.copy();
                refV[l - 1] = svd.v.copy();
            }
            Sides right = angles(refV[l - 1], svd.v, r, k, ctx.linAlg());
            Sides left = angles(refU[l - 1], svd.u, r, k, ctx.linAlg());
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
     * The M2 series, middle angle and block angle (docs/science.md §1.6) between the reference basis {@code a} and the
     * current basis {@code b} (both n×k, orthonormal singular vectors in descending order) for block rank r.
     */
    public static Sides angles(DMatrixRMaj a, DMatrixRMaj b, int r, int k, LinAlg linAlg) {
        double[] indexed = new double[k];
        for (int i = 0; i < r; i++) {
            indexed[i] = PrincipalAngles.vectorAngleRad(PrincipalAngles.column(a, i), PrincipalAngles.column(b, i));
            int j = k - r + i;
            indexed[j] = PrincipalAngles.vectorAngleRad(PrincipalAngles.column(a, j), PrincipalAngles.column(b, j));
        }
        int[] mid = PrincipalAngles.range(r, k - r);
        double middle = mid.length == 0
                ? 0.0
                : PrincipalAngles.largestRad(PrincipalAngles.columns(a, mid), PrincipalAngles.columns(b, mid), linAlg);
        for (int i = r; i < k - r; i++) {
            indexed[i] = middle;
        }
        int[] outer = PrincipalAngles.outerBlock(r, k);
        double block = PrincipalAngles.largestRad(
                PrincipalAngles.columns(a, outer), PrincipalAngles.columns(b, outer), linAlg);
        return new Sides(indexed, middle, block);
    }
}
