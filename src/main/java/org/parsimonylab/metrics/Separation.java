package org.parsimonylab.metrics;

import org.ejml.data.DMatrixRMaj;

/**
 * The class-separation measure of docs/science.md §1.6 (M3), as in the papers' {@code collapse.py}: for features H (d×N)
 * with labels y_i ∈ {0…K−1}, μ_G = mean of all columns, μ_k = class means, Σ_W = (1/N)Σ_i (h_i − μ_{y_i})(h_i −
 * μ_{y_i})ᵀ, Σ_B = (1/K)Σ_k (μ_k − μ_G)(μ_k − μ_G)ᵀ and D = tr Σ_W / tr Σ_B (not tr(Σ_W Σ_B⁺)/K). Traces are
 * computed directly, O(d·N), without forming the d×d covariances.
 */
public final class Separation {
    private Separation() {}

    /** D = tr Σ_W / tr Σ_B of the columns of {@code h} (d×N) with class {@code labels[i]} of column i, K classes. */
    public static double measure(DMatrixRMaj h, int[] labels, int classes) {
        int d = h.numRows;
        int n = h.numCols;
        if (labels.length != n) {
            throw new IllegalArgumentException("labels has " + labels.length + " entries for " + n + " columns");
        }
        double[] counts = new double[classes];
        for (int label : labels) {
            counts[label]++;
        }
        double[] classMean = new double[classes];
        double traceWithin = 0;
        double traceBetween = 0;
        for (int row = 0; row < d; row++) {
            java.util.Arrays.fill(classMean, 0.0);
            double global = 0;
            int base = row * n;
            for (int i = 0; i < n; i++) {
                double v = h.data[base + i];
                classMean[labels[i]] += v;
                global += v;
            }
            global /= n;
            for (int k = 0; k < classes; k++) {
                classMean[k] = counts[k] > 0 ? classMean[k] / counts[k] : 0.0;
                if (counts[k] > 0) {
                    double diff = classMean[k] - global;
                    traceBetween += diff * diff;
                }
            }
            for (int i = 0; i < n; i++) {
                double diff = h.data[base + i] - classMean[labels[i]];
                traceWithin += diff * diff;
            }
        }
        return (traceWithin / n) / (traceBetween / classes);
    }
}
