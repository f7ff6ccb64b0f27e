package org.parsimonylab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.parsimonylab.sweep.RunStatus;
import org.parsimonylab.sweep.SweepFolder;
import org.parsimonylab.sweep.SweepPlan;
import org.parsimonylab.sweep.SweepPoint;
import org.parsimonylab.sweep.SweepSummary;

/**
 * Polls a sweep folder on a background thread: every period it rebuilds the summary from the plan, the run statuses
 * and the finished run folders (as {@code sweep collect} does, without writing summary.csv) and hands a
 * {@link Snapshot} to {@code deliver} when anything changed. A folder with only a summary.csv is read as it is.
 */
final class SweepWatch implements AutoCloseable {
    /**
     * What one poll saw.
     *
     * @param summary the summary (null when the folder could not be read)
     * @param progress counts and ETA (null for a summary.csv without a plan)
     * @param name the preset's name, or the folder's
     * @param error "" or one line saying what could not be read
     */
    record Snapshot(SweepSummary summary, Progress progress, String name, String error) {}

    /**
     * Counts of a sweep's runs by state.
     *
     * @param total runs in the plan
     * @param done finished runs
     * @param running runs started and not finished
     * @param failed failed or interrupted runs (and done runs whose folder was touched since)
     * @param meanSeconds mean wall time of the finished runs, NaN before the first
     * @param etaSeconds time left: runs left × mean seconds / runs at a time (NaN when nothing runs)
     */
    record Progress(int total, int done, int running, int failed, double meanSeconds, double etaSeconds) {
        /** Runs that have not started. */
        int notStarted() {
            return total - done - running - failed;
        }

        /** "3 of 8 runs done · 2 running · 1 failed · 2 not started · ETA 1 min 5 s". */
        String text() {
            StringBuilder sb = new StringBuilder();
            sb.append(done).append(" of ").append(total).append(" runs done");
            sb.append(" · ").append(running).append(" running");
            sb.append(" · ").append(failed).append(" failed");
            sb.append(" · ").append(notStarted()).append(" not started");
            if (Double.isFinite(meanSeconds)) {
                sb.append(" · ").append(Format.duration(meanSeconds)).append(" per run");
            }
            if (done + failed == total) {
                sb.append(" · finished");
            } else if (Double.isFinite(etaSeconds)) {
                sb.append(" · ETA ").append(Format.duration(etaSeconds));
            }
            return sb.toString();
        }
    }

    private final SweepFolder folder;
    private final Consumer<Snapshot> deliver;
    private final ScheduledExecutorService timer;
    private SweepPlan plan;
    private String last = "";
    private long periodMillis = 1000;

    /** A watch of {@code dir} delivering changed snapshots to {@code deliver} (called on the watch's thread). */
    SweepWatch(Path dir, Consumer<Snapshot> deliver) {
        this.folder = new SweepFolder(dir);
        this.deliver = deliver;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sweep-watch");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Polls now and then every {@code periodMillis} after the previous poll ended, or 4 × the previous poll's own time
     * when that is longer (a sweep of thousands of finished runs takes a while to read; the disk is not to be kept
     * busy by the view).
     */
    void start(long periodMillis) {
        this.periodMillis = periodMillis;
        timer.execute(this::pollAndReschedule);
    }

    private void pollAndReschedule() {
        long t0 = System.nanoTime();
        pollAndDeliver();
        long took = (System.nanoTime() - t0) / 1_000_000;
        try {
            timer.schedule(this::pollAndReschedule, Math.max(periodMillis, 4 * took), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // close() was called meanwhile: no more polls.
        }
    }

    private void pollAndDeliver() {
        Snapshot s = poll();
        String key = (s.summary == null ? "" : s.summary.toCsv()) + "|" + s.progress + "|" + s.error;
        if (!key.equals(last)) {
            last = key;
            deliver.accept(s);
        }
    }

    /** Reads the folder once. */
    Snapshot poll() {
        String name = folder.root().getFileName() == null
                ? folder.root().toString()
                : folder.root().getFileName().toString();
        try {
            if (!SweepFolder.isSweepFolder(folder.root())) {
                if (!java.nio.file.Files.exists(folder.summaryFile())) {
                    return new Snapshot(
                            null, null, name, "waiting for " + folder.planFile() + " (the sweep has not started yet)");
                }
                return new Snapshot(SweepSummary.read(folder.summaryFile()), null, name, "");
            }
            if (plan == null) {
                plan = folder.plan();
            }
            SweepSummary summary = SweepSummary.build(folder, plan);
            return new Snapshot(summary, progress(), plan.presetName(), "");
        } catch (IOException | RuntimeException e) {
            return new Snapshot(null, null, name, "cannot read " + folder.root() + ": " + e.getMessage());
        }
    }

    private Progress progress() throws IOException {
        int done = 0;
        int running = 0;
        int failed = 0;
        double seconds = 0;
        for (SweepPoint p : plan.points()) {
            RunStatus s = folder.status(p);
            switch (s.state()) {
                case DONE -> {
                    if (folder.isFinished(p)) {
                        done++;
                        seconds += Double.isFinite(s.seconds()) ? s.seconds() : 0;
                    } else {
                        failed++;
                    }
                }
                case RUNNING -> running++;
                case FAILED, INTERRUPTED -> failed++;
                case PENDING -> {
                    // not started
                }
            }
        }
        double mean = done > 0 ? seconds / done : Double.NaN;
        int left = plan.points().size() - done - failed;
        // Runs left, each taking the mean time, `running` at a time (the sweep's workers or Slurm's share).
        double eta = running > 0 && done > 0 ? left * mean / running : Double.NaN;
        return new Progress(plan.points().size(), done, running, failed, mean, eta);
    }

    /** The number of rows with each status, e.g. for a summary.csv without a plan. */
    static Map<String, Long> statusCounts(SweepSummary summary) {
        return summary.rows().stream()
                .collect(java.util.stream.Collectors.groupingBy(
                        r -> r.get("status"), java.util.TreeMap::new, java.util.stream.Collectors.counting()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
