package org.parsimonylab.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.metrics.TwinStore;

/**
 * Runs an experiment headlessly on the calling thread: generates the data once, then trains each variant in turn
 * from the same seed, recording metrics at the variant's cadence (and always at step 0, the reference step and the
 * last step)
 * and handing weights to the listener at checkpoints. Training time and monitoring time are measured separately.
 */
public final class ExperimentRun {
    private final ExperimentSpec spec;
    private final LinAlg linAlg;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final Path baseDir;
    private Dataset data;
    private TwinStore twins;

    /** A run of {@code spec} using {@code linAlg} (owned by the running thread); data files relative to the cwd. */
    public ExperimentRun(ExperimentSpec spec, LinAlg linAlg) {
        this(spec, linAlg, Path.of(""));
    }

    /** A run whose relative data files ({@code data.file}) resolve against {@code baseDir}, the preset's folder. */
    public ExperimentRun(ExperimentSpec spec, LinAlg linAlg, Path baseDir) {
        this.spec = spec;
        this.linAlg = linAlg;
        this.baseDir = baseDir;
    }

    /** The data set (generated on first use). */
    public Dataset data() {
        if (data == null) {
            data = DataGenerator.generate(spec.data(), spec.seed(), linAlg, baseDir);
        }
        return data;
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
        Dataset ds = data();
        listener.data(ds);
        List<VariantResult> results = new ArrayList<>();
        // The first uncompressed variant keeps its end-to-end matrices for the twins' distance (papers.md T7).
        twins = TwinStore.forVariants(
                spec.variants().stream().map(VariantSpec::name).toList(),
                spec.variants().stream().map(VariantSpec::network).toList());
        for (VariantSpec variant : spec.variants()) {
            if (cancelled.get()) {
                break;
            }
            results.add(runVariant(variant, ds, listener, maxSteps, checkpointEvery));
        }
        return results;
    }

    private VariantResult runVariant(
            VariantSpec variant, Dataset ds, RunListener listener, long maxSteps, long checkpointEvery) {
        VariantRunner runner = new VariantRunner(variant, ds, spec.seed(), linAlg, maxSteps, twins);
        while (runner.advance(listener, checkpointEvery, cancelled.get()) == StopReason.NONE) {
            // advance does the work
        }
        return runner.result();
    }
}
