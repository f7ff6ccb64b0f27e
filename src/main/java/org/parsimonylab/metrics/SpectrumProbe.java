package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.RandomizedSvd;

/**
 * Singular values of every layer W_1…W_L, descending (docs/science.md §1.6 M1), as metric {@code sv} with layer l and
 * index i (0 = largest). With {@code svd = randomized} only the top 2·blockRank + 10 values are computed.
 */
public final class SpectrumProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "sv",
                    "singular values of weight W_layer (layer 1..L, W1 the first layer), index 0 = largest (docs/science.md M1); with metrics.svd = randomized only the top ones"));

    private final LayerSvds svds;
    private final RandomizedSvd randomized = new RandomizedSvd(10, 2, 0x5eed);

    /** A probe reading the shared per-step {@code svds}. */
    public SpectrumProbe(LayerSvds svds) {
        this.svds = svds;
    }

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj[] w = ctx.model().layerWeights();
        for (int l = 1; l <= w.length; l++) {
            double[] values =
                    switch (ctx.metrics().svd()) {
                        case FULL -> svds.get(ctx, l, true).s;
                        case VALUES -> svds.get(ctx, l, false).s;
                        case RANDOMIZED -> randomized.topValues(
                                w[l - 1], 2 * ctx.metrics().blockRank() + 10, ctx.linAlg());
                    };
            out.add(MetricSeries.indexed("sv", l, values));
        }
    }
}
