package org.parsimonylab.metrics;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Svd;

/**
 * The SVDs of a variant's layers at the current step, computed at most once per step and shared by every probe
 * that needs them (spectra, angles). Layer numbers are 1..L (W1 first).
 */
public final class LayerSvds {
    private Svd[] svds = new Svd[0];
    private boolean[] withVectors = new boolean[0];
    private long[] stepOf = new long[0];

    /** The SVD of layer {@code layer} of {@code ctx}'s model at {@code ctx.step()}; thin vectors when asked. */
    public Svd get(ProbeContext ctx, int layer, boolean vectors) {
        DMatrixRMaj[] w = ctx.model().layerWeights();
        if (svds.length != w.length) {
            svds = new Svd[w.length];
            withVectors = new boolean[w.length];
            stepOf = new long[w.length];
            java.util.Arrays.fill(stepOf, -1);
        }
        int i = layer - 1;
        if (svds[i] == null) {
            svds[i] = new Svd();
        }
        if (stepOf[i] != ctx.step() || (vectors && !withVectors[i])) {
            ctx.linAlg().svd(w[i], vectors ? LinAlg.SvdMode.THIN : LinAlg.SvdMode.VALUES, svds[i]);
            stepOf[i] = ctx.step();
            withVectors[i] = vectors;
        }
        return svds[i];
    }
}
