package org.parsimonylab.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.StopReason;

/**
 * Runs an experiment headlessly on the calling thread: generates the data once, then trains each variant in turn
 * from the same seed, recording metrics at the variant's cadence (and always at step 0, the reference step and the
 * last step)
 * and handing weights to the listener at checkpoints. Training time and monitoring time are measured separately.
 */
public final class ExperimentRun {
    private final ExperimentDriver driver;
    private final AtomicBoolean cancelled = new AtomicBoolean();

    /** A run of {@code spec} using {@code linAlg} (owned by the running thread); data files relative to the cwd. */
    public ExperimentRun(ExperimentSpec spec, LinAlg linAlg) {
        this(spec, linAlg, Path.of(""));
    }

    /** A run whose relative data files ({@code data.file}) resolve against {@code baseDir}, the preset's folder. */
    public ExperimentRun(ExperimentSpec spec, LinAlg linAlg, Path baseDir) {
        this.driver = new ExperimentDriver(spec, linAlg, baseDir);
    }

    /** The data set (generated on first use). */
    public Dataset data() {
        return driver.data();
    }

    /** Asks the run to stop after the current step (from any thread). */
    public void cancel() {
        cancelled.set(true);
    }

    /**
     * Trains every variant; {@code maxSteps} &gt; 0 caps each variant's step budget (0 keeps the preset's), and
     * {@code checkpointEvery} &gt; 0 adds weight checkpoints every that many steps.
     */
    public List<VariantResult> run(RunListener listener, long maxSteps, long checkpointEvery) {
        listener.data(driver.data());
        List<VariantResult> results = new ArrayList<>();
        for (VariantSpec variant : driver.spec().variants()) {
            if (cancelled.get()) {
                break;
            }
            VariantRunner runner = driver.runner(variant, maxSteps, false);
            while (runner.advance(listener, checkpointEvery, cancelled.get()) == StopReason.NONE) {
                // advance does the work
            }
            results.add(runner.result());
        }
        return results;
    }
}
