package org.parsimonylab.checkpoints;

/**
 * How a checkpoint series is analysed.
 *
 * @param selection which tensors
 * @param topK k of the top-k singular subspaces (angles, update energy, alignment)
 * @param referenceStep the step angles and updates are measured against; -1 = the first checkpoint
 * @param fullSvdMaxDim matrices with min(rows, cols) at most this get every singular value by LAPACK's full SVD;
 *     larger ones get the top singular triplets by {@link TopSvd}
 * @param energyShare the share of ‖W(t) − W(ref)‖²_F whose rank is the one-number summary (0.9)
 */
public record AnalysisOptions(
        TensorSelection selection, int topK, long referenceStep, int fullSvdMaxDim, double energyShare) {
    public AnalysisOptions {
        if (selection == null) {
            throw new IllegalArgumentException("selection must be given");
        }
        if (topK < 1) {
            throw new IllegalArgumentException("--top-k must be >= 1 (got " + topK + ")");
        }
        if (referenceStep < -1) {
            throw new IllegalArgumentException("--reference must be a step >= 0 (got " + referenceStep + ")");
        }
        if (fullSvdMaxDim < 1) {
            throw new IllegalArgumentException("--full-svd-max must be >= 1 (got " + fullSvdMaxDim + ")");
        }
        if (!(energyShare > 0 && energyShare <= 1)) {
            throw new IllegalArgumentException("energy share must be in (0, 1] (got " + energyShare + ")");
        }
    }

    /** Every matrix, k = 10, reference = first checkpoint, full SVDs up to 1024, 90 % energy. */
    public static AnalysisOptions defaults() {
        return new AnalysisOptions(TensorSelection.all(), 10, -1, 1024, 0.9);
    }
}
