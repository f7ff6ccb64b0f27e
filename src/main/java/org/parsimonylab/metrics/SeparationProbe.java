package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.train.LayerFeatures;

/**
 * Layer-wise class separation D_l (docs/science.md §1.6 M3) on the features [X, W1X, W2W1X, …, W_{L−1}⋯W1X], l = 0…L−1
 * (the logits are excluded), as metric {@code separation} with layer l, plus the geometric fit of log D_l against l
 * as {@code separation-fit-ratio} and {@code separation-fit-r2}. Models that are not linear provide their own
 * features through {@link LayerFeatures}.
 */
public final class SeparationProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "separation",
                    "class separation D_l = tr(Sigma_W)/tr(Sigma_B) of feature layer l = 0..L-1, 0 = the input X, index empty (docs/science.md M3)"),
            new MetricDoc(
                    "separation-fit-ratio",
                    "factor by which D_l falls per layer in the least-squares fit of log D_l against l (layer and index empty)"),
            new MetricDoc(
                    "separation-fit-r2",
                    "R^2 of that fit in log space, 1 = exactly geometric (target T13; layer and index empty)"));

    private DMatrixRMaj[] buffers;

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        Dataset data = ctx.data();
        int classes = data.classCount();
        DMatrixRMaj[] features = features(ctx);
        double[] d = new double[features.length];
        for (int l = 0; l < features.length; l++) {
            d[l] = Separation.measure(features[l], data.labels(), classes);
            out.add(MetricSeries.ofLayer("separation", l, d[l]));
        }
        if (d.length >= 2) {
            GeometricFit fit = GeometricFit.fit(d);
            out.add(MetricSeries.scalar("separation-fit-ratio", fit.ratio()));
            out.add(MetricSeries.scalar("separation-fit-r2", fit.rSquared()));
        }
    }

    private DMatrixRMaj[] features(ProbeContext ctx) {
        if (ctx.model() instanceof LayerFeatures lf) {
            return lf.layerFeatures();
        }
        DMatrixRMaj[] w = ctx.model().layerWeights();
        DMatrixRMaj x = ctx.data().inputMatrix();
        if (buffers == null) {
            buffers = new DMatrixRMaj[w.length];
            buffers[0] = x;
            for (int l = 1; l < w.length; l++) {
                buffers[l] = new DMatrixRMaj(w[l - 1].numRows, x.numCols);
            }
        }
        for (int l = 1; l < w.length; l++) {
            ctx.linAlg().mult(w[l - 1], buffers[l - 1], buffers[l]);
        }
        return buffers;
    }
}
