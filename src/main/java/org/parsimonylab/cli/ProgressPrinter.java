package org.parsimonylab.cli;

import java.io.PrintWriter;
import java.util.Locale;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.VariantResult;

/**
 * Progress of a run on stderr: a line at most about once a second from the recorded steps, and, whatever the metric
 * cadence, a heartbeat at least every {@link #HEARTBEAT_MILLIS} ms from a daemon thread (the last recorded step and
 * the time since, or what the run is doing before its first step), plus one summary line per variant.
 */
final class ProgressPrinter implements AutoCloseable {
    /** Longest silence on stderr while a run works. */
    static final long HEARTBEAT_MILLIS = 2000;

    private final PrintWriter err;
    private final long totalSteps;
    private final long start = System.nanoTime();
    private final Thread heartbeat;
    private final Thread owner = Thread.currentThread();
    private long lastPrint = System.nanoTime();
    private volatile String variant = "";
    private volatile long step = -1;
    private volatile double loss = Double.NaN;
    private volatile long lastLine = System.nanoTime();

    ProgressPrinter(PrintWriter err, long totalSteps) {
        this.err = err;
        this.totalSteps = totalSteps;
        heartbeat = new Thread(this::beat, "parsimony-lab-progress");
        heartbeat.setDaemon(true);
        heartbeat.start();
    }

    void snapshot(String variant, StepSnapshot s) {
        this.variant = variant;
        this.step = s.step();
        this.loss = s.loss();
        long now = System.nanoTime();
        if (now - lastPrint > 1_000_000_000L) {
            lastPrint = now;
            double rate = s.elapsedSeconds() > 0 ? s.step() / s.elapsedSeconds() : 0;
            print(String.format(
                    Locale.ROOT,
                    "[%s] step %d/%d  loss %.4e  %.1f steps/s",
                    variant,
                    s.step(),
                    totalSteps,
                    s.loss(),
                    rate));
        }
    }

    void finished(VariantResult r) {
        print(String.format(
                Locale.ROOT,
                "[%s] %s at step %d, loss %.6e, %.3f s training (%.1f steps/s), %.3f s metrics",
                r.variant(),
                r.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                r.steps(),
                r.finalLoss(),
                r.trainingSeconds(),
                r.stepsPerSecond(),
                r.monitoringSeconds()));
        step = -1;
        if (r.reason() == org.parsimonylab.engine.train.StopReason.DIVERGED) {
            print("[" + r.variant() + "] warning: the loss diverged; try a smaller training.learningRate");
        }
    }

    private void print(String line) {
        synchronized (err) {
            err.println(line);
            err.flush();
        }
        lastLine = System.nanoTime();
    }

    private void beat() {
        while (!Thread.currentThread().isInterrupted() && owner.isAlive()) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            if (now - lastLine < HEARTBEAT_MILLIS * 1_000_000L) {
                continue;
            }
            double elapsed = (now - start) * 1e-9;
            long s = step;
            if (s < 0) {
                print(String.format(
                                Locale.ROOT,
                                "%s working (%.0f s): generating data or building the next model",
                                variant.isEmpty() ? "" : "[" + variant + "]",
                                elapsed)
                        .strip());
            } else {
                print(String.format(
                        Locale.ROOT,
                        "[%s] training (%.0f s), last recorded step %d/%d, loss %.4e",
                        variant,
                        elapsed,
                        s,
                        totalSteps,
                        loss));
            }
        }
    }

    @Override
    public void close() {
        heartbeat.interrupt();
    }
}
