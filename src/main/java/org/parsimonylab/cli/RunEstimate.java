package org.parsimonylab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.Probes;
import org.parsimonylab.metrics.SvdKind;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/**
 * What a run will need, from the preset alone: the memory of the data and of the largest variant (weights, gradients,
 * optimizer state, activations, SVD workspaces) and the bytes a run folder will hold (metrics.csv rows at the
 * recording cadence, checkpoints, data). Estimates, good to a small factor, so that a size that cannot fit is refused
 * before anything runs rather than as an OutOfMemoryError or a full disk.
 *
 * @param memoryBytes heap the run needs at its peak
 * @param metricsBytes metrics.csv and timings.csv
 * @param weightsBytes weights/ (checkpoints)
 * @param dataBytes data/*.npy
 * @param biggest the variant and field that dominate the memory, for the message
 */
record RunEstimate(double memoryBytes, double metricsBytes, double weightsBytes, double dataBytes, String biggest) {
    /** Bytes of one metrics.csv row ("120,main,sv,1,12,0.12345678901234567" and its twin in timings.csv). */
    static final double BYTES_PER_ROW = 42;

    /** Total bytes of the run folder. */
    double outputBytes() {
        return metricsBytes + weightsBytes + dataBytes;
    }

    /**
     * The estimate for {@code experiment} with every variant capped at {@code maxSteps} (0: the preset's steps) and
     * checkpoints every {@code checkpointEvery} steps (0: first and last only).
     */
    static RunEstimate of(ExperimentSpec experiment, long maxSteps, long checkpointEvery) {
        DataSpec d = experiment.data();
        double dIn = inputDim(d);
        double dOut = d.targetRows() > 0 ? d.targetRows() : 10;
        double n = samples(d);
        double x = d.kind() == DataKind.FACTORIZATION || d.kind() == DataKind.COMPLETION ? 0 : dIn * n;
        double y = dOut * n;
        double mask = d.kind() == DataKind.COMPLETION ? y : 0;
        double dataBytes = 8 * (x + y + mask) + (d.kind() == DataKind.COMPLETION ? 0 : 8 * n);
        // generated and written once, while the full inputs, targets and test split are held
        double dataMemory = 8 * (Math.max(x, dIn * dIn) + 2 * y + mask) * 1.3;
        double metrics = 0;
        double weights = 0;
        double peak = 0;
        String biggest = "network.width";
        for (VariantSpec v : experiment.variants()) {
            long steps = maxSteps > 0
                    ? Math.min(maxSteps, v.training().steps())
                    : v.training().steps();
            List<double[]> shapes = shapes(v.network(), dIn, dOut);
            double params = 0;
            double activations = 0;
            double svd = 0;
            double rows = 12;
            double flops = 0;
            double round = 0;
            boolean full = v.metrics().svd() == SvdKind.FULL;
            for (double[] s : shapes) {
                double m = s[0];
                double c = s[1];
                double k = Math.min(m, c);
                params += m * c;
                activations += 3 * m * n;
                svd = Math.max(svd, full ? 3 * (m * m + c * c) + m * c : 2 * m * c);
                rows += k * (full && v.network().kind() == NetworkKind.LINEAR ? 3 : 1) + 8;
                flops += 6 * m * c * n;
                round += (full ? 75 : 14) * m * c * k + 400 * m * c;
            }
            long cadence = cadence(v.metrics(), flops, round);
            double snapshots = steps / (double) cadence + 3;
            metrics += snapshots * rows * BYTES_PER_ROW * 1.3;
            double checkpoints = (checkpointEvery > 0 ? steps / (double) checkpointEvery : 0) + 2;
            weights += checkpoints * params * 8;
            // weights, gradients, optimizer state and a copy for the probes; activations and deltas; SVD workspace
            double variantMemory = 8 * (5 * params + activations + svd);
            if (variantMemory > peak) {
                peak = variantMemory;
                biggest = shapes.size() > 1 && n > dIn * 4 ? "data.samples" : "network.width";
            }
        }
        if (dataMemory > peak) {
            biggest = d.kind() == DataKind.CLASSIFICATION || d.kind() == DataKind.CLASS_CLUSTERS
                    ? "data.classes × data.samplesPerClass"
                    : "data.dim";
        }
        return new RunEstimate(dataMemory + peak, metrics, weights, dataBytes, biggest);
    }

    private static long cadence(MetricsSpec metrics, double stepFlops, double round) {
        if (metrics.every() > 0) {
            return metrics.every();
        }
        return stepFlops > 0 ? Math.max(1, (long) Math.ceil(round / (Probes.MONITORING_SHARE * stepFlops))) : 1;
    }

    private static List<double[]> shapes(NetworkSpec net, double dIn, double dOut) {
        List<double[]> out = new ArrayList<>();
        CompressionKind kind = net.compression().kind();
        double k = net.compression().width();
        if (kind == CompressionKind.PARSIMONY || kind == CompressionKind.SPECTRAL) {
            out.add(new double[] {k, dIn});
            for (int l = 0; l < net.depth(); l++) {
                out.add(new double[] {k, k});
            }
            out.add(new double[] {dOut, k});
            return out;
        }
        double width = kind == CompressionKind.NARROW ? k : net.width();
        for (int l = 0; l < net.depth(); l++) {
            double rows = l == net.depth() - 1 ? dOut : width;
            double cols = l == 0 ? dIn : width;
            out.add(new double[] {rows, cols});
        }
        return out;
    }

    private static double inputDim(DataSpec d) {
        return switch (d.kind()) {
            case DIGITS -> DataGenerator.DIGITS_FEATURES;
            case CSV -> 64; // unknown until read; the table limits keep it small
            default -> d.dim();
        };
    }

    private static double samples(DataSpec d) {
        return switch (d.kind()) {
            case FACTORIZATION, COMPLETION -> d.dim();
            case DIGITS -> 1797;
            case CSV -> 2000;
            case CLASS_CLUSTERS, UNION_OF_SUBSPACES, CLASSIFICATION -> (double) d.classes() * d.samplesPerClass();
            default -> d.samples();
        };
    }

    /** Bytes in a unit a person reads: 812 B, 13.6 KB, 1.4 TB. */
    static String bytes(double b) {
        String[] units = {"B", "KB", "MB", "GB", "TB", "PB"};
        int u = 0;
        double v = b;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? String.format(Locale.ROOT, "%.0f B", v) : String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
