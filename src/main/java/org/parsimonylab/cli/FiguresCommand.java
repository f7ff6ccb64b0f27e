package org.parsimonylab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.chart.RunFigures;
import org.parsimonylab.export.FigureBatch;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureManifest;
import org.parsimonylab.export.FigureMetadata;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;
import org.parsimonylab.export.RunFolderReader;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.RunListener;
import org.parsimonylab.session.VariantResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code figures PRESET|RUN_DIR --out DIR}: the figures a paper shows for a preset (trained headlessly here, no display
 * needed) or for a run folder (read, not trained), as {@code <preset-name>-<chart>.<format>} in DIR.
 */
@Command(
        name = "figures",
        mixinStandardHelpOptions = true,
        description = {
            "Write the figures of a preset (trained now, headless) or of a run folder (read back, no training):",
            "loss, spectrum, singular values over time and waterfall of W1, angles, class separation, variants."
        })
final class FiguresCommand implements Callable<Integer> {
    @Mixin
    PresetOptions presetOptions;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder for the figures (created)")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "LIST",
            defaultValue = "png,svg,pdf,csv",
            description = "comma-separated: png, svg, pdf, csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(
            names = "--scale",
            paramLabel = "S",
            defaultValue = "2",
            description = "PNG pixels per point: 1, 2, 3 (default ${DEFAULT-VALUE}: a slide is 1920x1080 px)")
    double scale;

    @Option(
            names = "--theme",
            paramLabel = "NAME",
            defaultValue = "slide",
            description = "slide (large type, thick lines) or screen (default: ${DEFAULT-VALUE})")
    String theme;

    @Option(
            names = "--size",
            paramLabel = "SIZE",
            defaultValue = "slide",
            description =
                    "slide (960x540 pt), single-column, double-column or WxH in points (default: ${DEFAULT-VALUE})")
    String size;

    @Option(
            names = "--editable-text",
            description = "SVG text as <text> elements to restyle in an editor (default: glyph outlines)")
    boolean editableText;

    @Option(names = "--steps", paramLabel = "N", description = "for a preset: cap every variant at N steps")
    long steps;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0");
        }
        Set<FigureFormat> formats = FigureFormat.parseList(format);
        FigureOptions options =
                new FigureOptions(FigureSize.parse(size), scale, FigureTheme.parse(theme), editableText);
        PrintWriter err = spec.commandLine().getErr();
        Path source = presetOptions.preset;
        Preset preset;
        String presetJson;
        RunHistory history;
        if (RunFolderReader.isRunFolder(source)) {
            if (!presetOptions.overrides.isEmpty() || steps > 0) {
                throw new IllegalArgumentException(
                        source + " is a run folder: --set and --steps apply to presets, which are trained");
            }
            RunFolderReader.RunFolder run = RunFolderReader.read(source);
            preset = PresetLoader.parse(
                    run.presetJson(), source.resolve("preset.json").toString(), List.of());
            presetJson = run.presetJson();
            history = run.history();
        } else if (java.nio.file.Files.isDirectory(source)) {
            throw new IllegalArgumentException(
                    source + " is a folder without preset.json and metrics.csv: give a preset file or a run folder");
        } else {
            preset = presetOptions.load();
            presetJson = PresetWriter.toJson(preset);
            history = train(preset, err);
        }
        if (history.isEmpty()) {
            throw new IllegalArgumentException(source + ": the run recorded no metrics, so there is nothing to draw");
        }
        List<NamedFigure> figures = RunFigures.build(history, preset.metrics().blockRank());
        List<Path> written = FigureBatch.write(
                FigureBatch.prepare(figures, options),
                out,
                FigureBatch.safePrefix(preset.name()),
                formats,
                options,
                new FigureMetadata(presetJson, Main.appVersion()));
        String prefix = FigureBatch.safePrefix(preset.name());
        FigureManifest manifest = new FigureManifest(preset.description());
        for (NamedFigure f : figures) {
            List<Path> files = formats.stream()
                    .map(fmt -> FigureBatch.fileOf(out, prefix, f.key(), fmt))
                    .toList();
            manifest.add(files, f.key(), history, false);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        for (Path p : written) {
            stdout.println(p);
        }
        stdout.println(manifest.write(out, preset.name(), "parsimony-lab figures " + Main.appVersion()));
        return 0;
    }

    private RunHistory train(Preset preset, PrintWriter err) {
        ExperimentSpec experiment = preset.toExperiment();
        long budget = experiment.variants().stream()
                .mapToLong(v -> steps > 0
                        ? Math.min(steps, v.training().steps())
                        : v.training().steps())
                .max()
                .orElse(0);
        ProgressPrinter progress = new ProgressPrinter(err, budget);
        // Every recorded step is kept: the figures show the whole run, as a run folder would.
        RunHistory history = new RunHistory(Integer.MAX_VALUE);
        ExperimentRun run = new ExperimentRun(experiment, presetOptions.linAlg(), presetOptions.baseDir());
        run.run(
                new RunListener() {
                    @Override
                    public void snapshot(String variant, StepSnapshot snapshot) {
                        history.add(variant, snapshot);
                        progress.snapshot(variant, snapshot);
                    }

                    @Override
                    public void finished(VariantResult result) {
                        history.setStepsPerSecond(result.variant(), result.stepsPerSecond());
                        progress.finished(result);
                    }
                },
                steps,
                0);
        return history;
    }
}
