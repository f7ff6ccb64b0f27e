package org.parsimonylab.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.metrics.StepSnapshot;

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
    private Worker current;
    private ExperimentSpec currentSpec;
    private Path currentBaseDir;
    private double speed = FASTEST;
    private boolean playing;
    private double learningRateOverride = Double.NaN;
    private boolean closed;

    /**
     * A session that delivers snapshot batches to {@code consumer} by tasks run on {@code executor} ({@code
     * Platform::runLater} in the app, {@code Runnable::run} in tests); each run takes a fresh backend from {@code
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
        current = new Worker(id, spec, baseDir, playing, speed, learningRateOverride);
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
        Worker w;
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

    /** One run. Everything but {@link #commands}, {@link #stopped} and {@link #done} is owned by its thread. */
    private final class Worker implements Runnable {
        final LinkedBlockingQueue<SessionCommand> commands = new LinkedBlockingQueue<>();
        final long runId;
        final ExperimentSpec spec;
        final Path baseDir;
        final PublishPolicy policy = new PublishPolicy(clock, MAX_PUBLISH_HZ);
        volatile boolean stopped;
        volatile boolean done;
        boolean play;
        double stepsPerSecond;
        final double initialLearningRate;
        final List<Lane> lanes = new ArrayList<>();
        long monitorNanosThisRound;
        boolean endReported;
        Dataset data;

        Worker(long runId, ExperimentSpec spec, Path baseDir, boolean play, double stepsPerSecond, double eta) {
            this.runId = runId;
            this.spec = spec;
            this.baseDir = baseDir;
            this.play = play;
            this.stepsPerSecond = stepsPerSecond;
            this.initialLearningRate = eta;
        }

        void stop() {
            stopped = true;
            // Wakes the worker if it waits for a command.
            commands.add(new SessionCommand.Pause());
        }

        /** Answers captures nobody will take from the queue any more (the worker ended or is ending). */
        void failPendingCaptures() {
            for (SessionCommand c : commands.toArray(new SessionCommand[0])) {
                if (c instanceof SessionCommand.Capture capture && commands.remove(c)) {
                    capture.result()
                            .completeExceptionally(new IllegalStateException(
                                    "the run ended before its weights could be copied; start it again and save"));
                }
            }
        }

        private RunCapture captureNow() {
            if (data == null || lanes.size() != spec.variants().size()) {
                throw new IllegalStateException("the run has no data yet (it failed before training)");
            }
            Map<String, List<WeightCheckpoint>> checkpoints = new LinkedHashMap<>();
            Map<String, List<StepSnapshot>> recorded = new LinkedHashMap<>();
            List<VariantSpec> asTrained = new ArrayList<>();
            for (Lane lane : lanes) {
                List<WeightCheckpoint> list = new ArrayList<>(2);
                WeightCheckpoint now = lane.runner.copyWeights();
                if (lane.first != null && lane.first.step() < now.step()) {
                    list.add(lane.first);
                }
                list.add(now);
                checkpoints.put(lane.variant.name(), list);
                recorded.put(lane.variant.name(), lane.record.snapshots(lane.variant.name()));
                asTrained.add(lane.runner.variantAsTrained());
            }
            ExperimentSpec experiment = new ExperimentSpec(spec.seed(), spec.data(), asTrained);
            return new RunCapture(runId, experiment, data, checkpoints, recorded);
        }

        @Override
        public void run() {
            Thread thread = Thread.currentThread();
            thread.setName("parsimony-trainer-" + runId);
            try {
                if (stopped) {
                    return;
                }
                ExperimentDriver driver = new ExperimentDriver(spec, linAlgs.get(), baseDir);
                data = driver.data();
                for (VariantSpec v : spec.variants()) {
                    if (stopped) {
                        return;
                    }
                    lanes.add(new Lane(v, driver.runner(v, 0, true)));
                }
                if (!Double.isNaN(initialLearningRate)) {
                    setLearningRate(initialLearningRate);
                }
                for (Lane lane : lanes) {
                    if (stopped) {
                        return;
                    }
                    lane.measure();
                }
                for (Lane lane : lanes) {
                    if (lane.isRunning()) {
                        lane.show(statusWhileAlive(), "");
                    }
                }
                reportEnd();
                loop();
            } catch (IllegalArgumentException e) {
                // An invalid combination the spec records could not see alone (e.g. in data generation).
                failAll("Cannot run this configuration: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                failAll("Training stopped by an unexpected error: " + e + " (details in the log)");
                Thread.UncaughtExceptionHandler handler = thread.getUncaughtExceptionHandler();
                if (handler != null) {
                    handler.uncaughtException(thread, e);
                }
            } finally {
                done = true;
                failPendingCaptures();
                thread.setName("parsimony-trainer");
            }
        }

        private void loop() {
            long nextRoundNanos = System.nanoTime();
            while (!stopped) {
                boolean active = play && anyRunning();
                SessionCommand command;
                try {
                    if (!active) {
                        command = commands.take();
                    } else if (Double.isInfinite(stepsPerSecond)) {
                        command = commands.poll();
                    } else {
                        long wait = nextRoundNanos - System.nanoTime();
                        command = wait > 0 ? commands.poll(wait, TimeUnit.NANOSECONDS) : commands.poll();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                if (stopped) {
                    return;
                }
                if (command != null) {
                    apply(command);
                    continue;
                }
                long now = System.nanoTime();
                round(false);
                if (!Double.isInfinite(stepsPerSecond)) {
                    long interval = (long) (1e9 / stepsPerSecond);
                    // Pace from the planned time, but never burst to catch up after a slow step.
                    nextRoundNanos = Math.max(nextRoundNanos + interval, now);
                }
                if (!anyRunning()) {
                    play = false;
                }
            }
        }

        private void apply(SessionCommand command) {
            if (command instanceof SessionCommand.Play) {
                play = true;
                if (!anyRunning()) {
                    for (Lane lane : lanes) {
                        lane.republish(
                                lane.status,
                                "Training has ended at step " + lane.shownStep()
                                        + ": press Reset to train again, or raise the step budget.");
                    }
                } else {
                    for (Lane lane : lanes) {
                        if (lane.status == SessionStatus.PAUSED) {
                            lane.republish(SessionStatus.RUNNING, "");
                        }
                    }
                }
            } else if (command instanceof SessionCommand.Pause) {
                play = false;
                for (Lane lane : lanes) {
                    if (lane.isRunning()) {
                        lane.show(SessionStatus.PAUSED, "");
                    }
                }
            } else if (command instanceof SessionCommand.Step) {
                play = false;
                round(true);
            } else if (command instanceof SessionCommand.SetLearningRate lr) {
                setLearningRate(lr.learningRate());
            } else if (command instanceof SessionCommand.SetSpeed sp) {
                stepsPerSecond = sp.stepsPerSecond();
            } else if (command instanceof SessionCommand.Capture capture) {
                try {
                    capture.result().complete(captureNow());
                } catch (RuntimeException e) {
                    capture.result().completeExceptionally(e);
                }
            }
        }

        /** η for the next update of every running variant, scaled by the first variant's factor; recorded. */
        private void setLearningRate(double eta) {
            double base = lanes.get(0).variant.training().learningRate();
            for (Lane lane : lanes) {
                if (lane.isRunning()) {
                    lane.runner
                            .trainer()
                            .setLearningRate(lane.variant.training().learningRate() * (eta / base));
                }
            }
        }

        private boolean anyRunning() {
            for (Lane lane : lanes) {
                if (lane.isRunning()) {
                    return true;
                }
            }
            return false;
        }

        private SessionStatus statusWhileAlive() {
            return play ? SessionStatus.RUNNING : SessionStatus.PAUSED;
        }

        /** One step of every running variant; shows it if forced, always-shown or due by the policy. */
        private void round(boolean force) {
            boolean due = force || policy.due();
            boolean shown = false;
            monitorNanosThisRound = 0;
            for (Lane lane : lanes) {
                if (stopped) {
                    return;
                }
                if (!lane.isRunning()) {
                    continue;
                }
                if (lane.step()) {
                    continue; // the lane finished and said so
                }
                if (due || lane.runner.trainer().step() <= lane.alwaysShowUpTo) {
                    lane.show(force ? SessionStatus.PAUSED : statusWhileAlive(), "");
                    shown = true;
                }
            }
            if (shown && due) {
                policy.published(monitorNanosThisRound);
            }
            reportEnd();
        }

        /** Hands the run's capture to the end listener once no variant trains any more. */
        private void reportEnd() {
            Consumer<RunCapture> listener = onRunEnded;
            if (endReported || anyRunning() || stopped || lanes.isEmpty()) {
                return;
            }
            endReported = true;
            if (listener != null) {
                listener.accept(captureNow());
            }
        }

        private void failAll(String message) {
            if (lanes.isEmpty()) {
                for (VariantSpec v : spec.variants()) {
                    publish(new SessionSnapshot(
                            runId,
                            v.name(),
                            new StepSnapshot(0, 0, List.of()),
                            SessionStatus.FAILED,
                            Double.NaN,
                            message,
                            false));
                }
                return;
            }
            for (Lane lane : lanes) {
                if (lane.isRunning()) {
                    lane.status = SessionStatus.FAILED;
                }
                lane.republish(lane.status, lane.status == SessionStatus.FAILED ? message : "");
            }
        }

        private void publish(SessionSnapshot s) {
            // A stopped worker never publishes; delivery drops anything of an older run (isCurrent).
            if (!stopped) {
                handoff.offer(s);
            }
        }

        /** One variant of the run: its runner, its record, its last good shown snapshot and what it is doing. */
        private final class Lane implements RunListener {
            final VariantSpec variant;
            final VariantRunner runner;
            final long alwaysShowUpTo;
            final RunHistory record = new RunHistory(RECORD_CAPACITY);
            StepSnapshot last;
            boolean lastIsRecorded;
            WeightCheckpoint first;
            long shownRecordedStep = -1;
            SessionStatus status = SessionStatus.PAUSED;

            Lane(VariantSpec variant, VariantRunner runner) {
                this.variant = variant;
                this.runner = runner;
                this.alwaysShowUpTo = variant.metrics().referenceStep();
            }

            long shownStep() {
                return last == null ? 0 : last.step();
            }

            boolean isRunning() {
                return status == SessionStatus.RUNNING || status == SessionStatus.PAUSED;
            }

            @Override
            public void snapshot(String name, StepSnapshot snapshot) {
                record.add(name, snapshot);
            }

            @Override
            public void checkpoint(String name, long step, DMatrixRMaj[] weights) {
                // Step 0 is kept for "Save run" (one copy per run); later weights are copied only when asked for.
                if (step == 0 && first == null) {
                    first = WeightCheckpoint.copyOf(step, weights);
                }
            }

            /** Measures the current step; returns whether the variant stopped there (and said so). */
            boolean measure() {
                StopReason reason = runner.measure(this, 0, false);
                if (reason != StopReason.NONE) {
                    finish(reason);
                    return true;
                }
                return false;
            }

            /** Updates to the next step and measures it; returns whether the variant stopped there. */
            boolean step() {
                runner.update();
                return measure();
            }

            private void finish(StopReason reason) {
                StepSnapshot end = runner.lastRecorded();
                switch (reason) {
                    case DIVERGED -> {
                        status = SessionStatus.DIVERGED;
                        republish(
                                status,
                                variant.name() + " diverged at step "
                                        + runner.trainer().step()
                                        + " (the loss became NaN, infinite or exceeded " + Trainer.DIVERGED_LOSS
                                        + "); showing the last good step " + shownStep()
                                        + ". Try a smaller learning rate (e.g. "
                                        + String.format(
                                                Locale.ROOT,
                                                "%.3g",
                                                runner.trainer().learningRate() / 4)
                                        + ") or a smaller init scale, then Reset.");
                    }
                    case MAX_STEPS, TOLERANCE -> {
                        status = SessionStatus.FINISHED;
                        if (end != null && isGood(end)) {
                            showRecordedBefore(end);
                            last = end;
                            lastIsRecorded = true;
                        }
                        publish(new SessionSnapshot(
                                runId,
                                variant.name(),
                                last != null ? last : new StepSnapshot(0, 0, List.of()),
                                status,
                                runner.result().stepsPerSecond(),
                                reason == StopReason.MAX_STEPS
                                        ? "Reached the step budget of "
                                                + variant.training().steps() + " steps."
                                        : "The loss fell below the tolerance "
                                                + variant.training().lossTolerance() + ".",
                                lastIsRecorded));
                    }
                    default -> {
                        status = SessionStatus.FINISHED;
                        republish(status, "");
                    }
                }
            }

            /** Shows the newest recorded snapshot first if it was not shown and precedes {@code next}. */
            private void showRecordedBefore(StepSnapshot next) {
                StepSnapshot rec = runner.lastRecorded();
                if (rec != null
                        && rec != next
                        && rec.step() > shownRecordedStep
                        && rec.step() > shownStep()
                        && isGood(rec)) {
                    shownRecordedStep = rec.step();
                    publish(new SessionSnapshot(
                            runId, variant.name(), rec, status, runner.result().stepsPerSecond(), "", true));
                }
            }

            /** Shows the current measured step (unless its measurement is not good, which the next step handles). */
            void show(SessionStatus newStatus, String message) {
                status = newStatus;
                if (last != null && last.step() == runner.trainer().step()) {
                    republish(newStatus, message);
                    return;
                }
                long m0 = System.nanoTime();
                StepSnapshot now = runner.liveSnapshot();
                monitorNanosThisRound += System.nanoTime() - m0;
                if (now != null && isGood(now)) {
                    showRecordedBefore(now);
                    last = now;
                    lastIsRecorded = runner.isRecorded(now);
                    if (lastIsRecorded) {
                        shownRecordedStep = now.step();
                    }
                    republish(newStatus, message);
                }
            }

            void republish(SessionStatus newStatus, String message) {
                status = newStatus;
                StepSnapshot shown = last != null ? last : new StepSnapshot(0, 0, List.of());
                publish(new SessionSnapshot(
                        runId,
                        variant.name(),
                        shown,
                        status,
                        runner.result().stepsPerSecond(),
                        message,
                        last != null && lastIsRecorded));
            }
        }
    }

    private static boolean isGood(StepSnapshot s) {
        double loss = s.loss();
        return Double.isNaN(loss) && s.series().isEmpty() || Double.isFinite(loss) && loss <= Trainer.DIVERGED_LOSS;
    }
}
