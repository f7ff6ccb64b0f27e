package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.FactorMethod;
import org.parsimonylab.engine.net.InvariantSubspace;

/**
 * Share of each layer's update inside the invariant subspace predicted from the first gradient (docs/science.md §1.5,
 * §3.2): at step 0 the probe computes V_{1,1} from G = ∇_{W1}ℓ(W(0)) by compute_factor_v3 with r = metrics.blockRank, and the moving-block bases V_{l,1} = W_{l−1:1}(0)V_{1,1},
 * U_{l,1} = W_{l:1}(0)V_{1,1} (orthonormalised). At step t, {@code update-energy-in-block} of layer l is
 *
 * <pre>  ‖U_{l,1}ᵀ(W_l(t) − W_l(0))V_{l,1}‖²_F / ‖W_l(t) − W_l(0)‖²_F,</pre>
 *
 * and {@code update-energy-off-block}, the share in the two off-diagonal blocks U_{l,1}ᵀΔW·V_{l,2} and
 * U_{l,2}ᵀΔW·V_{l,1}, i.e. (‖U_{l,1}ᵀΔW‖² + ‖ΔW·V_{l,1}‖² − 2‖U_{l,1}ᵀΔW·V_{l,1}‖²)/‖ΔW‖². The theory says ΔW_l =
 * U_l·diag(ΔW̃_l, (ρ(t) − ε)I)·V_lᵀ: the off-block share is 0 exactly, and the in-block share is 1 up to the
 * isotropic shrinkage (d−2r)(ρ(t) − ε)² of the complement, negligible for small ε. Both are 1 and 0 by convention
 * while nothing has moved. Costs O(d²·2r) per layer, no SVD after step 0.
 */
public final class UpdateEnergyProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "update-energy-in-block",
                    "share of ||W_layer(t) - W_layer(0)||_F^2 inside the moving block U_(l,1) x V_(l,1) predicted from the first gradient (docs/science.md 1.5; index empty)"),
            new MetricDoc(
                    "update-energy-off-block",
                    "share of that update in the two off-diagonal blocks; 0 when the law holds (index empty)"));

    private DMatrixRMaj[] initial;
    private DMatrixRMaj[][] blocks;
    private boolean unavailable;

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj[] w = ctx.model().parameters();
        int r = ctx.metrics().blockRank();
        if (unavailable || r < 1) {
            return;
        }
        if (initial == null) {
            boolean blocksFit = true;
            for (DMatrixRMaj layer : w) {
                blocksFit &= 2 * r <= Math.min(layer.numRows, layer.numCols);
            }
            if (ctx.step() != 0 || ctx.model().learningRateScales()[0] == 0.0 || !blocksFit) {
                // The first gradient of W1 is only known at step 0 and only when W1 is trained; a layer narrower
                // than 2r has no 2r block.
                unavailable = true;
                return;
            }
            LinAlg la = ctx.linAlg();
            FactorMethod method =
                    w[0].numRows == w[0].numCols ? ctx.network().compression().factor() : FactorMethod.V3;
            DMatrixRMaj v11 = InvariantSubspace.factor(method, ctx.model().gradients()[0], w[0], r, la);
            initial = new DMatrixRMaj[w.length];
            for (int l = 0; l < w.length; l++) {
                initial[l] = w[l].copy();
            }
            blocks = InvariantSubspace.layerBlocks(initial, v11, la);
        }
        for (int l = 0; l < w.length; l++) {
            double[] shares = energy(l, w[l], ctx.linAlg());
            out.add(MetricSeries.ofLayer("update-energy-in-block", l + 1, shares[0]));
            out.add(MetricSeries.ofLayer("update-energy-off-block", l + 1, shares[1]));
        }
    }

    /** {in-block share, off-block share} of ΔW_l. */
    private double[] energy(int l, DMatrixRMaj wNow, LinAlg la) {
        DMatrixRMaj delta = wNow.copy();
        double total = 0;
        for (int i = 0; i < delta.getNumElements(); i++) {
            delta.data[i] -= initial[l].data[i];
            total += delta.data[i] * delta.data[i];
        }
        if (total == 0) {
            return new double[] {1.0, 0.0};
        }
        DMatrixRMaj v = blocks[l][0];
        DMatrixRMaj u = blocks[l][1];
        DMatrixRMaj dv = new DMatrixRMaj(delta.numRows, v.numCols);
        la.mult(delta, v, dv);
        DMatrixRMaj core = new DMatrixRMaj(u.numCols, v.numCols);
        la.gemm(true, false, 1.0, u, dv, 0.0, core);
        DMatrixRMaj ud = new DMatrixRMaj(u.numCols, delta.numCols);
        la.gemm(true, false, 1.0, u, delta, 0.0, ud);
        double inside = sumOfSquares(core);
        double offBlock = sumOfSquares(ud) + sumOfSquares(dv) - 2 * inside;
        return new double[] {inside / total, Math.max(0.0, offBlock) / total};
    }

    private static double sumOfSquares(DMatrixRMaj m) {
        double sum = 0;
        for (int i = 0; i < m.getNumElements(); i++) {
            sum += m.data[i] * m.data[i];
        }
        return sum;
    }
}
