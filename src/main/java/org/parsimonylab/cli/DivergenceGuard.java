package org.parsimonylab.cli;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * Keeps a diverged run useful: per variant, the metrics rows up to the last step whose loss was finite and below
 * {@link Trainer#DIVERGED_LOSS}, and only checkpoints whose weights are all finite and below {@link #MAX_WEIGHT}, so
 * the last checkpoint written is the last good state and not the overflowed one. Used on the run's thread.
 */
final class DivergenceGuard {
    /** Largest |w| of a weight kept in a checkpoint: beyond it squares overflow and nothing downstream is usable. */
    static final double MAX_WEIGHT = 1e100;

    private final Map<String, Variant> variants = new LinkedHashMap<>();

    private static final class Variant {
        long lastGoodStep = -1;
        long lastCheckpoint = -1;
        long divergedAt = -1;
        double divergedLoss = Double.NaN;
    }

    /** Whether {@code snapshot} is still good (to be written); its loss decides, and marks the divergence. */
    boolean accept(String variant, StepSnapshot snapshot) {
        Variant v = variants.computeIfAbsent(variant, k -> new Variant());
        if (v.divergedAt >= 0) {
            return false;
        }
        double loss = snapshot.loss();
        if (!Double.isFinite(loss) || loss > Trainer.DIVERGED_LOSS) {
            v.divergedAt = snapshot.step();
            v.divergedLoss = loss;
            return false;
        }
        v.lastGoodStep = snapshot.step();
        return true;
    }

    /** Whether the checkpoint of {@code variant} at {@code step} is good (finite, not overflowing) to be written. */
    boolean keepWeights(String variant, long step, DMatrixRMaj[] weights) {
        Variant v = variants.computeIfAbsent(variant, k -> new Variant());
        if (v.divergedAt >= 0 && step >= v.divergedAt) {
            return false;
        }
        for (DMatrixRMaj w : weights) {
            int n = w.getNumElements();
            for (int i = 0; i < n; i++) {
                double x = w.data[i];
                if (!(Math.abs(x) <= MAX_WEIGHT)) {
                    if (v.divergedAt < 0) {
                        v.divergedAt = step;
                    }
                    return false;
                }
            }
        }
        v.lastCheckpoint = step;
        return true;
    }

    /** Whether some variant diverged. */
    boolean diverged() {
        return variants.values().stream().anyMatch(v -> v.divergedAt >= 0);
    }

    /** One sentence per diverged variant: where it diverged and what was kept. */
    String summary() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Variant> e : variants.entrySet()) {
            Variant v = e.getValue();
            if (v.divergedAt < 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "variant '%s' diverged at step %d (loss %s): metrics kept up to step %d, last good weights at"
                            + " step %d",
                    e.getKey(),
                    v.divergedAt,
                    Double.isNaN(v.divergedLoss) ? "not finite" : String.format(Locale.ROOT, "%.3g", v.divergedLoss),
                    v.lastGoodStep,
                    v.lastCheckpoint));
        }
        return sb.toString();
    }
}
