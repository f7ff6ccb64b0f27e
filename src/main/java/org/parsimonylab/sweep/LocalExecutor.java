package org.parsimonylab.sweep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the unfinished points of a sweep on this machine: {@code workers} child JVMs at a time, each with BLAS limited
 * to {@code threads} threads, so that workers × threads ≤ cores. Each worker is one {@link WarmWorker} JVM that runs
 * its points one after another (a new one replaces a worker that died), or with {@code jvmPerRun} a fresh JVM per
 * point. {@link #stop(long)} (Ctrl-C) stops the running children, which then count as interrupted and are redone by
 * the next run of the sweep.
 */
public final class LocalExecutor {
    /** What the executor reports, from its worker threads (implementations must be thread-safe). */
    public interface Listener {
        /** {@code point} starts. */
        default void started(SweepPoint point) {}

        /** {@code point} ended with {@code status}. */
        default void finished(SweepPoint point, RunStatus status) {}
    }

    private final SweepFolder folder;
    private final SweepPlan plan;
    private final JavaCommand java;
    private final int workers;
    private final int threads;
    private final boolean jvmPerRun;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final java.util.Map<Thread, WarmWorker> warm = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
    private volatile ExecutorService pool;

    /**
     * An executor of {@code plan} into {@code folder} with one warm JVM per worker.
     *
     * @throws IllegalArgumentException when workers or threads are below 1, or workers × threads exceeds {@code cores}
     */
    public LocalExecutor(SweepFolder folder, SweepPlan plan, JavaCommand java, int workers, int threads, int cores) {
        this(folder, plan, java, workers, threads, cores, false);
    }

    /**
     * An executor of {@code plan} into {@code folder}; {@code jvmPerRun} starts a fresh JVM for every point instead of
     * one warm JVM per worker.
     *
     * @throws IllegalArgumentException when workers or threads are below 1, or workers × threads exceeds {@code cores}
     */
    public LocalExecutor(
            SweepFolder folder,
            SweepPlan plan,
            JavaCommand java,
            int workers,
            int threads,
            int cores,
            boolean jvmPerRun) {
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be >= 1 (got " + workers + ")");
        }
        if (threads < 1) {
            throw new IllegalArgumentException("--threads must be >= 1 (got " + threads + ")");
        }
        if ((long) workers * threads > cores) {
            throw new IllegalArgumentException("--workers " + workers + " x --threads " + threads + " exceeds the "
                    + cores + " cores of this machine (workers x threads must be <= cores)");
        }
        this.folder = folder;
        this.plan = plan;
        this.java = java;
        this.workers = workers;
        this.threads = threads;
        this.jvmPerRun = jvmPerRun;
    }

    /** The points not finished yet ({@link SweepFolder#isFinished}), in plan order. */
    public static List<SweepPoint> unfinished(SweepFolder folder, SweepPlan plan) throws IOException {
        List<SweepPoint> todo = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            if (!folder.isFinished(p)) {
                todo.add(p);
            }
        }
        return todo;
    }

    /**
     * Runs {@code todo} and returns their statuses in the same order (interrupted ones when {@link #stop(long)} came
     * first); blocks until all are done or stopped.
     */
    public List<RunStatus> run(List<SweepPoint> todo, Listener listener) throws IOException {
        pool = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "sweep-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<RunStatus>> futures = new ArrayList<>();
            for (SweepPoint p : todo) {
                futures.add(pool.submit(() -> {
                    if (stopped.get()) {
                        return RunStatus.PENDING;
                    }
                    listener.started(p);
                    RunStatus s = RunLauncher.execute(folder, plan, p, child(), "", stopped::get);
                    listener.finished(p, s);
                    return s;
                }));
            }
            pool.shutdown();
            List<RunStatus> out = new ArrayList<>();
            for (Future<RunStatus> f : futures) {
                out.add(await(f));
            }
            return out;
        } finally {
            pool.shutdownNow();
            for (WarmWorker w : warm.values()) {
                w.close();
            }
            warm.clear();
        }
    }

    /** The calling pool thread's warm worker (started on first use, replaced when it died), or a fresh child. */
    private RunLauncher.Child child() throws IOException {
        if (jvmPerRun) {
            return RunLauncher.fresh(java, threads);
        }
        WarmWorker w = warm.get(Thread.currentThread());
        if (w == null || !w.isAlive()) {
            java.nio.file.Path logs = folder.root().resolve("logs");
            org.parsimonylab.export.AtomicFiles.directory(logs);
            w = WarmWorker.start(java, threads, logs.resolve("worker-" + started.incrementAndGet() + ".log"));
            warm.put(Thread.currentThread(), w);
        }
        return w;
    }

    private static RunStatus await(Future<RunStatus> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return RunStatus.PENDING;
        } catch (java.util.concurrent.CancellationException e) {
            return RunStatus.PENDING;
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof IOException io) {
                throw io;
            }
            if (c instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (c instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(c);
        }
    }

    /**
     * Stops the sweep: no new run starts, running children get SIGTERM (then a kill), and this waits up to
     * {@code waitSeconds} for the workers to record their runs as interrupted.
     */
    public void stop(long waitSeconds) {
        stopped.set(true);
        ExecutorService p = pool;
        if (p != null) {
            p.shutdownNow();
            try {
                p.awaitTermination(waitSeconds, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
