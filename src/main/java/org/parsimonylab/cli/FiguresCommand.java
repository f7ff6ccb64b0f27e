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
import org.parsimonylab.export.AnimationFormat;
import org.parsimonylab.export.FigureAnimator;
import org.parsimonylab.export.FigureBatch;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureManifest;
import org.parsimonylab.export.FigureMetadata;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;
import org.parsimonylab.export.FrameSink;
import org.parsimonylab.export.GifAnimationWriter;
import org.parsimonylab.export.Mp4AnimationWriter;
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
 * {@code figures PRESET|RUN_DIR|SWEEP_DIR|ANALYSIS_DIR --out DIR}: the figures a paper shows for a preset (trained headlessly here, no
 * display needed) or for a run folder (read, not trained), as {@code <preset-name>-<chart>.<format>} in DIR; for a sweep
 * folder the aggregated figures {@code sweep figures} draws; for an analysis folder ({@code analyze}) the figures
 * {@code analyze --figures} draws.
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

    @Option(
            names = "--animate",
            arity = "0..1",
            fallbackValue = "all",
            paramLabel = "KEYS",
            description = "also write each chart's evolution over the run as an animation; optionally only the"
                    + " comma-separated chart keys, e.g. spectrum-W1,loss (default: every chart)")
    String animate;

    @Option(
            names = "--frames",
            paramLabel = "N",
            defaultValue = "100",
            description = "frames per animation, spread evenly over the recorded steps (default: ${DEFAULT-VALUE})")
    int frames;

    @Option(
            names = "--fps",
            paramLabel = "F",
            defaultValue = "10",
            description = "animation frames per second (default: ${DEFAULT-VALUE}, so 100 frames last 10 s)")
    double fps;

    @Option(
            names = "--anim-size",
            paramLabel = "WxH",
            defaultValue = "1920x1080",
            description = "animation size in pixels, laid out like --size at --scale (default: ${DEFAULT-VALUE})")
    String animSize;

    @Option(
            names = "--anim-format",
            paramLabel = "LIST",
            defaultValue = "gif,mp4",
            description = "comma-separated: gif, mp4 (default: ${DEFAULT-VALUE})")
    String animFormat;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0");
        }
        Set<FigureFormat> formats = FigureFormat.parseList(format);
        Set<AnimationFormat> animFormats = AnimationFormat.parseList(animFormat);
        if (animate != null) {
            checkAnimationOptions(animFormats);
        }
        FigureOptions options =
                new FigureOptions(FigureSize.parse(size), scale, FigureTheme.parse(theme), editableText);
        PrintWriter err = spec.commandLine().getErr();
        Path source = presetOptions.preset;
        Preset preset;
        String presetJson;
        RunHistory history;
        if (!RunFolderReader.isRunFolder(source)
                && (org.parsimonylab.sweep.SweepFolder.isSweepFolder(source)
                        || java.nio.file.Files.isRegularFile(
                                source.resolve(org.parsimonylab.sweep.SweepFolder.SUMMARY)))) {
            // A sweep folder (or a folder with summary.csv): its aggregated figures, as `sweep figures` draws them.
            if (!presetOptions.overrides.isEmpty() || steps > 0 || animate != null) {
                throw new IllegalArgumentException(
                        source + " is a sweep folder: --set, --steps and --animate apply to presets and run folders");
            }
            SweepCommand.Figures.write(source, out, "", "", "", formats, options)
                    .forEach(spec.commandLine().getOut()::println);
            return 0;
        }
        if (!RunFolderReader.isRunFolder(source)
                && org.parsimonylab.checkpoints.AnalysisFolderWriter.isAnalysisFolder(source)) {
            // An analysis folder written by `analyze`: the figures `analyze --figures` draws, per series and tensor.
            if (!presetOptions.overrides.isEmpty() || steps > 0 || animate != null) {
                throw new IllegalArgumentException(source
                        + " is an analysis folder (analyze): --set, --steps and --animate apply to presets and run"
                        + " folders");
            }
            for (Path p : analysisFigures(source, out, formats)) {
                spec.commandLine().getOut().println(p);
            }
            return 0;
        }
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
                    source + " is a folder without preset.json and metrics.csv (a run folder) or"
                            + " plan.json / summary.csv (a sweep folder) or metrics.csv and selection.csv (an analysis folder):"
                            + " give a preset file, a run folder, a sweep folder or an analysis folder");
        } else {
            preset = presetOptions.load();
            presetOptions.printWarnings(preset, err);
            Resources.checkMemory(source, RunEstimate.of(preset.toExperiment(), steps, 0));
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
        if (animate != null) {
            for (Path p : animate(history, figures, preset, options, prefix, manifest)) {
                stdout.println(p);
            }
        }
        stdout.println(manifest.write(out, preset.name(), "parsimony-lab figures " + Main.appVersion()));
        return 0;
    }

    /** Rejects bad animation options before training, with a one-line error naming the option. */
    /**
     * The figures of an analysis folder: each series of its metrics.csv (tensor names in the layer column, numbered
     * in order of first appearance as in selection.csv), coloured by the top-k the analysis used (the number of top-k
     * angles it recorded).
     */
    private static List<Path> analysisFigures(Path source, Path out, Set<FigureFormat> formats) throws IOException {
        List<org.parsimonylab.export.MetricsCsv.Row> rows =
                org.parsimonylab.export.MetricsCsv.read(source.resolve("metrics.csv"));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source.resolve("metrics.csv") + ": no measurements to draw");
        }
        RunHistory all = RunFolderReader.history(rows);
        int topK = 1;
        java.util.Map<String, Integer> tensors = new java.util.HashMap<>();
        for (org.parsimonylab.export.MetricsCsv.Row r : rows) {
            if (r.metric().equals("angle-top-left-rad")) {
                topK = Math.max(topK, r.index() + 1);
            }
            tensors.merge(r.variant(), r.layer(), Math::max);
        }
        List<Path> written = new java.util.ArrayList<>();
        for (String series : all.variants()) {
            RunHistory one = new RunHistory(Math.max(4, all.snapshots(series).size() + 1));
            all.snapshots(series).forEach(s -> one.add(series, s));
            written.addAll(AnalyzeCommand.writeSeriesFigures(out, series, one, tensors.get(series), topK, formats));
        }
        return written;
    }

    private void checkAnimationOptions(Set<AnimationFormat> animFormats) {
        if (frames < 2 || frames > 10_000) {
            throw new IllegalArgumentException("--frames must be in 2..10000, got " + frames);
        }
        double maxFps = animFormats.contains(AnimationFormat.MP4) ? 120 : 100;
        if (!(fps > 0) || fps > maxFps) {
            throw new IllegalArgumentException("--fps must be in (0, " + (int) maxFps + "], got " + fps);
        }
        animationPixels();
    }

    /** {@code --anim-size} as {width, height} in pixels. */
    private int[] animationPixels() {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,5})x(\\d{1,5})")
                .matcher(animSize.strip().toLowerCase(java.util.Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "--anim-size must be WxH in pixels, e.g. 1920x1080, got '" + animSize + "'");
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w < 64 || h < 64 || w > 7680 || h > 4320) {
            throw new IllegalArgumentException("--anim-size must be between 64x64 and 7680x4320, got " + animSize);
        }
        return new int[] {w, h};
    }

    /** Writes the animations asked for by --animate; returns their files. */
    private List<Path> animate(
            RunHistory history,
            List<NamedFigure> figures,
            Preset preset,
            FigureOptions still,
            String prefix,
            FigureManifest manifest)
            throws IOException {
        Set<AnimationFormat> animFormats = AnimationFormat.parseList(animFormat);
        List<String> keys = figures.stream().map(NamedFigure::key).toList();
        List<String> chosen;
        if (animate.strip().equalsIgnoreCase("all")) {
            chosen = keys;
        } else {
            chosen = new java.util.ArrayList<>();
            for (String k : animate.split(",")) {
                String key = k.strip();
                if (!keys.contains(key)) {
                    throw new IllegalArgumentException(
                            "--animate: no chart '" + key + "' for this run (charts: " + String.join(", ", keys) + ")");
                }
                chosen.add(key);
            }
        }
        int[] px = animationPixels();
        // Laid out at the logical size WxH / scale points, drawn at the scale: 1920x1080 at scale 2 is a slide.
        FigureOptions options = new FigureOptions(
                new FigureSize("animation", px[0] / still.scale(), px[1] / still.scale()),
                still.scale(),
                still.theme(),
                false);
        int blockRank = preset.metrics().blockRank();
        List<Path> written = new java.util.ArrayList<>();
        for (String key : chosen) {
            List<Path> files = new java.util.ArrayList<>();
            List<FrameSink> sinks = new java.util.ArrayList<>();
            try {
                for (AnimationFormat f : animFormats) {
                    Path file = out.resolve(prefix + "-" + key + "." + f.extension());
                    files.add(file);
                    sinks.add(
                            f == AnimationFormat.GIF
                                    ? new GifAnimationWriter(file, fps)
                                    : new Mp4AnimationWriter(file, fps));
                }
                FigureAnimator.animate(history, key, cut -> RunFigures.build(cut, blockRank), frames, options, sinks);
            } finally {
                for (FrameSink sink : sinks) {
                    sink.close();
                }
            }
            manifest.add(files, key, history, true);
            written.addAll(files);
        }
        return written;
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
        // Bounded: past its capacity (sized from the first snapshot to about 1/8 of the heap) the history is thinned
        // evenly, first and last steps kept, so a run of 1e8 steps draws in the memory of a few thousand.
        org.parsimonylab.export.DecimatedHistory[] holder = new org.parsimonylab.export.DecimatedHistory[1];
        ExperimentRun run = new ExperimentRun(experiment, presetOptions.linAlg(), presetOptions.baseDir());
        run.run(
                new RunListener() {
                    @Override
                    public void snapshot(String variant, StepSnapshot snapshot) {
                        if (holder[0] == null) {
                            int values = snapshot.series().stream()
                                    .mapToInt(x -> x.values().length)
                                    .sum();
                            holder[0] = new org.parsimonylab.export.DecimatedHistory(RunFolderReader.capacityFor(
                                    values, snapshot.series().size()));
                        }
                        holder[0].add(variant, snapshot);
                        progress.snapshot(variant, snapshot);
                    }

                    @Override
                    public void finished(VariantResult result) {
                        if (holder[0] == null) {
                            holder[0] = new org.parsimonylab.export.DecimatedHistory(RunHistory.DEFAULT_CAPACITY);
                        }
                        holder[0].setStepsPerSecond(result.variant(), result.stepsPerSecond());
                        progress.finished(result);
                    }
                },
                steps,
                0);
        progress.close();
        return holder[0] == null ? new RunHistory() : holder[0].toRunHistory();
    }
}
