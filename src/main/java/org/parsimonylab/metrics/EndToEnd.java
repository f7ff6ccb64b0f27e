package org.parsimonylab.metrics;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.train.DeepLinearModel;
import org.parsimonylab.engine.train.EndToEndMap;
import org.parsimonylab.engine.train.Model;

/**
 * The end-to-end matrix W_{L:1} = W_L⋯W_1 (outputs×inputs) of a linear model at the current step (docs/science.md §1.2,
 * {@code compute_end_to_end}). Free for a deep linear network with X = I (its last forward output is W_{L:1}); a
 * product chain otherwise; the compressed twin states it itself.
 */
public final class EndToEnd {
    private DMatrixRMaj result = new DMatrixRMaj(1, 1);
    private DMatrixRMaj scratch = new DMatrixRMaj(1, 1);

    /** True when {@code model} is linear, so that W_{L:1} exists. */
    public static boolean supports(Model model) {
        return model instanceof EndToEndMap || model instanceof DeepLinearModel;
    }

    /**
     * W_{L:1} of the model in {@code ctx}, valid until the next call; the caller must not modify it. Uses the
     * forward pass of the last evaluation when X = I.
     */
    public DMatrixRMaj of(ProbeContext ctx) {
        Model model = ctx.model();
        if (model instanceof EndToEndMap map) {
            return map.endToEnd(result);
        }
        if (model instanceof DeepLinearModel dln && ctx.data().identityInput()) {
            return dln.output();
        }
        DMatrixRMaj[] w = model.parameters();
        result.reshape(w[0].numRows, w[0].numCols);
        result.setTo(w[0]);
        for (int l = 1; l < w.length; l++) {
            scratch.reshape(w[l].numRows, result.numCols);
            ctx.linAlg().mult(w[l], result, scratch);
            DMatrixRMaj t = result;
            result = scratch;
            scratch = t;
        }
        return result;
    }
}
