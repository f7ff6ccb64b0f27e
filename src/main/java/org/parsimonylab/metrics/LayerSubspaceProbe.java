package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.parsimonylab.engine.net.BigSubspace;

/**
 * Paper 2's invariant-subspace measurements for every trained weight of an MLP of any depth (docs/science.md §3.3,
 * §3.5): at its first call, step 0, where the model's gradients are the first gradients G_l(0), it builds for each layer
 * l the pair U_big,l (m_l × min(2K, m_l)) and V_big,l (d_l × min(2K, d_l)) from W_l(0) (m_l×d_l) and G_l(0) exactly
 * as the two-layer construction does ({@link BigSubspace#ofHalf}, K = the number of outputs; the last layer, with
 * K rows, keeps a 2K-dimensional input side); then at every recorded step it writes,
 * per layer, with ΔW_l = W_l(t) − W_l(0):
 *
 * <ul>
 *   <li>{@code energy-in-block}: ‖U_big,lᵀ ΔW_l V_big,l‖_F² / ‖ΔW_l‖_F² (1 while ΔW_l = 0);
 *   <li>{@code moved-sv}: how many singular values of W_l moved by more than 1 % from step 0;
 *   <li>{@code angle-vbig} and {@code angle-ubig}: the largest principal angle (radians) between the top-r right (left)
 *       singular subspace of ΔW_l and V_big,l (U_big,l), r = min(rank ΔW_l, k_l / 2);
 *   <li>{@code update-effective-rank} and {@code update-stable-rank} of ΔW_l ({@link UpdateRank}).
 * </ul>
 *
 * For depth 2 with a frozen last layer the layer-1 values are those of papers' T18 (the two-layer theory). Layers whose
 * learning-rate scale is 0 (a frozen last layer) are not measured. The reference is the first gradient, not ΔW at a
 * later step, so the subspace is fixed before any update and does not depend on the trajectory it judges.
 */
public final class LayerSubspaceProbe implements Probe {
    /** The metrics this probe writes, for the run folder's README and the catalogue. */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "energy-in-block",
                    "every trained layer l of an MLP: share of ||W_l(t) - W_l(0)||_F^2 inside U_big,l x V_big,l built"
                            + " from W_l(0) and the first gradient (docs/science.md 3.3, 3.5; index empty)"),
            new MetricDoc(
                    "moved-sv",
                    "layer l: number of singular values of W_l that moved more than 1 percent from their initial"
                            + " value (index empty)"),
            new MetricDoc(
                    "angle-vbig",
                    "layer l: largest principal angle in radians between the top right singular subspace of"
                            + " W_l(t) - W_l(0) and V_big,l (index empty)"),
            new MetricDoc(
                    "angle-ubig",
                    "layer l: largest principal angle in radians between the top left singular subspace of"
                            + " W_l(t) - W_l(0) and U_big,l (index empty)"),
            new MetricDoc(
                    "update-effective-rank",
                    "layer l: entropy effective rank exp(-sum p_i ln p_i), p_i = s_i / sum s_j, of the singular values"
                            + " s of W_l(t) - W_l(0) (index empty)"),
            new MetricDoc(
                    "update-stable-rank",
                    "layer l: stable rank ||W_l(t) - W_l(0)||_F^2 / ||W_l(t) - W_l(0)||_2^2 (index empty)"));

    private List<Layer> layers;

    private record Layer(int index, DMatrixRMaj init, double[] svInit, BigSubspace big, BigSubspace bigTransposed) {}

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj[] w = ctx.model().layerWeights();
        if (layers == null) {
            layers = reference(ctx, w);
        }
        for (Layer layer : layers) {
            DMatrixRMaj now = w[layer.index];
            DMatrixRMaj delta = InvariantSubspace2Layer.delta(now, layer.init);
            int l = layer.index + 1;
            double energy = InvariantSubspace2Layer.energyFraction(delta, layer.big, ctx.linAlg());
            out.add(MetricSeries.ofLayer("energy-in-block", l, Double.isNaN(energy) ? 1.0 : energy));
            int moved = InvariantSubspace2Layer.movedSingularValues(
                    layer.svInit, ctx.linAlg().singularValues(now), InvariantSubspace2Layer.MOVED_REL_TOL);
            out.add(MetricSeries.ofLayer("moved-sv", l, moved));
            out.add(MetricSeries.ofLayer(
                    "angle-vbig", l, InvariantSubspace2Layer.largestAngleRad(delta, layer.big, ctx.linAlg())));
            DMatrixRMaj deltaT = CommonOps_DDRM.transpose(delta, null);
            out.add(MetricSeries.ofLayer(
                    "angle-ubig",
                    l,
                    InvariantSubspace2Layer.largestAngleRad(deltaT, layer.bigTransposed, ctx.linAlg())));
            double[] sv = ctx.linAlg().singularValues(delta);
            out.add(MetricSeries.ofLayer("update-effective-rank", l, UpdateRank.effectiveRank(sv)));
            out.add(MetricSeries.ofLayer("update-stable-rank", l, UpdateRank.stableRank(sv)));
        }
    }

    private static List<Layer> reference(ProbeContext ctx, DMatrixRMaj[] w) {
        DMatrixRMaj[] g = ctx.model().gradients();
        double[] scales = ctx.model().learningRateScales();
        int outputs = ctx.data().outputDim();
        List<Layer> list = new ArrayList<>(w.length);
        for (int l = 0; l < w.length; l++) {
            boolean trained = l < scales.length && scales[l] != 0;
            boolean shaped = l < g.length && g[l].numRows == w[l].numRows && g[l].numCols == w[l].numCols;
            if (!trained || !shaped) {
                continue;
            }
            BigSubspace big = BigSubspace.ofHalf(w[l], g[l], outputs, ctx.linAlg());
            list.add(new Layer(
                    l, w[l].copy(), ctx.linAlg().singularValues(w[l]), big, new BigSubspace(big.right(), big.left())));
        }
        return List.copyOf(list);
    }
}
