package org.parsimonylab.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.parsimonylab.engine.linalg.LinAlg;

/**
 * The app's live training (DESIGN.md §3). A run's worker owns every matrix of the run and trains the variants of an
 * experiment side by side, one step of each in turn, through the same {@link ExperimentDriver} as {@code run}: the
 * same data (relative files against the preset's folder), twin store, probes and recorded steps, so the run's record
 * is {@code run}'s bit for bit, whatever the speed or the machine load. The UI talks to the worker only through
 * {@link SessionCommand}s, applied between steps, and hears from it only through immutable {@link SessionSnapshot}s
 * delivered in batches by one {@link CoalescingHandoff} on the injected executor.
 *
 * <p>What is shown follows a {@link PublishPolicy} on an injected clock (at most {@link #MAX_PUBLISH_HZ} rounds per
 * second); between recorded steps the shown snapshots come from off-record probes and are marked not recorded. A
 * live change of η is recorded as a step-stamped entry of each variant's learning-rate schedule ({@link #capture}).
 *
 * <p>One busy trainer: workers run one after the other on a single launcher thread (named {@code
 * parsimony-trainer-<run id>} while it runs a worker), so a new run starts computing only after the previous worker
 * stopped between two steps and returned, and a burst of starts leaves at most one worker computing. A stopped worker
 * never publishes, and snapshots of any run but the current one are dropped at delivery ({@link #isCurrent}).
 */
public final class TrainingSession implements AutoCloseable {
    /** Wall-clock cap on published snapshot rounds per second. */
    public static final double MAX_PUBLISH_HZ = 30;

    /** Speed meaning "as fast as possible". */
    public static final double FASTEST = Double.POSITIVE_INFINITY;

    /** Recorded snapshots kept per variant; beyond that the record is thinned (every other one goes). */
    public static final int RECORD_CAPACITY = 100_000;

    private final Supplier<LinAlg> linAlgs;
    private final CoalescingHandoff<SessionSnapshot> handoff;
    private final LongSupplier clock;
    private final ExecutorService launcher;
    private final AtomicLong runIds = new AtomicLong();
    private final Object lock = new Object();
    private volatile long currentRunId;
    private volatile Consumer<RunCapture> onRunEnded;
    private RunWorker current;
    private ExperimentSpec currentSpec;
    private Path currentBaseDir;
    private double speed = FASTEST;
    private boolean playing;
    private double learningRateOverride = Double.NaN;
    private boolean closed;

    /**
     * A session that delivers snapshot batches to {@code consumer} by tasks run on {@code executor} (the app's
     * pulse executor, {@code Runnable::run} in tests); each run takes a fresh backend from {@code
     * linAlgs} because backends keep workspaces.
     */
    public TrainingSession(Executor executor, Consumer<List<SessionSnapshot>> consumer, Supplier<LinAlg> linAlgs) {
        this(executor, consumer, linAlgs, System::nanoTime);
    }

    /** A session whose publishing policy reads {@code clock} (nanoseconds) instead of {@link System#nanoTime}. */
    public TrainingSession(
            Executor executor, Consumer<List<SessionSnapshot>> consumer, Supplier<LinAlg> linAlgs, LongSupplier clock) {
        this.linAlgs = Objects.requireNonNull(linAlgs, "linAlgs");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(consumer, "consumer");
        this.handoff = new CoalescingHandoff<>(executor, batch -> deliver(batch, consumer), 10_000);
        this.launcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parsimony-trainer");
            // Daemon: a trainer thread must never keep the JVM alive after the window closed.
            t.setDaemon(true);
            return t;
        });
    }

    /** Whether {@code runId} is the current run: the one stale-run filter, applied to everything delivered. */
    public boolean isCurrent(long runId) {
        return runId == currentRunId;
    }

    private void deliver(List<SessionSnapshot> batch, Consumer<List<SessionSnapshot>> consumer) {
        List<SessionSnapshot> fresh = new ArrayList<>(batch.size());
        for (SessionSnapshot s : batch) {
            if (isCurrent(s.runId())) {
                fresh.add(s);
            }
        }
        if (!fresh.isEmpty()) {
            consumer.accept(List.copyOf(fresh));
        }
    }

    /**
     * Calls {@code listener} on the trainer thread with the run's capture once every variant of a run has stopped
     * (budget, tolerance, divergence or failure), e.g. to record it; it must return quickly. Null removes it.
     */
    public void onRunEnded(Consumer<RunCapture> listener) {
        this.onRunEnded = listener;
    }

    /**
     * Starts a new run of {@code spec} with data files relative to the working directory; see {@link
     * #start(ExperimentSpec, Path, boolean)}.
     */
    public long start(ExperimentSpec spec, boolean play) {
        return start(spec, null, play);
    }

    /**
     * Starts a new run of {@code spec} (the old run, if any, stops between two steps and its snapshots are dropped);
     * relative data files resolve against {@code baseDir} (the preset's folder; null: the working directory). It plays
     * at once if {@code play}, otherwise it publishes step 0 and waits. Returns the new run id.
     */
    public long start(ExperimentSpec spec, Path baseDir, boolean play) {
        Objects.requireNonNull(spec, "spec");
        synchronized (lock) {
            learningRateOverride = Double.NaN;
            playing = play;
            return launch(spec, baseDir);
        }
    }

    /** Starts the current experiment again from step 0 (new run id), keeping play state, speed and learning rate. */
    public long reset() {
        synchronized (lock) {
            if (currentSpec == null) {
                throw new IllegalStateException("no run to reset");
            }
            return launch(currentSpec, currentBaseDir);
        }
    }

    private long launch(ExperimentSpec spec, Path baseDir) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        if (current != null) {
            current.stop();
        }
        long id = runIds.incrementAndGet();
        currentRunId = id;
        currentSpec = spec;
        currentBaseDir = baseDir;
        current = new RunWorker(
                id,
                spec,
                baseDir,
                playing,
                speed,
                learningRateOverride,
                linAlgs,
                new PublishPolicy(clock, MAX_PUBLISH_HZ),
                handoff::offer,
                () -> onRunEnded);
        // The launcher's one thread runs the new worker once the previous one has returned.
        launcher.execute(current);
        return id;
    }

    /** Trains continuously at the current speed. */
    public void play() {
        synchronized (lock) {
            playing = true;
            send(new SessionCommand.Play());
        }
    }

    /** Stops stepping; the current state is published. */
    public void pause() {
        synchronized (lock) {
            playing = false;
            send(new SessionCommand.Pause());
        }
    }

    /** Pauses and performs exactly one step of every variant. */
    public void step() {
        synchronized (lock) {
            playing = false;
            send(new SessionCommand.Step());
        }
    }

    /**
     * Sets η of the first variant from the next update on, scaling every other variant's η by the same factor so
     * that a comparison such as momentum vs Adam keeps its ratio; recorded as an entry {step, η} of each variant's
     * learning-rate schedule. Survives {@link #reset} (as an entry at step 0), not {@link #start}.
     */
    public void setLearningRate(double learningRate) {
        SessionCommand.SetLearningRate command = new SessionCommand.SetLearningRate(learningRate);
        synchronized (lock) {
            learningRateOverride = learningRate;
            send(command);
        }
    }

    /** Sets the pace in steps per second of each variant ({@link #FASTEST} for no pacing). */
    public void setSpeed(double stepsPerSecond) {
        SessionCommand.SetSpeed command = new SessionCommand.SetSpeed(stepsPerSecond);
        synchronized (lock) {
            speed = stepsPerSecond;
            send(command);
        }
    }

    /**
     * Copies the current run's record (experiment as trained, data, recorded snapshots, weights at step 0 and now)
     * on the trainer thread between two steps; the future completes there, or exceptionally when there is no run or
     * the run has ended without a worker to answer (it failed, or a new run replaced it).
     */
    public CompletableFuture<RunCapture> capture() {
        CompletableFuture<RunCapture> result = new CompletableFuture<>();
        synchronized (lock) {
            if (current == null || closed) {
                result.completeExceptionally(new IllegalStateException("there is no run to save"));
                return result;
            }
            send(new SessionCommand.Capture(result));
            if (current.done) {
                current.failPendingCaptures();
            }
        }
        return result;
    }

    private void send(SessionCommand command) {
        if (current != null) {
            current.commands.add(command);
        }
    }

    /** The id of the current run (0 before the first). */
    public long runId() {
        return currentRunId;
    }

    /** Whether the session is meant to be training (the last of play/pause/step/start asked for). */
    public boolean isPlaying() {
        synchronized (lock) {
            return playing;
        }
    }

    /** The pace in steps per second. */
    public double speed() {
        synchronized (lock) {
            return speed;
        }
    }

    /** The experiment of the current run, or null. */
    public ExperimentSpec spec() {
        synchronized (lock) {
            return currentSpec;
        }
    }

    /** The folder relative data files of the current run resolve against, or null for the working directory. */
    public Path baseDir() {
        synchronized (lock) {
            return currentBaseDir;
        }
    }

    /** Whether the current run's worker is waiting to run or running. */
    public boolean isTrainerAlive() {
        synchronized (lock) {
            return current != null && !current.done;
        }
    }

    /**
     * Stops the current worker between two steps and waits up to {@code timeoutMillis} (0: not at all) for the
     * trainer thread to end; returns whether it ended (it is a daemon, so it cannot keep the JVM alive either way).
     */
    public boolean close(long timeoutMillis) {
        RunWorker w;
        synchronized (lock) {
            closed = true;
            currentRunId = -1;
            w = current;
        }
        if (w != null) {
            w.stop();
        }
        launcher.shutdown();
        try {
            return timeoutMillis > 0
                    ? launcher.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)
                    : launcher.isTerminated();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return launcher.isTerminated();
        }
    }

    /** Stops the trainer thread (waiting at most two seconds for the step under way). */
    @Override
    public void close() {
        close(2000);
    }
}
