package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.EndToEndMap;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.TrainingSpec;

/**
 * The probes a variant's run records, chosen from its network, metrics settings and data, and the cadence at which
 * they run (performance.md §4.3: monitoring should cost at most 10 % of training).
 *
 * <p>MLPs get {@link #standard}. Every linear variant: {@code sv} (values, full or randomized), class separation when
 * the data have labels, end-to-end errors for linear models. Uncompressed networks add {@code sv-middle-*}, {@code
 * update-energy-in-block} and the theory lines {@code rho-predicted} and {@code sv-predicted-top} where their
 * assumptions hold ({@link TheoryAssumption}); with {@code metrics.svd = full} also the angle series and {@code
 * alignment-rad}, which need singular vectors. Compressed variants compare their end-to-end matrix with the reference
 * (first uncompressed) variant's. Every variant without a theory line records why ({@code theory-absent}).
 */
public final class Probes {
    /**
     * Share of training time the automatic cadence gives the regular monitoring rounds: 7 %, leaving 3 % of the 10 %
     * goal (performance.md §7 P8) for the one-off work at step 0 (the invariant subspace's SVD) and the
     * always-recorded steps.
     */
    public static final double MONITORING_SHARE = 0.07;

    private Probes() {}

    /**
     * Spectra of every layer, class separation when the data have labels; for MLPs also train/test accuracy, and for
     * uncompressed MLPs of any depth the invariant-subspace metrics of every trained layer ({@link LayerSubspaceProbe},
     * docs/science.md §3.3).
     */
    public static List<Probe> standard(NetworkSpec network, MetricsSpec metrics, Dataset data) {
        List<Probe> probes = new ArrayList<>();
        LayerSvds svds = new LayerSvds();
        probes.add(new SpectrumProbe(svds));
        if (data.labels() != null) {
            probes.add(new SeparationProbe());
        }
        if (network.kind() == NetworkKind.MLP) {
            probes.add(new AccuracyProbe());
            if (network.compression().kind() == CompressionKind.NONE) {
                probes.add(new LayerSubspaceProbe());
            }
        }
        return probes;
    }

    /**
     * All probes of variant {@code variant} of an experiment whose reference end-to-end matrices live in
     * {@code twins} (may be null).
     */
    public static List<Probe> forVariant(
            String variant,
            NetworkSpec network,
            TrainingSpec training,
            MetricsSpec metrics,
            Dataset data,
            TwinStore twins) {
        TheoryAssumption noRho = TheoryAssumption.brokenForRho(network, training, data);
        TheoryAssumption noTop = TheoryAssumption.brokenForTop(network, training, data);
        if (network.kind() != NetworkKind.LINEAR) {
            // The subspace probes below are for deep linear networks.
            List<Probe> probes = new ArrayList<>(standard(network, metrics, data));
            probes.add(new TheoryAbsenceProbe(noRho, noTop));
            return probes;
        }
        List<Probe> probes = new ArrayList<>();
        LayerSvds svds = new LayerSvds();
        probes.add(new SpectrumProbe(svds));
        boolean wide = network.compression().kind() == CompressionKind.NONE;
        if (wide) {
            probes.add(new TheoryProbe(svds, training, noRho == null, noTop == null));
            probes.add(new UpdateEnergyProbe());
            if (metrics.svd() == SvdKind.FULL) {
                probes.add(new SubspaceAngleProbe(svds));
                probes.add(new AlignmentProbe(svds));
            }
        }
        // A compressed twin has no complement block: no theory lines, and its 2r̂×2r̂ factors have no middle block.
        if (noRho != null || noTop != null) {
            probes.add(new TheoryAbsenceProbe(noRho, noTop));
        }
        boolean feeds = twins != null && twins.isReference(variant);
        probes.add(new EndToEndProbe(twins, feeds, !wide));
        if (data.labels() != null) {
            probes.add(new SeparationProbe());
        }
        return probes;
    }

    /**
     * The recording cadence: {@code metrics.every} when set (&gt; 0); for 0 ("auto") the smallest cadence whose
     * estimated monitoring work stays within {@value #MONITORING_SHARE} of the training work. The estimate is a flop
     * model in units of the step's own flops, calibrated at d = 500 with native LAPACK against the measured GD step
     * (docs/subspaces.md): per m×n layer, k = min(m, n), a values-only SVD costs ≈ 14·mnk, a full one with the angle
     * series ≈ 75·mnk, the randomized top-(2r+10) ≈ 100·mn·(2r+10) (QR in Java), the update-energy probe ≈ 400·mn
     * (memory bound), plus the end-to-end product when it is not free. Deterministic: the same preset records the
     * same steps on any machine.
     */
    public static long cadence(MetricsSpec metrics, Model model, Dataset data) {
        if (metrics.every() > 0) {
            return metrics.every();
        }
        double step = model.flopsPerStep();
        if (!(step > 0)) {
            return 1;
        }
        double round = 0;
        DMatrixRMaj[] w = model.parameters();
        for (DMatrixRMaj layer : w) {
            double m = layer.numRows;
            double n = layer.numCols;
            double k = Math.min(m, n);
            round += switch (metrics.svd()) {
                case VALUES -> 14 * m * n * k;
                case FULL -> 75 * m * n * k;
                case RANDOMIZED -> 100 * m * n * Math.min(k, 2.0 * metrics.blockRank() + 10);
            };
            round += 400 * m * n; // update energy (memory bound)
        }
        if (model instanceof EndToEndMap) {
            round += 2.0 * data.outputDim() * data.inputDim() * w[0].numRows; // U·(W̃_{L:1}Vᵀ), d_out×d_in×k
        } else if (!data.identityInput()) {
            for (int l = 1; l < w.length; l++) {
                round += 2.0 * w[l].numRows * w[l].numCols * w[0].numCols;
            }
        }
        return Math.max(1, (long) Math.ceil(round / (MONITORING_SHARE * step)));
    }
}
