package org.parsimonylab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parsimonylab.chart.FigureSet;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.checkpoints.AnalysisFolderWriter;
import org.parsimonylab.checkpoints.AnalysisOptions;
import org.parsimonylab.checkpoints.Checkpoint;
import org.parsimonylab.checkpoints.CheckpointException;
import org.parsimonylab.checkpoints.CheckpointMetrics;
import org.parsimonylab.checkpoints.CheckpointSeries;
import org.parsimonylab.checkpoints.CheckpointWatcher;
import org.parsimonylab.checkpoints.SelectedTensor;
import org.parsimonylab.checkpoints.SeriesAnalyzer;
import org.parsimonylab.checkpoints.TensorMetric;
import org.parsimonylab.checkpoints.TensorSelection;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.export.FigureBatch;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureMetadata;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code analyze PATH... --out DIR}: reads folders of checkpoints written by any program (safetensors, .npz, folders of
 * .npy), measures every selected matrix over the steps and writes an analysis folder (metrics.csv in the run folder's
 * long format, selection.csv, checkpoints.csv, README.txt, figures/); {@code --watch} follows a folder a training job
 * is still writing into.
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyse folders of checkpoints (safetensors, .npz, folders of .npy; one folder per series): singular",
            "values, effective and stable rank, principal angles of the top-k singular subspaces against a reference",
            "step, update energy in the top-k block, layer alignment. Writes metrics.csv like a run folder."
        })
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "folders of checkpoints, one per series")
    List<Path> paths;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new (or empty) analysis folder")
    Path out;

    @Option(names = "--tensors", paramLabel = "REGEX", description = "analyse tensors whose name contains a match")
    String tensors;

    @Option(names = "--exclude", paramLabel = "REGEX", description = "skip tensors whose name contains a match")
    String exclude;

    @Option(
            names = "--top-k",
            paramLabel = "K",
            defaultValue = "10",
            description = "k of the top-k singular subspaces (default ${DEFAULT-VALUE})")
    int topK;

    @Option(
            names = "--reference",
            paramLabel = "STEP",
            defaultValue = "-1",
            description = "the step angles and updates are measured against (default: the first checkpoint)")
    long reference;

    @Option(
            names = "--full-svd-max",
            paramLabel = "N",
            defaultValue = "1024",
            description = "matrices with min(rows, cols) <= N get every singular value; larger ones the top values by"
                    + " a randomized SVD whose accuracy is written as sv-residual (default ${DEFAULT-VALUE})")
    int fullSvdMax;

    @Option(names = "--figures", description = "also draw figures into DIR/figures")
    boolean figures;

    @Option(
            names = "--format",
            paramLabel = "LIST",
            defaultValue = "png",
            description = "figure formats: png, svg, pdf, csv (default: ${DEFAULT-VALUE})")
    String format;

    @Option(names = "--watch", description = "follow one folder that a training job is still writing into")
    boolean watch;

    @Option(
            names = "--watch-timeout",
            paramLabel = "S",
            defaultValue = "0",
            description = "with --watch: stop after S seconds without a new checkpoint (default 0: until Ctrl-C)")
    double watchTimeout;

    @Option(
            names = "--poll",
            paramLabel = "S",
            defaultValue = "1",
            description = "with --watch: seconds between two looks at the folder (default ${DEFAULT-VALUE})")
    double poll;

    @Option(names = "--backend", paramLabel = "NAME", description = "linear algebra: auto (default), netlib or ejml")
    String backend = System.getProperty(LinAlgs.PROPERTY, "auto");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** Polls a complete-looking but unreadable checkpoint is waited for before it is skipped with a warning. */
    private static final int GIVE_UP_POLLS = 30;

    private final Map<String, List<CheckpointMetrics>> kept = new LinkedHashMap<>();
    private final Map<String, List<SelectedTensor>> selections = new LinkedHashMap<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        AnalysisOptions options =
                new AnalysisOptions(TensorSelection.of(tensors, exclude), topK, reference, fullSvdMax, 0.9);
        Set<FigureFormat> formats = FigureFormat.parseList(format);
        if (watch && paths.size() != 1) {
            throw new IllegalArgumentException("--watch follows exactly one folder (got " + paths.size() + ")");
        }
        if (watchTimeout < 0 || !(poll > 0)) {
            throw new IllegalArgumentException("--watch-timeout must be >= 0 and --poll > 0 seconds");
        }
        LinAlg la = LinAlgs.create(backend);
        PrintWriter err = spec.commandLine().getErr();
        try {
            return watch ? watch(options, la, formats, err) : batch(options, la, formats, err);
        } catch (CheckpointException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private int batch(AnalysisOptions options, LinAlg la, Set<FigureFormat> formats, PrintWriter err)
            throws IOException {
        List<CheckpointSeries> all = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int total = 0;
        for (Path p : paths) {
            CheckpointSeries s = CheckpointSeries.scan(p);
            s.validate(options.selection(), options.referenceStep());
            String name = s.name();
            for (int i = 2; !names.add(name); i++) {
                name = s.name() + "-" + i;
            }
            all.add(new CheckpointSeries(name, s.folder(), s.checkpoints()));
            total += s.checkpoints().size();
        }
        err.printf(Locale.ROOT, "analyzing %d checkpoints in %d series with %s%n", total, all.size(), la.describe());
        err.flush();
        Progress progress = new Progress(err, total);
        try (AnalysisFolderWriter writer = AnalysisFolderWriter.create(out)) {
            Thread cleanup = new Thread(() -> closeQuietly(writer), "analysis-folder-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                for (CheckpointSeries s : all) {
                    SeriesAnalyzer analyzer = new SeriesAnalyzer(s.name(), options, la);
                    for (Checkpoint c : s.checkpoints()) {
                        record(writer, analyzer, c);
                        progress.done(s.name(), c.step());
                    }
                    selections.put(s.name(), analyzer.selection());
                    writer.selection(s.name(), analyzer.selection());
                }
                return finish(writer, options, formats);
            } finally {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            }
        }
    }

    private int watch(AnalysisOptions options, LinAlg la, Set<FigureFormat> formats, PrintWriter err)
            throws IOException, InterruptedException {
        CheckpointWatcher watcher = new CheckpointWatcher(paths.get(0), GIVE_UP_POLLS, w -> {
            err.println("warning: " + w);
            err.flush();
        });
        String name = watcher.seriesName();
        SeriesAnalyzer analyzer = new SeriesAnalyzer(name, options, la);
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: let the loop below commit what was analysed, then let the JVM go.
        Thread onSignal = new Thread(
                () -> {
                    stop.set(true);
                    try {
                        finished.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "analyze-watch-stop");
        Runtime.getRuntime().addShutdownHook(onSignal);
        err.printf(
                Locale.ROOT,
                "watching %s with %s (stop with Ctrl-C%s)%n",
                watcher.folder(),
                la.describe(),
                watchTimeout > 0 ? " or after " + watchTimeout + " s without a new checkpoint" : "");
        err.flush();
        try (AnalysisFolderWriter writer = AnalysisFolderWriter.create(out)) {
            int count = 0;
            long started = System.nanoTime();
            while (!stop.get()) {
                List<Checkpoint> found = watcher.next((long) (poll * 1000), (long) (watchTimeout * 1000), stop::get);
                if (found.isEmpty()) {
                    break;
                }
                for (Checkpoint c : found) {
                    record(writer, analyzer, c);
                    watcher.expectTensors(analyzer.selection().stream()
                            .map(SelectedTensor::name)
                            .collect(java.util.stream.Collectors.toSet()));
                    count++;
                    err.printf(
                            Locale.ROOT,
                            "[%s] step %d analysed (%d checkpoints, %.2f s each)%n",
                            name,
                            c.step(),
                            count,
                            (System.nanoTime() - started) / 1e9 / count);
                    err.flush();
                }
            }
            if (count == 0) {
                throw new IllegalArgumentException(paths.get(0) + ": no checkpoint appeared while watching");
            }
            selections.put(name, analyzer.selection());
            writer.selection(name, analyzer.selection());
            return finish(writer, options, formats);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException e) {
                // the JVM is shutting down (Ctrl-C): the hook is running and now returns
            }
        }
    }

    private void record(AnalysisFolderWriter writer, SeriesAnalyzer analyzer, Checkpoint c) throws IOException {
        CheckpointMetrics m = analyzer.analyze(c);
        writer.append(m);
        writer.checkpoint(analyzer.series(), c);
        if (figures) {
            kept.computeIfAbsent(analyzer.series(), k -> new ArrayList<>()).add(m);
        }
    }

    private int finish(AnalysisFolderWriter writer, AnalysisOptions options, Set<FigureFormat> formats)
            throws IOException {
        writer.readme(readme(options));
        if (figures) {
            writeFigures(writer.temporaryDirectory().resolve("figures"), options, formats);
        }
        Path done = writer.commit();
        spec.commandLine().getOut().println(done);
        return 0;
    }

    /**
     * Figures per series and tensor, drawn by the app's figure classes: the tensors are the "layers" W1, W2, … in
     * the order of selection.csv.
     */
    private void writeFigures(Path dir, AnalysisOptions options, Set<FigureFormat> formats) throws IOException {
        for (Map.Entry<String, List<CheckpointMetrics>> e : kept.entrySet()) {
            List<SelectedTensor> sel = selections.get(e.getKey());
            Map<String, Integer> index = new LinkedHashMap<>();
            for (int i = 0; i < sel.size(); i++) {
                index.put(sel.get(i).name(), i + 1);
            }
            RunHistory history = new RunHistory(Math.max(4, e.getValue().size() + 1));
            for (CheckpointMetrics m : e.getValue()) {
                List<MetricSeries> series = new ArrayList<>();
                for (TensorMetric t : m.metrics()) {
                    Integer layer = index.get(t.tensor());
                    if (layer != null) {
                        series.add(new MetricSeries(t.metric(), layer, t.values(), t.indexed()));
                    }
                }
                history.add(e.getKey(), new StepSnapshot(m.step(), 0.0, series));
            }
            writeSeriesFigures(dir, e.getKey(), history, sel.size(), options.topK(), formats);
        }
    }

    /**
     * The figures of one checkpoint series ({@code history} holds only {@code series}, tensor i as layer i of
     * {@code tensors}), as {@code <series>-<figure>-W<i>.<format>} in {@code dir}; {@code topK} is the block the
     * spectra are coloured by. Returns the files written. {@code figures ANALYSIS_DIR} draws the same.
     */
    static List<Path> writeSeriesFigures(
            Path dir, String series, RunHistory history, int tensors, int topK, Set<FigureFormat> formats)
            throws IOException {
        FigureOptions figureOptions = FigureOptions.SLIDES;
        FigureSet set = new FigureSet();
        set.setBlockRank(topK);
        set.showRecorded(history);
        List<Path> written = new ArrayList<>();
        for (int l = 1; l <= tensors; l++) {
            set.setLayer(l);
            set.flushAll();
            List<NamedFigure> all = new ArrayList<>();
            for (NamedFigure f : set.named()) {
                if (f.key().endsWith("-W" + l)) {
                    all.add(f);
                }
            }
            written.addAll(FigureBatch.write(
                    FigureBatch.prepare(all, figureOptions),
                    dir,
                    FigureBatch.safePrefix(series),
                    formats,
                    figureOptions,
                    new FigureMetadata("{}", Main.appVersion())));
        }
        return written;
    }

    private String readme(AnalysisOptions options) {
        StringBuilder sb = new StringBuilder();
        sb.append("Parsimony Lab ").append(Main.appVersion()).append(": analysis of checkpoint series\n\n");
        sb.append("Command: analyze ");
        for (Path p : paths) {
            sb.append(p).append(' ');
        }
        sb.append("--top-k ").append(options.topK());
        sb.append(options.referenceStep() < 0 ? "" : " --reference " + options.referenceStep())
                .append("\n\n");
        sb.append(
                """
                metrics.csv      step,variant,metric,layer,index,value: layer = the tensor's name, variant = the
                                 series (folder) name; pandas: pd.read_csv('metrics.csv')
                selection.csv    the tensors analysed; figures call the i-th of a series W<i>
                checkpoints.csv  each checkpoint's step, format, where the step came from, and its path
                figures/         with --figures: <series>-<figure>-W<i>.<format>

                Metrics (W(t) is the tensor as an m x n matrix, k = min(top-k, m, n), dW = W(t) - W(ref)):
                sv                       singular values, descending (all, or the top ones of a large matrix)
                sv-residual              accuracy of the randomized SVD, per value: |W v_i - s_i u_i| / s_1
                frobenius-norm           |W|_F
                stable-rank              |W|_F^2 / s_1^2
                effective-rank           exp(entropy of s_i / sum s) (all singular values only)
                angle-top-left-rad       principal angles (ascending) between the top-k left singular subspaces
                angle-top-right-rad      of W(t) and W(ref); right: right singular subspaces
                angle-*-rad              the app's angle series with r = k (small matrices with 2k <= min(m, n))
                update-norm              |dW|_F
                update-energy-top-k      share of |dW|_F^2 in the top k singular values of dW
                update-energy-ref-block  share of |dW|_F^2 inside U_k(ref)^T dW V_k(ref)
                update-rank-90           smallest r with sum_{i<r} s_i(dW)^2 >= 0.9 |dW|_F^2
                alignment-top-rad        largest principal angle between the top-k left subspace of this tensor
                                         and the top-k right subspace of the next one (when their shapes chain)
                alignment-rad            the app's alignment of the 2k outer blocks
                """);
        return sb.toString();
    }

    private static void closeQuietly(AnalysisFolderWriter writer) {
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            // the JVM is going down; nothing more can be done
        }
    }

    /** Progress on stderr at most about once a second, with the rate and the time left. */
    private static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final long started = System.nanoTime();
        private long lastPrint = System.nanoTime();
        private int done;

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        void done(String series, long step) {
            done++;
            long now = System.nanoTime();
            if (now - lastPrint < 1_000_000_000L && done < total) {
                return;
            }
            lastPrint = now;
            double each = (now - started) / 1e9 / done;
            long eta = Math.round(each * (total - done));
            err.printf(
                    Locale.ROOT,
                    "[%s] step %d: %d/%d checkpoints, %.2f s each, ETA %d:%02d%n",
                    series,
                    step,
                    done,
                    total,
                    each,
                    eta / 60,
                    eta % 60);
            err.flush();
        }
    }
}
