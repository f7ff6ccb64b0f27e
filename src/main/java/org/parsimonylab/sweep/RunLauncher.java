package org.parsimonylab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.parsimonylab.export.AtomicFiles;

/**
 * Runs one point of a sweep as the real {@code run} command in a child JVM ({@link JavaCommand}), with the BLAS
 * libraries limited to {@code threads} threads ({@code OPENBLAS_NUM_THREADS}, {@code OMP_NUM_THREADS},
 * {@code MKL_NUM_THREADS}), output to {@code logs/<id>.log}, and the outcome in {@code status/<id>.txt}. The same
 * method serves local workers and Slurm array tasks.
 */
public final class RunLauncher {
    /** Time a stopped run gets to remove its partial folder before it is killed. */
    static final long STOP_GRACE_SECONDS = 10;

    /** Exit codes of a JVM ended by SIGINT and SIGTERM (128 + signal). */
    private static final int SIGINT_EXIT = 130;

    private static final int SIGTERM_EXIT = 143;

    private RunLauncher() {}

    /**
     * How a point's {@code run} command line is carried out: a fresh child JVM per run ({@link #fresh}) or a
     * {@link WarmWorker}.
     */
    public interface Child {
        /** The line the log's header shows for {@code runArgs}. */
        String describe(List<String> runArgs);

        /** Runs {@code runArgs} with its output appended to {@code log} and returns the exit code. */
        int run(List<String> runArgs, Path log) throws IOException, InterruptedException;

        /** Stops the run in progress (SIGTERM: its shutdown hook removes the partial folder; then a kill). */
        void stop();
    }

    /**
     * Runs {@code point} in a fresh child JVM (Slurm tasks): {@link #execute(SweepFolder, SweepPlan, SweepPoint,
     * Child, String, java.util.function.BooleanSupplier)} with {@link #fresh}.
     */
    public static RunStatus execute(
            SweepFolder folder,
            SweepPlan plan,
            SweepPoint point,
            JavaCommand java,
            int threads,
            String slurmJob,
            java.util.function.BooleanSupplier stopping)
            throws IOException {
        return execute(folder, plan, point, fresh(java, threads), slurmJob, stopping);
    }

    /**
     * Runs {@code point} (clearing an earlier unfinished attempt first) through {@code child} and returns its final
     * status; an interrupt stops the child (SIGTERM, then a kill after a grace period) and records
     * {@link RunStatus.State#INTERRUPTED}, as does a child that ends by SIGINT or SIGTERM or while {@code stopping}
     * says the sweep is being stopped.
     */
    public static RunStatus execute(
            SweepFolder folder,
            SweepPlan plan,
            SweepPoint point,
            Child child,
            String slurmJob,
            java.util.function.BooleanSupplier stopping)
            throws IOException {
        String host = hostName();
        String started = Instant.now().toString();
        new RunStatus(RunStatus.State.RUNNING, -1, Double.NaN, -1, host, started, slurmJob, "")
                .write(folder.statusFile(point));
        folder.clearAttempt(point);
        Path log = folder.logFile(point);
        AtomicFiles.directory(log.getParent());
        List<String> runArgs = plan.runArguments(point, folder.runFolder(point));
        Files.writeString(
                log,
                "# " + point.id() + " (" + point.label() + ") on " + host + " at " + started + "\n# "
                        + child.describe(runArgs) + "\n",
                StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        int exit;
        try {
            exit = child.run(runArgs, log);
        } catch (InterruptedException e) {
            child.stop();
            double seconds = (System.nanoTime() - t0) * 1e-9;
            RunStatus s = new RunStatus(
                    RunStatus.State.INTERRUPTED, -1, seconds, -1, host, started, slurmJob, "stopped before the end");
            s.write(folder.statusFile(point));
            Thread.currentThread().interrupt();
            return s;
        }
        double seconds = (System.nanoTime() - t0) * 1e-9;
        Path metrics = folder.runFolder(point).resolve("metrics.csv");
        RunStatus s;
        if (stopping.getAsBoolean() || exit == SIGINT_EXIT || exit == SIGTERM_EXIT) {
            // Ctrl-C reaches the child too, and Slurm signals every process of a cancelled or timed-out task.
            s = new RunStatus(
                    RunStatus.State.INTERRUPTED, exit, seconds, -1, host, started, slurmJob, "stopped before the end");
        } else if (exit == 0 && Files.isRegularFile(metrics)) {
            s = new RunStatus(RunStatus.State.DONE, 0, seconds, Files.size(metrics), host, started, slurmJob, "");
        } else {
            String why = exit == 0 ? "run exited 0 without writing metrics.csv" : lastErrorLine(log);
            s = new RunStatus(RunStatus.State.FAILED, exit, seconds, -1, host, started, slurmJob, why);
        }
        s.write(folder.statusFile(point));
        return s;
    }

    /** A child JVM per run: {@code java.command(threads, runArgs)} with BLAS limited to {@code threads}. */
    public static Child fresh(JavaCommand java, int threads) {
        return new Child() {
            private volatile Process process;

            @Override
            public String describe(List<String> runArgs) {
                return String.join(
                        " ",
                        java.command(threads, runArgs).stream()
                                .map(RunLauncher::quote)
                                .toList());
            }

            @Override
            public int run(List<String> runArgs, Path log) throws IOException, InterruptedException {
                ProcessBuilder pb = new ProcessBuilder(java.command(threads, runArgs))
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
                limitBlasThreads(pb.environment(), threads);
                process = pb.start();
                // run reads nothing: its stdin is closed at once.
                process.getOutputStream().close();
                return process.waitFor();
            }

            @Override
            public void stop() {
                Process p = process;
                if (p != null) {
                    RunLauncher.stop(p);
                }
            }
        };
    }

    /** Limits OpenBLAS, OpenMP and MKL in a child's environment to {@code threads} threads. */
    static void limitBlasThreads(Map<String, String> env, int threads) {
        String n = Integer.toString(threads);
        env.put("OPENBLAS_NUM_THREADS", n);
        env.put("OMP_NUM_THREADS", n);
        env.put("MKL_NUM_THREADS", n);
    }

    /** Asks the child to stop (its shutdown hook removes the partial run folder), then kills it. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_GRACE_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException again) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** The last line of the log that starts with "error", else its last non-blank line. */
    static String lastErrorLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            String last = "";
            String error = "";
            for (String l : lines) {
                if (!l.isBlank() && !l.startsWith("# ")) {
                    last = l.strip();
                    if (l.startsWith("error") || l.contains("Exception")) {
                        error = l.strip();
                    }
                }
            }
            String line = error.isEmpty() ? last : error;
            return line.length() > 300 ? line.substring(0, 300) + "..." : line;
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,+@%-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /** This machine's name (Slurm nodes differ), or "localhost". */
    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
