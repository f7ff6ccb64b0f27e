package org.parsimonylab.session;

import java.nio.file.Path;
import java.util.Objects;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.metrics.TwinStore;

/**
 * The one way an experiment is set up for training, shared by {@code run} ({@link ExperimentRun}) and the app
 * ({@link TrainingSession}): the data generated once from the seed (relative {@code data.file} resolved against the
 * preset's folder), one {@link TwinStore} fed by the reference variant, and a {@link VariantRunner} per variant with
 * the same probes and cadence. Variants may be stepped one after the other or side by side: each has its own model
 * and random streams, and the reference (first uncompressed variant, first in the preset) reaches a step before its
 * twins do, so the recorded numbers are the same either way. Owned by one thread.
 */
public final class ExperimentDriver {
    private final ExperimentSpec spec;
    private final LinAlg linAlg;
    private final Path baseDir;
    private final TwinStore twins;
    private Dataset data;

    /**
     * A driver of {@code spec} on {@code linAlg} (owned by the calling thread); relative data files resolve against
     * {@code baseDir} (null: the working directory).
     */
    public ExperimentDriver(ExperimentSpec spec, LinAlg linAlg, Path baseDir) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.linAlg = Objects.requireNonNull(linAlg, "linAlg");
        this.baseDir = baseDir == null ? Path.of("") : baseDir;
        // The first uncompressed variant keeps its end-to-end matrices for the twins' distance (docs/science.md T7).
        this.twins = TwinStore.forVariants(
                spec.variants().stream().map(VariantSpec::name).toList(),
                spec.variants().stream().map(VariantSpec::network).toList());
    }

    /** The data set (generated on first use). */
    public Dataset data() {
        if (data == null) {
            data = DataGenerator.generate(spec.data(), spec.seed(), linAlg, baseDir);
        }
        return data;
    }

    /**
     * A runner of {@code variant} at step 0; {@code maxSteps} &gt; 0 caps its step budget (0 keeps the preset's);
     * {@code live} adds the off-record probes of the app's live view ({@link VariantRunner#liveSnapshot}).
     */
    public VariantRunner runner(VariantSpec variant, long maxSteps, boolean live) {
        return new VariantRunner(variant, data(), spec.seed(), linAlg, maxSteps, twins, live);
    }

    /** The experiment. */
    public ExperimentSpec spec() {
        return spec;
    }
}
