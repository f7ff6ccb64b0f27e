package org.parsimonylab.engine.data;

import org.ejml.data.DMatrixRMaj;

/**
 * Generated data, shared read-only by every variant of a run: nothing may modify these matrices.
 *
 * @param spec what was generated
 * @param x inputs X (inputDim×N), or null when X = I (factorization and completion: the network output is the
 *     end-to-end matrix itself, docs/science.md §1.2)
 * @param inputDim rows of X
 * @param y the full target Y (outputs×N); for completion the whole Φ, observed or not
 * @param mask 1 where an entry of Y is observed (same shape as Y), or null when everything is observed
 * @param labels class of each column (classification), or null
 * @param phi the target map Φ (outputs×inputDim) when the data has one, or null
 * @param xTest held-out inputs (inputDim×N_test), or null without a test split
 * @param yTest held-out one-hot targets (outputs×N_test), or null
 * @param labelsTest class of each held-out column, or null
 * @param testIndices for each held-out column, its position among all samples before the split (the row of a data
 *     file, the column of the generated set), ascending; null without a test split
 */
public record Dataset(
        DataSpec spec,
        DMatrixRMaj x,
        int inputDim,
        DMatrixRMaj y,
        DMatrixRMaj mask,
        int[] labels,
        DMatrixRMaj phi,
        DMatrixRMaj xTest,
        DMatrixRMaj yTest,
        int[] labelsTest,
        int[] testIndices) {

    /** A data set whose test split does not record where its columns came from. */
    public Dataset(
            DataSpec spec,
            DMatrixRMaj x,
            int inputDim,
            DMatrixRMaj y,
            DMatrixRMaj mask,
            int[] labels,
            DMatrixRMaj phi,
            DMatrixRMaj xTest,
            DMatrixRMaj yTest,
            int[] labelsTest) {
        this(spec, x, inputDim, y, mask, labels, phi, xTest, yTest, labelsTest, null);
    }

    /** A data set without a test split (the seven-field form of earlier versions). */
    public Dataset(
            DataSpec spec,
            DMatrixRMaj x,
            int inputDim,
            DMatrixRMaj y,
            DMatrixRMaj mask,
            int[] labels,
            DMatrixRMaj phi) {
        this(spec, x, inputDim, y, mask, labels, phi, null, null, null);
    }

    /** True when a held-out test set with labels exists. */
    public boolean hasTest() {
        return xTest != null && labelsTest != null && labelsTest.length > 0;
    }

    /** True when X is the identity and is not stored. */
    public boolean identityInput() {
        return x == null;
    }

    /** Number of samples N (columns of Y). */
    public int sampleCount() {
        return y.numCols;
    }

    /** Rows of Y. */
    public int outputDim() {
        return y.numRows;
    }

    /** Number of classes, or 0 without labels. */
    public int classCount() {
        if (labels == null) {
            return 0;
        }
        int k = 0;
        for (int label : labels) {
            k = Math.max(k, label + 1);
        }
        return k;
    }

    /** X as a matrix (the identity is materialised when X is implicit). */
    public DMatrixRMaj inputMatrix() {
        if (x != null) {
            return x;
        }
        DMatrixRMaj eye = new DMatrixRMaj(inputDim, inputDim);
        for (int i = 0; i < inputDim; i++) {
            eye.set(i, i, 1.0);
        }
        return eye;
    }
}
