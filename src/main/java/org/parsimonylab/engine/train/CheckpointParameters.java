package org.parsimonylab.engine.train;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;

/**
 * The parameters a checkpoint needs besides the weights W_1…W_L ({@link Model#layerWeights()}) to recompute the
 * network's output from files alone, by name (the file stem in a run folder):
 *
 * <ul>
 *   <li>{@code b1} … {@code bL}: the biases b_l (out_l×1) of an MLP with biases, f(X) = W_L·φ(⋯φ(W_1X + b_1)⋯) + b_L;
 *   <li>{@code U1, S1, V1} … for every factored layer l &lt; L of a low-rank MLP: W_l = U_l·S_l·V_lᵀ with U_l (out×k),
 *       S_l (k×k) and V_l (in×k), the trainable parameters themselves (W_l is their product);
 *   <li>{@code U_L1} (d_out×k) and {@code V_11} (d_in×k) of a parsimony twin trained in its k×k reduction: the frozen
 *       outer factors, so that the end-to-end matrix is U_{L,1}·W_L⋯W_1·V_{1,1}ᵀ (docs/science.md §1.5).
 * </ul>
 */
public final class CheckpointParameters {
    private CheckpointParameters() {}

    /** The named extra parameters of {@code model} (the model's own matrices, not copies); empty when it has none. */
    public static Map<String, DMatrixRMaj> of(Model model) {
        Map<String, DMatrixRMaj> out = new LinkedHashMap<>();
        if (model instanceof LowRankMlpModel lowRank) {
            DMatrixRMaj[] u = lowRank.leftFactors();
            for (int l = 0; l < u.length; l++) {
                out.put("U" + (l + 1), u[l]);
                out.put("S" + (l + 1), lowRank.coreFactors()[l]);
                out.put("V" + (l + 1), lowRank.rightFactors()[l]);
            }
            biases(lowRank.denseView().biases(), out);
        } else if (model instanceof MlpModel mlp) {
            biases(mlp.biases(), out);
        } else if (model instanceof ReducedTwinModel twin) {
            out.put("U_L1", twin.leftFactor());
            out.put("V_11", twin.rightFactor());
        }
        return out;
    }

    private static void biases(DMatrixRMaj[] b, Map<String, DMatrixRMaj> out) {
        if (b == null) {
            return;
        }
        for (int l = 0; l < b.length; l++) {
            out.put("b" + (l + 1), b[l]);
        }
    }
}
