package org.parsimonylab.session;

import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * Receives what a run produces, on the thread that runs it. Snapshots are immutable; weights passed to {@link
 * #checkpoint} are live and must be copied or written before the method returns.
 */
public interface RunListener {
    /** The data set, once, before any variant trains. */
    default void data(Dataset data) {}

    /** A recorded step of {@code variant}. */
    default void snapshot(String variant, StepSnapshot snapshot) {}

    /** The weights W1…WL of {@code variant} at {@code step} (step 0 and the last step always come). */
    default void checkpoint(String variant, long step, DMatrixRMaj[] weights) {}

    /**
     * The parameters of {@code variant} at {@code step} that the weights alone do not give, right after {@link
     * #checkpoint} (biases b1…bL, low-rank factors U_l, S_l, V_l, a twin's frozen U_L1 and V_11; see {@link
     * org.parsimonylab.engine.train.CheckpointParameters}); empty for a plain deep linear network. Live, like the
     * weights: copy or write them before returning.
     */
    default void checkpointParameters(String variant, long step, Map<String, DMatrixRMaj> parameters) {}

    /** A variant finished. */
    default void finished(VariantResult result) {}
}
