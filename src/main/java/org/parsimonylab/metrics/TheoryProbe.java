package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.TrainingSpec;

/**
 * Theory overlays of docs/science.md §1.5 next to what is measured:
 *
 * <ul>
 *   <li>{@code rho-predicted} (no layer): ρ(0) = ε, ρ(t+1) = (1 − η_eff(t)·ρ(t)^{2(L−1)})·ρ(t), the common value of
 *       the d−2r middle singular values of every layer, for GD on square layers with orthogonal init. η_eff(t) =
 *       η(t)·c is the step in the ½‖·‖²_F convention, η(t) the learning rate in force at update t (the schedule,
 *       live changes included): half-mean c = 1/(d_out·N), half-sum c = 1, observed mean c = 1/Σmask
 *       (docs/science.md §1.2).
 *   <li>{@code sv-middle-mean} and {@code sv-middle-spread} (per layer): mean and max − min of the singular values
 *       with indices [r, k−r); the spread is 0 when the law holds.
 *   <li>{@code sv-predicted-top} (no layer, indexed i &lt; r): σ_i(Φ)^{1/L}, where the top block ends for a balanced
 *       factorisation.
 * </ul>
 *
 * The two theory lines are written only where their assumptions hold ({@link TheoryAssumption}); {@link
 * TheoryAbsenceProbe} records why not.
 */
public final class TheoryProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "rho-predicted",
                    "theory: rho(t), the predicted common value of the d-2r middle singular values of every layer, rho(t+1) = (1 - eta_eff*rho(t)^(2(L-1)))*rho(t) (docs/science.md 1.5; layer and index empty; only where its assumptions hold, see theory-absent)"),
            new MetricDoc(
                    "sv-middle-mean",
                    "mean of the singular values of W_layer with indices [r, k-r), r = metrics.blockRank (index empty)"),
            new MetricDoc(
                    "sv-middle-spread",
                    "max - min of those middle singular values of W_layer; 0 when the law of parsimony holds (index empty)"),
            new MetricDoc(
                    "sv-predicted-top",
                    "theory: sigma_i(Phi)^(1/L), where the top r singular values of every layer end for a balanced factorisation, index i < r (layer empty; only where its assumptions hold)"));

    private final LayerSvds svds;
    private final TrainingSpec training;
    private final boolean predictsRho;
    private final boolean predictsTop;
    private double rho = Double.NaN;
    private long rhoStep;
    private double[] predictedTop;

    /**
     * A probe reading the shared {@code svds} that writes both theory lines wherever the layers are square; {@code
     * training} gives η(t) and the loss convention unless the context carries the live training spec. {@link
     * #forVariant} also checks the other assumptions.
     */
    public TheoryProbe(LayerSvds svds, TrainingSpec training) {
        this(svds, training, true, true);
    }

    /** A probe that writes {@code rho-predicted} only if {@code predictsRho}, {@code sv-predicted-top} if {@code predictsTop}. */
    public TheoryProbe(LayerSvds svds, TrainingSpec training, boolean predictsRho, boolean predictsTop) {
        this.svds = svds;
        this.training = training;
        this.predictsRho = predictsRho;
        this.predictsTop = predictsTop;
    }

    /**
     * The probe of a variant: the middle-block statistics always, each theory line only where its assumptions hold
     * ({@link TheoryAssumption#brokenForRho}, {@link TheoryAssumption#brokenForTop}).
     */
    public static TheoryProbe forVariant(LayerSvds svds, NetworkSpec network, TrainingSpec training, Dataset data) {
        return new TheoryProbe(
                svds,
                training,
                TheoryAssumption.brokenForRho(network, training, data) == null,
                TheoryAssumption.brokenForTop(network, training, data) == null);
    }

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj[] w = ctx.model().parameters();
        int depth = w.length;
        int r = ctx.metrics().blockRank();
        boolean square = true;
        for (DMatrixRMaj layer : w) {
            square &= layer.numRows == layer.numCols && layer.numRows == w[0].numRows;
        }
        if (predictsRho
                && square
                && training.optimizer() == OptimizerKind.GD
                && ctx.network().init().kind() == InitKind.ORTHOGONAL) {
            if (Double.isNaN(rho)) {
                rho = ctx.network().init().scale();
                rhoStep = 0;
            }
            TrainingSpec t = ctx.training() != null ? ctx.training() : training;
            double c = ModelFactory.lossScale(t.loss(), ctx.data());
            for (; rhoStep < ctx.step(); rhoStep++) {
                // The recurrence steps with the η in force at each update (piecewise constant under a schedule).
                double etaEff = t.learningRateAt(rhoStep) * c;
                rho = (1.0 - etaEff * Math.pow(rho, 2 * (depth - 1))) * rho;
            }
            out.add(MetricSeries.scalar("rho-predicted", rho));
        }
        if (ctx.metrics().svd() != SvdKind.RANDOMIZED && r >= 0) {
            for (int l = 1; l <= depth; l++) {
                double[] s = svds.get(ctx, l, ctx.metrics().svd() == SvdKind.FULL).s;
                int k = s.length;
                if (2 * r >= k) {
                    continue;
                }
                double sum = 0;
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = r; i < k - r; i++) {
                    sum += s[i];
                    min = Math.min(min, s[i]);
                    max = Math.max(max, s[i]);
                }
                out.add(MetricSeries.ofLayer("sv-middle-mean", l, sum / (k - 2 * r)));
                out.add(MetricSeries.ofLayer("sv-middle-spread", l, max - min));
            }
        }
        if (predictsTop && ctx.data().phi() != null && r >= 1) {
            if (predictedTop == null) {
                double[] s = ctx.linAlg().singularValues(ctx.data().phi());
                predictedTop = new double[Math.min(r, s.length)];
                for (int i = 0; i < predictedTop.length; i++) {
                    predictedTop[i] = Math.pow(s[i], 1.0 / ctx.network().depth());
                }
            }
            out.add(MetricSeries.indexed("sv-predicted-top", MetricSeries.NO_LAYER, predictedTop));
        }
    }
}
