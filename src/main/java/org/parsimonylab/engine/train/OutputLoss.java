package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/**
 * The two output losses every model shares (docs/science.md §1.2): the squared residual and softmax cross-entropy over
 * the columns. Each returns the unnormalised sum and writes c·∂(sum)/∂output, so callers choose the normalisation c
 * (½·mean, ½·sum, mean over observed entries, 1/N).
 */
final class OutputLoss {
    private OutputLoss() {}

    /**
     * Σ (mask∘(out − target))² over the first {@code size} entries; writes {@code g = c·mask∘(out − target)}. A null
     * mask observes everything.
     */
    static double squaredSum(double[] out, double[] target, double[] mask, int size, double c, double[] g) {
        double sum = 0;
        if (mask == null) {
            for (int i = 0; i < size; i++) {
                double r = out[i] - target[i];
                sum += r * r;
                g[i] = c * r;
            }
        } else {
            for (int i = 0; i < size; i++) {
                double r = (out[i] - target[i]) * mask[i];
                sum += r * r;
                g[i] = c * r;
            }
        }
        return sum;
    }

    /**
     * −Σ target∘log softmax(out), softmax over each of the {@code n} columns of the K×n {@code out} (stabilised by the
     * column maximum); writes {@code g = c·(softmax(out) − target)}.
     */
    static double crossEntropySum(DMatrixRMaj out, DMatrixRMaj target, int n, double c, DMatrixRMaj g) {
        int k = out.numRows;
        double total = 0;
        for (int j = 0; j < n; j++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < k; i++) {
                max = Math.max(max, out.data[i * n + j]);
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                double e = Math.exp(out.data[i * n + j] - max);
                g.data[i * n + j] = e;
                sum += e;
            }
            double logSum = Math.log(sum);
            for (int i = 0; i < k; i++) {
                double t = target.data[i * n + j];
                if (t != 0) {
                    total -= t * (out.data[i * n + j] - max - logSum);
                }
                g.data[i * n + j] = c * (g.data[i * n + j] / sum - t);
            }
        }
        return total;
    }
}
