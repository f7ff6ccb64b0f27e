package org.parsimonylab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.NonFiniteException;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.export.RunFolderExistsException;
import org.parsimonylab.export.RunFolderSaver;
import org.parsimonylab.export.RunFolderWriter;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;
import org.parsimonylab.session.VariantResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run PRESET --out DIR}: trains a preset headlessly and writes the run folder of DESIGN.md §5 (layout 1). */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Train a preset and write a run folder (preset.json, metrics.csv, data/*.npy, weights/).")
final class RunCommand implements Callable<Integer> {
    @Mixin
    PresetOptions presetOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new (or empty) run folder")
    Path out;

    @Option(names = "--steps", paramLabel = "N", description = "cap every variant at N steps")
    long steps;

    @Option(names = "--checkpoint-every", paramLabel = "K", description = "also save weights every K steps")
    long checkpointEvery;

    @Option(
            names = "--allow-large-output",
            description = "run even when the estimated output is larger than the free space of --out's disk")
    boolean allowLargeOutput;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (steps < 0 || checkpointEvery < 0) {
            throw new IllegalArgumentException("--steps and --checkpoint-every must be >= 0");
        }
        Preset p = presetOptions.load();
        ExperimentSpec experiment = p.toExperiment();
        PrintWriter err = spec.commandLine().getErr();
        presetOptions.printWarnings(p, err);
        RunEstimate estimate = RunEstimate.of(experiment, steps, checkpointEvery);
        Resources.checkMemory(presetOptions.preset, estimate);
        Resources.checkOutput(out, estimate, allowLargeOutput, err);
        long budget = experiment.variants().stream()
                .mapToLong(v -> steps > 0
                        ? Math.min(steps, v.training().steps())
                        : v.training().steps())
                .max()
                .orElse(0);
        DivergenceGuard guard = new DivergenceGuard();
        try (Interrupts interrupts = new Interrupts();
                ProgressPrinter progress = new ProgressPrinter(err, budget)) {
            AtomicReference<RunFolderWriter> writerRef = new AtomicReference<>();
            interrupts.onCleanup(() -> closeQuietly(writerRef.get()));
            RunFolderWriter writer;
            try {
                writer = RunFolderWriter.create(out);
            } catch (RunFolderExistsException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            } catch (IOException e) {
                // Nothing has run yet: a folder that cannot be made is a bad path (exit 2), not a failure.
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            writerRef.set(writer);
            for (String stale : writer.removedStale()) {
                err.println("note: removed " + stale + ", left by an interrupted run");
            }
            try (writer) {
                if (interrupts.interrupted()) {
                    return Main.EXIT_INTERRUPTED;
                }
                writer.writePreset(PresetWriter.toJson(p));
                ExperimentRun run = new ExperimentRun(experiment, presetOptions.linAlg(), presetOptions.baseDir());
                interrupts.onStop(run::cancel);
                if (interrupts.interrupted()) {
                    return Main.EXIT_INTERRUPTED;
                }
                List<VariantResult> results = List.of();
                String overflow = null;
                try {
                    results = run.run(
                            new RunListener() {
                                @Override
                                public void data(Dataset data) {
                                    io(() -> writer.writeData(data));
                                    io(() -> writer.writeBatchOrder(experiment, data, steps));
                                }

                                @Override
                                public void snapshot(String variant, StepSnapshot snapshot) {
                                    progress.snapshot(variant, snapshot);
                                    if (guard.accept(variant, snapshot)) {
                                        io(() -> writer.appendMetrics(variant, snapshot));
                                    }
                                }

                                @Override
                                public void checkpoint(String variant, long step, DMatrixRMaj[] weights) {
                                    if (guard.keepWeights(variant, step, weights)) {
                                        io(() -> writer.writeWeights(variant, step, weights));
                                    }
                                }

                                @Override
                                public void checkpointParameters(
                                        String variant, long step, Map<String, DMatrixRMaj> named) {
                                    DMatrixRMaj[] values = named.values().toArray(new DMatrixRMaj[0]);
                                    if (guard.keepWeights(variant, step, values)) {
                                        io(() -> writer.writeCheckpointParameters(variant, step, named));
                                    }
                                }

                                @Override
                                public void finished(VariantResult result) {
                                    progress.finished(result);
                                }
                            },
                            steps,
                            checkpointEvery);
                } catch (IllegalArgumentException e) {
                    // e.g. data.file: the data is read only now, name the preset it belongs to
                    throw new IllegalArgumentException(presetOptions.preset + ": " + e.getMessage(), e);
                } catch (NonFiniteException e) {
                    // A probe's SVD met the overflowed weights of the diverging step: the run stops here, and what
                    // was good so far is kept.
                    overflow = e.getMessage();
                }
                if (interrupts.interrupted() || results.stream().anyMatch(r -> r.reason() == StopReason.CANCELLED)) {
                    return Main.EXIT_INTERRUPTED; // the writer's close removes the partial folder
                }
                RunFolderSaver.writeEvents(writer, experiment);
                writer.writeReadme(p.title().isEmpty() ? p.name() : p.title(), MetricCatalog.lines());
                Path done = writer.commit();
                spec.commandLine().getOut().println(done);
                if (guard.diverged() || overflow != null) {
                    String what = guard.diverged() ? guard.summary() : "the weights overflowed (" + overflow + ")";
                    err.println("error: " + presetOptions.preset + ": " + what
                            + (overflow != null ? "; the remaining variants did not run" : "")
                            + "; try a smaller training.learningRate or network.init.scale");
                    return Main.EXIT_DIVERGED;
                }
                return results.isEmpty() ? Main.EXIT_FAILURE : 0;
            } catch (UncheckedIOException e) {
                if (interrupts.interrupted()) {
                    return Main.EXIT_INTERRUPTED;
                }
                throw e.getCause();
            } catch (RuntimeException e) {
                if (interrupts.interrupted()) {
                    return Main.EXIT_INTERRUPTED; // a write refused after the hook closed the writer: not an error
                }
                throw e;
            }
        }
    }

    private static void closeQuietly(RunFolderWriter writer) {
        if (writer == null) {
            return;
        }
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is going down; nothing more can be done
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
