package org.parsimonylab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
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
        long budget = experiment.variants().stream()
                .mapToLong(v -> steps > 0
                        ? Math.min(steps, v.training().steps())
                        : v.training().steps())
                .max()
                .orElse(0);
        ProgressPrinter progress = new ProgressPrinter(err, budget);
        RunFolderWriter writer = RunFolderWriter.create(out);
        // Ctrl-C or a kill: remove the hidden partial folder instead of leaving it beside --out.
        Thread cleanup = new Thread(() -> closeQuietly(writer), "run-folder-cleanup");
        Runtime.getRuntime().addShutdownHook(cleanup);
        try (writer) {
            writer.writePreset(PresetWriter.toJson(p));
            ExperimentRun run = new ExperimentRun(experiment, presetOptions.linAlg(), presetOptions.baseDir());
            List<VariantResult> results = run.run(
                    new RunListener() {
                        @Override
                        public void data(Dataset data) {
                            io(() -> writer.writeData(data));
                            io(() -> writer.writeBatchOrder(experiment, data, steps));
                        }

                        @Override
                        public void snapshot(String variant, StepSnapshot snapshot) {
                            io(() -> writer.appendMetrics(variant, snapshot));
                            progress.snapshot(variant, snapshot);
                        }

                        @Override
                        public void checkpoint(String variant, long step, DMatrixRMaj[] weights) {
                            io(() -> writer.writeWeights(variant, step, weights));
                        }

                        @Override
                        public void checkpointParameters(String variant, long step, Map<String, DMatrixRMaj> named) {
                            io(() -> writer.writeCheckpointParameters(variant, step, named));
                        }

                        @Override
                        public void finished(VariantResult result) {
                            progress.finished(result);
                        }
                    },
                    steps,
                    checkpointEvery);
            RunFolderSaver.writeEvents(writer, experiment);
            writer.writeReadme(p.title().isEmpty() ? p.name() : p.title(), MetricCatalog.lines());
            Path done = writer.commit();
            spec.commandLine().getOut().println(done);
            return results.isEmpty() ? Main.EXIT_FAILURE : 0;
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        }
    }

    private static void closeQuietly(RunFolderWriter writer) {
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
