package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;

/**
 * Classification accuracy: the share of columns whose largest output is the true class, mean(argmax(out, axis 0) ==
 * labels) as the papers' {@code solver.py} computes it (docs/science.md §2).
 */
public final class Accuracy {
    private Accuracy() {}

    /** The row of the largest entry of each column of {@code out} (K×N; the first on ties). */
    public static int[] argmaxColumns(DMatrixRMaj out) {
        int k = out.numRows;
        int n = out.numCols;
        int[] best = new int[n];
        for (int j = 0; j < n; j++) {
            double max = out.data[j];
            for (int i = 1; i < k; i++) {
                double v = out.data[i * n + j];
                if (v > max) {
                    max = v;
                    best[j] = i;
                }
            }
        }
        return best;
    }

    /** Fraction in [0, 1] of the N columns of {@code out} (K×N) whose argmax equals {@code labels[j]}. */
    public static double of(DMatrixRMaj out, int[] labels) {
        if (labels.length != out.numCols) {
            throw new IllegalArgumentException(
                    "labels has " + labels.length + " entries for " + out.numCols + " output columns");
        }
        int[] best = argmaxColumns(out);
        int hits = 0;
        for (int j = 0; j < best.length; j++) {
            hits += best[j] == labels[j] ? 1 : 0;
        }
        return labels.length == 0 ? Double.NaN : (double) hits / labels.length;
    }
}
