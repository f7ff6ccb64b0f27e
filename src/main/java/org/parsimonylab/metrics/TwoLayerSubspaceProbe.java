package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.net.BigSubspace;

/**
 * The two-layer invariant-subspace measurements of paper 2 (papers.md §3.3 [REC], §3.5) for f = W2·φ(W1·X): at its
 * first call (step 0, where the model's gradients are G0) it keeps W1(0), its singular values and U_big, V_big; then
 * it records {@code energy-in-block} (share of ‖ΔW1‖² inside U_big×V_big), {@code moved-sv} (singular values of W1 that
 * moved more than 1 %) and {@code angle-vbig} (largest principal angle in radians between the top-K right singular
 * subspace of ΔW1 and V_big), all for layer 1. K is the number of outputs.
 */
public final class TwoLayerSubspaceProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "energy-in-block",
                    "layer 1 of a two-layer MLP: share of ||W1(t) - W1(0)||_F^2 inside U_big x V_big (papers.md 3.3; index empty)"),
            new MetricDoc(
                    "moved-sv",
                    "layer 1: number of singular values of W1 that moved more than 1 percent from their initial value (index empty)"),
            new MetricDoc(
                    "angle-vbig",
                    "layer 1: largest principal angle in radians between the top-K right singular subspace of W1(t) - W1(0) and V_big (index empty)"));

    private DMatrixRMaj w1Init;
    private double[] svInit;
    private BigSubspace big;

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj w1 = ctx.model().layerWeights()[0];
        if (big == null) {
            w1Init = w1.copy();
            svInit = ctx.linAlg().singularValues(w1);
            int outputs = ctx.data().outputDim();
            big = InvariantSubspace2Layer.bigSubspaces(w1Init, ctx.model().gradients()[0], outputs, ctx.linAlg());
        }
        DMatrixRMaj delta = InvariantSubspace2Layer.delta(w1, w1Init);
        double energy = InvariantSubspace2Layer.energyFraction(delta, big, ctx.linAlg());
        out.add(MetricSeries.ofLayer("energy-in-block", 1, Double.isNaN(energy) ? 1.0 : energy));
        int moved = InvariantSubspace2Layer.movedSingularValues(
                svInit, ctx.linAlg().singularValues(w1), InvariantSubspace2Layer.MOVED_REL_TOL);
        out.add(MetricSeries.ofLayer("moved-sv", 1, moved));
        out.add(MetricSeries.ofLayer(
                "angle-vbig", 1, InvariantSubspace2Layer.largestAngleRad(delta, big, ctx.linAlg())));
    }
}
