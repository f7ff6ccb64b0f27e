package org.parsimonylab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.VariantResult;

/** Progress of a long run on stderr, at most about once a second, and one summary line per variant. */
final class ProgressPrinter {
    private final PrintWriter err;
    private final long totalSteps;
    private long lastPrint = System.nanoTime();

    ProgressPrinter(PrintWriter err, long totalSteps) {
        this.err = err;
        this.totalSteps = totalSteps;
    }

    void snapshot(String variant, StepSnapshot s) {
        long now = System.nanoTime();
        if (now - lastPrint > 1_000_000_000L) {
            lastPrint = now;
            double rate = s.elapsedSeconds() > 0 ? s.step() / s.elapsedSeconds() : 0;
            err.printf(
                    Locale.ROOT,
                    "[%s] step %d/%d  loss %.4e  %.1f steps/s%n",
                    variant,
                    s.step(),
                    totalSteps,
                    s.loss(),
                    rate);
            err.flush();
        }
    }

    void finished(VariantResult r) {
        err.printf(
                Locale.ROOT,
                "[%s] %s at step %d, loss %.6e, %.3f s training (%.1f steps/s), %.3f s metrics%n",
                r.variant(),
                r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                r.steps(),
                r.finalLoss(),
                r.trainingSeconds(),
                r.stepsPerSecond(),
                r.monitoringSeconds());
        if (r.reason() == org.parsimonylab.engine.train.StopReason.DIVERGED) {
            err.printf("[%s] warning: the loss diverged; try a smaller training.learningRate%n", r.variant());
        }
        err.flush();
    }
}
