package org.parsimonylab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.chart.SweepFigures;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.export.FigureBatch;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureMetadata;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureSize;
import org.parsimonylab.sweep.GridAxis;
import org.parsimonylab.sweep.JavaCommand;
import org.parsimonylab.sweep.LocalExecutor;
import org.parsimonylab.sweep.RunLauncher;
import org.parsimonylab.sweep.RunStatus;
import org.parsimonylab.sweep.SlurmSubmitter;
import org.parsimonylab.sweep.SweepFolder;
import org.parsimonylab.sweep.SweepPlan;
import org.parsimonylab.sweep.SweepPoint;
import org.parsimonylab.sweep.SweepSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sweep PRESET --out DIR}: many runs of one preset (a grid of {@code --set} values × trials × the preset's
 * variants), each the real {@code run} command in a child JVM of this same jar, on this machine's cores or as a Slurm
 * job array; then {@code sweep status|collect|figures DIR}. Re-running the same command resumes.
 */
@Command(
        name = "sweep",
        mixinStandardHelpOptions = true,
        description = {
            "Run a preset over a grid of values and trials, locally in parallel or on Slurm, into one folder:",
            "plan.json, runs/<id>/ (each exactly what `run` writes), logs/, status/ and summary.csv.",
            "Re-running the same command skips finished runs and redoes unfinished ones."
        },
        subcommands = {
            SweepCommand.Status.class,
            SweepCommand.Collect.class,
            SweepCommand.Figures.class,
            SweepCommand.Task.class
        })
final class SweepCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PRESET", description = "preset JSON file")
    Path preset;

    @Option(names = "--out", paramLabel = "DIR", description = "the sweep folder (new, or this sweep's to resume)")
    Path out;

    @Option(
            names = "--grid",
            paramLabel = "path=values",
            description = "a swept field: path=v1,v2,... or path=from:to:linN|logN|stepS (repeat for a product)")
    List<String> grid = new ArrayList<>();

    @Option(names = "--set", paramLabel = "path=value", description = "override a preset field in every run")
    List<String> overrides = new ArrayList<>();

    @Option(
            names = "--trials",
            paramLabel = "N",
            description = "N independent inits per point (network.init.seedOffset = 0..N-1)")
    int trials;

    @Option(names = "--each-variant", description = "run each of the preset's variants alone, as its own point")
    boolean eachVariant;

    @Option(names = "--steps", paramLabel = "N", description = "cap every run at N steps (run --steps)")
    long steps;

    @Option(names = "--backend", paramLabel = "NAME", description = "linear algebra of every run: auto, netlib, ejml")
    String backend = System.getProperty(LinAlgs.PROPERTY, "auto");

    @Option(
            names = "--workers",
            paramLabel = "W",
            description = "local runs at a time (default: cores / --threads); workers x threads <= cores")
    int workers;

    @Option(names = "--threads", paramLabel = "T", description = "BLAS threads per run (default 1)")
    int threads = 1;

    @Option(names = "--jvm-option", paramLabel = "OPT", description = "JVM option of every run, e.g. -Xmx4g")
    List<String> jvmOptions = new ArrayList<>();

    @Option(
            names = "--jvm-per-run",
            description = "start a fresh JVM for every local run instead of one warm JVM per worker that runs its"
                    + " points one after another")
    boolean jvmPerRun;

    @Option(names = "--slurm", description = "submit a Slurm job array instead of running here")
    boolean slurm;

    @Option(names = "--partition", paramLabel = "P", description = "Slurm partition")
    String partition = "";

    @Option(names = "--time", paramLabel = "T", description = "Slurm time limit per run, e.g. 2:00:00")
    String time = "";

    @Option(
            names = "--cpus-per-task",
            paramLabel = "C",
            description = "Slurm CPUs per run, also its BLAS threads (default 1)")
    int cpusPerTask = 1;

    @Option(names = "--mem", paramLabel = "M", description = "Slurm memory per run, e.g. 4G")
    String mem = "";

    @Option(
            names = "--slurm-conf",
            paramLabel = "FILE",
            description = "slurm.conf of a private cluster (SLURM_CONF for sbatch and squeue)")
    Path slurmConf;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (preset == null || out == null) {
            throw new IllegalArgumentException("sweep needs PRESET and --out DIR (or a subcommand: status, collect,"
                    + " figures; sweep --help lists the options)");
        }
        List<GridAxis> axes = new ArrayList<>();
        for (String g : grid) {
            axes.add(GridAxis.parse(g));
        }
        SweepPlan plan = SweepPlan.build(preset, overrides, axes, trials, eachVariant, steps, backend);
        SweepFolder folder = new SweepFolder(out);
        if (SweepFolder.isSweepFolder(folder.root())) {
            SweepPlan existing = folder.plan();
            if (!existing.sameRuns(plan)) {
                throw new IllegalArgumentException(out + " holds another sweep (its plan.json differs): use a new"
                        + " --out, or the same preset, --grid, --set, --trials, --steps and --backend to resume it");
            }
        } else if (Files.isDirectory(folder.root())) {
            try (var entries = Files.list(folder.root())) {
                if (entries.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty and holds no sweep (plan.json)");
                }
            }
        } else if (Files.exists(folder.root())) {
            throw new IllegalArgumentException(out + " is a file; --out must name a folder");
        }
        folder.writePlan(plan);
        JavaCommand java = JavaCommand.current(jvmOptions);
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (slurm) {
            SlurmSubmitter.Options options = new SlurmSubmitter.Options(
                    partition,
                    time,
                    cpusPerTask,
                    mem,
                    slurmConf == null ? "" : slurmConf.toAbsolutePath().toString());
            return submit(folder, plan, java, options, LocalExecutor.unfinished(folder, plan), stdout, err);
        }
        int cores = Runtime.getRuntime().availableProcessors();
        int w = workers > 0 ? workers : Math.max(1, cores / Math.max(1, threads));
        return runLocally(
                folder, plan, java, w, threads, cores, jvmPerRun, LocalExecutor.unfinished(folder, plan), stdout, err);
    }

    /** Submits {@code todo} minus the tasks Slurm still holds; prints the job ids. */
    static int submit(
            SweepFolder folder,
            SweepPlan plan,
            JavaCommand java,
            SlurmSubmitter.Options options,
            List<SweepPoint> todo,
            PrintWriter stdout,
            PrintWriter err)
            throws IOException {
        SlurmSubmitter slurm = new SlurmSubmitter(folder);
        Map<Integer, String> queued = slurm.queue(options);
        List<Integer> indices = new ArrayList<>();
        for (SweepPoint p : todo) {
            if (queued == null || !queued.containsKey(p.index())) {
                indices.add(p.index());
            }
        }
        if (indices.isEmpty()) {
            err.println("sweep: nothing to submit (" + (plan.points().size() - todo.size()) + " of "
                    + plan.points().size() + " runs finished, the rest queued)");
            return 0;
        }
        // A resubmitted run is pending again until its task starts (its old log stays until then).
        for (int i : indices) {
            Files.deleteIfExists(folder.statusFile(plan.points().get(i)));
        }
        for (SlurmSubmitter.Job job : slurm.submit(plan, java, options, indices)) {
            stdout.println("submitted job " + job.jobId() + ": " + job.indices().size() + " runs of " + folder.root());
        }
        err.println("sweep: `sweep status " + folder.root() + "` shows progress, `sweep collect` builds summary.csv");
        return 0;
    }

    /** Runs {@code todo} here with progress and ETA on stderr; writes summary.csv; Ctrl-C stops cleanly. */
    static int runLocally(
            SweepFolder folder,
            SweepPlan plan,
            JavaCommand java,
            int workers,
            int threads,
            int cores,
            boolean jvmPerRun,
            List<SweepPoint> todo,
            PrintWriter stdout,
            PrintWriter err)
            throws IOException {
        plan.checkPresetUnchanged();
        LocalExecutor executor = new LocalExecutor(folder, plan, java, workers, threads, cores, jvmPerRun);
        int total = plan.points().size();
        int already = total - todo.size();
        err.println(String.format(
                Locale.ROOT,
                "sweep: %d runs, %d finished before, %d to run with %d workers x %d BLAS threads%s",
                total,
                already,
                todo.size(),
                workers,
                threads,
                jvmPerRun ? ", a fresh JVM per run" : ""));
        err.flush();
        Progress progress = new Progress(err, todo.size());
        AtomicBoolean completed = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(
                () -> {
                    if (!completed.get()) {
                        err.println("sweep: stopping; unfinished runs are redone by the same command");
                        err.flush();
                        executor.stop(20);
                        try {
                            finished.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                },
                "sweep-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        List<RunStatus> results;
        try {
            results = executor.run(todo, progress);
        } finally {
            completed.set(true);
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is running and waits for this thread
            }
        }
        SweepSummary summary = SweepSummary.build(folder, plan);
        summary.write(folder.summaryFile());
        long failed = results.stream()
                .filter(s -> s.state() == RunStatus.State.FAILED)
                .count();
        stdout.println(folder.summaryFile());
        if (failed > 0) {
            err.println("sweep: " + failed + " of " + todo.size() + " runs failed; `sweep status " + folder.root()
                    + "` lists them with their logs");
            return Main.EXIT_FAILURE;
        }
        return 0;
    }

    /** Progress lines on stderr: one per finished run, with the count, the run's time and the ETA. */
    static final class Progress implements LocalExecutor.Listener {
        private final PrintWriter err;
        private final int total;
        private final long t0 = System.nanoTime();
        private final AtomicInteger done = new AtomicInteger();

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        @Override
        public void finished(SweepPoint point, RunStatus status) {
            int k = done.incrementAndGet();
            double elapsed = (System.nanoTime() - t0) * 1e-9;
            // Throughput so far (runs per wall second) already accounts for the parallel workers.
            double eta = (total - k) * elapsed / k;
            String line = String.format(
                    Locale.ROOT,
                    "[%d/%d] %s %s in %.1f s (%s)%s",
                    k,
                    total,
                    point.id(),
                    status.state().label(),
                    status.seconds(),
                    point.label(),
                    k < total ? ", ETA " + duration(eta) : "");
            if (status.state() == RunStatus.State.FAILED) {
                line += ": " + status.message();
            }
            synchronized (err) {
                err.println(line);
                err.flush();
            }
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** {@code sweep status DIR}: counts, the failed runs with their logs, and {@code --retry-failed}. */
    @Command(
            name = "status",
            mixinStandardHelpOptions = true,
            description =
                    "Show a sweep's progress and its failed runs with their log paths; --retry-failed reruns them.")
    static final class Status implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep folder")
        Path dir;

        @Option(
                names = "--retry-failed",
                description = "rerun the failed, interrupted and lost runs (on Slurm when the sweep was submitted)")
        boolean retryFailed;

        @Option(names = "--workers", paramLabel = "W", description = "local retry: runs at a time")
        int workers;

        @Option(names = "--threads", paramLabel = "T", description = "local retry: BLAS threads per run")
        int threads = 1;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SweepFolder folder = new SweepFolder(dir);
            SweepPlan plan = folder.plan();
            SlurmSubmitter slurm = new SlurmSubmitter(folder);
            SlurmSubmitter.Options options = slurm.savedOptions();
            boolean submitted = options != null && !slurm.jobs().isEmpty();
            Map<Integer, String> queued = submitted ? slurm.queue(options) : Map.of();
            PrintWriter out = spec.commandLine().getOut();
            int done = 0;
            int running = 0;
            int pending = 0;
            int queuedCount = 0;
            List<SweepPoint> retry = new ArrayList<>();
            List<String> problems = new ArrayList<>();
            for (SweepPoint p : plan.points()) {
                RunStatus s = folder.status(p);
                boolean inQueue = queued != null && queued.containsKey(p.index());
                if (folder.isFinished(p)) {
                    done++;
                    continue;
                }
                String problem = null;
                switch (s.state()) {
                    case DONE -> problem = "incomplete: its run folder was removed or changed";
                    case FAILED -> problem = "failed (exit " + s.exitCode() + "): " + s.message();
                    case INTERRUPTED -> problem = "interrupted: " + s.message();
                    case RUNNING -> {
                        if (submitted && queued != null && !inQueue) {
                            problem = "lost: its Slurm task ended without a word (killed, node failure?)";
                        } else {
                            running++;
                        }
                    }
                    case PENDING -> {
                        if (inQueue) {
                            queuedCount++;
                        } else if (submitted && queued != null && wasSubmitted(slurm, p)) {
                            problem = "lost: its Slurm task ended before starting the run";
                        } else {
                            pending++;
                        }
                    }
                }
                if (problem != null) {
                    retry.add(p);
                    StringBuilder sb = new StringBuilder("  " + p.id() + " (" + p.label() + ") " + problem);
                    sb.append("\n    log: ").append(folder.logFile(p));
                    for (Path o : slurm.taskOutputs(p.index())) {
                        sb.append("\n    slurm: ").append(o);
                    }
                    problems.add(sb.toString());
                }
            }
            out.println(String.format(
                    Locale.ROOT,
                    "%s: %d runs: %d done, %d running, %d queued, %d not started, %d failed or interrupted",
                    folder.root(),
                    plan.points().size(),
                    done,
                    running,
                    queuedCount,
                    pending,
                    problems.size()));
            if (submitted) {
                out.println("slurm jobs: "
                        + String.join(
                                ", ",
                                slurm.jobs().stream()
                                        .map(SlurmSubmitter.Job::jobId)
                                        .toList())
                        + (queued == null ? " (squeue did not answer)" : ""));
            }
            if (!problems.isEmpty()) {
                out.println("failed (rerun by --retry-failed or by the same sweep command):");
                problems.forEach(out::println);
            }
            if (!retryFailed) {
                return 0;
            }
            if (retry.isEmpty()) {
                spec.commandLine().getErr().println("sweep: no failed runs to retry");
                return 0;
            }
            JavaCommand java = JavaCommand.current(List.of());
            PrintWriter err = spec.commandLine().getErr();
            if (submitted) {
                return submit(folder, plan, java, options, retry, out, err);
            }
            int cores = Runtime.getRuntime().availableProcessors();
            int w = workers > 0 ? workers : Math.max(1, cores / Math.max(1, threads));
            return runLocally(folder, plan, java, w, threads, cores, false, retry, out, err);
        }

        private static boolean wasSubmitted(SlurmSubmitter slurm, SweepPoint p) throws IOException {
            return slurm.jobs().stream().anyMatch(j -> j.indices().contains(p.index()));
        }
    }

    /** {@code sweep collect DIR}: writes summary.csv from the finished runs. */
    @Command(
            name = "collect",
            mixinStandardHelpOptions = true,
            description = "Build DIR/summary.csv: one row per run and variant with its values, status and outcomes.")
    static final class Collect implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep folder")
        Path dir;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SweepFolder folder = new SweepFolder(dir);
            SweepPlan plan = folder.plan();
            SweepSummary summary = SweepSummary.build(folder, plan);
            summary.write(folder.summaryFile());
            long done = summary.rows().stream()
                    .filter(r -> "done".equals(r.get("status")))
                    .map(r -> r.get("run"))
                    .distinct()
                    .count();
            spec.commandLine().getOut().println(folder.summaryFile());
            if (done < plan.points().size()) {
                spec.commandLine()
                        .getErr()
                        .println("sweep: " + done + " of " + plan.points().size() + " runs done; the others have"
                                + " their status and no outcomes in the summary");
            }
            return 0;
        }
    }

    /** {@code sweep figures DIR --out OUT}: mean ± std figures and the heat map of a sweep. */
    @Command(
            name = "figures",
            mixinStandardHelpOptions = true,
            description = {
                "Write a sweep's aggregated figures: mean ± std of a column against each swept field (one line per",
                "other value) and a heat map over two swept fields (a phase diagram)."
            })
    static final class Figures implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "a sweep folder (or a folder with summary.csv)")
        Path dir;

        @Option(names = "--out", required = true, paramLabel = "OUT", description = "folder for the figures")
        Path out;

        @Option(
                names = "--metric",
                paramLabel = "COLUMN",
                description = "summary columns to draw, comma-separated, e.g. recovery-error,steps (default:"
                        + " steps-to-tolerance when reached, else loss)")
        String metric = "";

        @Option(names = "--x", paramLabel = "PATH", description = "swept field on the x axis (default: each)")
        String x = "";

        @Option(names = "--y", paramLabel = "PATH", description = "second swept field of the heat map")
        String y = "";

        @Option(
                names = "--format",
                paramLabel = "LIST",
                defaultValue = "png,svg,pdf,csv",
                description = "comma-separated: png, svg, pdf, csv (default: ${DEFAULT-VALUE})")
        String format;

        @Option(names = "--scale", paramLabel = "S", defaultValue = "2", description = "PNG pixels per point")
        double scale;

        @Option(names = "--theme", paramLabel = "NAME", defaultValue = "slide", description = "slide or screen")
        String theme;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            FigureOptions options =
                    new FigureOptions(FigureSize.parse("slide"), scale, FigureTheme.parse(theme), false);
            write(dir, out, metric, x, y, FigureFormat.parseList(format), options)
                    .forEach(spec.commandLine().getOut()::println);
            return 0;
        }

        /**
         * Writes the figures of the sweep folder (or summary.csv folder) {@code dir} to {@code out}: for each column of
         * the comma-separated {@code metrics} (default: {@link SweepFigures#defaultMetric}) the figures of
         * {@link SweepFigures#build}; a sweep folder's summary.csv is rebuilt first. Returns the files written.
         */
        static List<Path> write(
                Path dir,
                Path out,
                String metrics,
                String x,
                String y,
                java.util.Set<FigureFormat> formats,
                FigureOptions options)
                throws IOException {
            SweepSummary summary;
            String name;
            if (SweepFolder.isSweepFolder(dir)) {
                SweepFolder folder = new SweepFolder(dir);
                SweepPlan plan = folder.plan();
                summary = SweepSummary.build(folder, plan);
                summary.write(folder.summaryFile());
                name = plan.presetName();
            } else {
                summary = SweepSummary.read(dir.resolve(SweepFolder.SUMMARY));
                name = dir.toAbsolutePath().normalize().getFileName().toString();
            }
            List<String> columns = new ArrayList<>();
            for (String m : metrics.split(",")) {
                if (!m.isBlank() && !columns.contains(m.strip())) {
                    columns.add(m.strip());
                }
            }
            if (columns.isEmpty()) {
                columns.add(SweepFigures.defaultMetric(summary));
            }
            List<NamedFigure> figures = new ArrayList<>();
            for (String m : columns) {
                figures.addAll(SweepFigures.build(summary, m, x, y));
            }
            return FigureBatch.write(
                    FigureBatch.prepare(figures, options),
                    out,
                    FigureBatch.safePrefix(name),
                    formats,
                    options,
                    new FigureMetadata("", Main.appVersion()));
        }
    }

    /** {@code sweep task DIR --index I}: runs one point (what a Slurm array task executes). */
    @Command(name = "task", hidden = true, description = "Run one point of a sweep (a Slurm array task).")
    static final class Task implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "DIR", description = "the sweep folder")
        Path dir;

        @Option(names = "--index", required = true, paramLabel = "I", description = "plan index of the run")
        int index;

        @Option(names = "--threads", paramLabel = "T", description = "BLAS threads")
        int threads = 1;

        @Option(names = "--jvm-option", paramLabel = "OPT", description = "JVM option of the run")
        List<String> jvmOptions = new ArrayList<>();

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            SweepFolder folder = new SweepFolder(dir);
            SweepPlan plan = folder.plan();
            if (index < 0 || index >= plan.points().size()) {
                throw new IllegalArgumentException("--index " + index + " is outside the plan's "
                        + plan.points().size() + " runs");
            }
            plan.checkPresetUnchanged();
            SweepPoint p = plan.points().get(index);
            if (folder.isFinished(p)) {
                spec.commandLine().getErr().println("sweep: " + p.id() + " is already done");
                return 0;
            }
            String job = System.getenv("SLURM_ARRAY_JOB_ID");
            String task = System.getenv("SLURM_ARRAY_TASK_ID");
            String slurmJob = job == null ? "" : job + "_" + task;
            AtomicBoolean stopping = new AtomicBoolean();
            CountDownLatch recorded = new CountDownLatch(1);
            Thread main = Thread.currentThread();
            Thread hook = new Thread(
                    () -> {
                        stopping.set(true);
                        main.interrupt();
                        try {
                            recorded.await(20, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "sweep-task-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            RunStatus s;
            try {
                s = RunLauncher.execute(
                        folder, plan, p, JavaCommand.current(jvmOptions), threads, slurmJob, stopping::get);
            } finally {
                recorded.countDown();
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // stopped by a signal: the hook is running
                }
            }
            spec.commandLine()
                    .getErr()
                    .println("sweep: " + p.id() + " " + s.state().label() + " after "
                            + String.format(Locale.ROOT, "%.1f", s.seconds()) + " s"
                            + (s.message().isEmpty() ? "" : ": " + s.message()));
            return s.state() == RunStatus.State.DONE ? 0 : Main.EXIT_FAILURE;
        }
    }
}
