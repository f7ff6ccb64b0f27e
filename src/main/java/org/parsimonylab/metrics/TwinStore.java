package org.parsimonylab.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.NetworkSpec;

/**
 * The reference variant's end-to-end matrices at its recorded steps, kept so that a twin trained afterwards on the
 * same data and seed can report ‖W_ref(t) − W(t)‖_F/‖Φ‖_F at the same steps (docs/science.md §1.5, target T7; the E6/E7
 * "equivalent trajectory" figures). Variants train in turn, so the reference must come first in the preset; it is
 * the first variant without compression. Copies are bounded by a memory budget (at d = 1000 one matrix is 8 MB):
 * once it is spent, later steps are not stored and have no twin distance.
 */
public final class TwinStore {
    /** Default budget for stored matrices: 1 GiB. */
    public static final long DEFAULT_BUDGET_BYTES = 1L << 30;

    private final String reference;
    private final long budgetBytes;
    private final Map<Long, DMatrixRMaj> byStep = new HashMap<>();
    private long usedBytes;

    /** A store fed by variant {@code reference} (null: no twin metrics), holding at most {@code budgetBytes}. */
    public TwinStore(String reference, long budgetBytes) {
        this.reference = reference;
        this.budgetBytes = budgetBytes;
    }

    /** The store of an experiment: the first variant whose compression is {@code none} is the reference. */
    public static TwinStore forVariants(List<String> names, List<NetworkSpec> networks) {
        // At most a quarter of the heap: with -Xmx1g a fixed 1 GiB of copies was itself the OutOfMemoryError.
        long budget = Math.min(DEFAULT_BUDGET_BYTES, Runtime.getRuntime().maxMemory() / 4);
        for (int i = 0; i < names.size(); i++) {
            if (networks.get(i).compression().kind() == CompressionKind.NONE) {
                // Only a compressed variant trained later reads the store; without one nothing is kept.
                boolean twinLater = false;
                for (int j = i + 1; j < names.size(); j++) {
                    twinLater |= networks.get(j).compression().kind() != CompressionKind.NONE;
                }
                return new TwinStore(twinLater ? names.get(i) : null, budget);
            }
        }
        return new TwinStore(null, budget);
    }

    /** The reference variant's name, or null. */
    public String reference() {
        return reference;
    }

    /** True when {@code variant} feeds the store. */
    public boolean isReference(String variant) {
        return reference != null && reference.equals(variant);
    }

    /** Keeps a copy of {@code endToEnd} at {@code step} if the budget allows. */
    public void put(long step, DMatrixRMaj endToEnd) {
        long bytes = 8L * endToEnd.getNumElements();
        if (usedBytes + bytes > budgetBytes || byStep.containsKey(step)) {
            return;
        }
        byStep.put(step, endToEnd.copy());
        usedBytes += bytes;
    }

    /** The reference's end-to-end matrix at {@code step}, or null; not to be modified. */
    public DMatrixRMaj at(long step) {
        return byStep.get(step);
    }
}
