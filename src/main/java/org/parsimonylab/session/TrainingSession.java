package org.parsimonylab.session;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The app's live training (DESIGN.md §3): one daemon trainer thread per run owns every matrix of the run and trains
 * the variants of an experiment side by side, one step of each in turn. The UI talks to it only through {@link
 * SessionCommand}s, applied between steps, and hears from it only through immutable {@link SessionSnapshot}s
 * delivered in batches by one {@link CoalescingHandoff} on the injected executor.
 *
 * <p>Snapshots are taken at the preset's cadence ({@code metrics.every}) but at most {@link #MAX_PUBLISH_HZ} times
 * per second of wall time, and so that monitoring takes at most a third of the trainer's time (at d = 500 one
 * snapshot's SVDs cost more than a step), so that neither the UI nor SVD monitoring paces training; step 0, the steps up to the
 * angle reference step, a single step, a pause and the end of training are always published. A structural change
 * starts a new run ({@link #start}) with a new run id, and snapshots of older runs are dropped, both on the trainer
 * side and at delivery.
 */
public final class TrainingSession implements AutoCloseable {
    /** Wall-clock cap on published snapshot rounds per second. */
    public static final double MAX_PUBLISH_HZ = 30;

    /** Speed meaning "as fast as possible". */
    public static final double FASTEST = Double.POSITIVE_INFINITY;

    private static final long MIN_PUBLISH_INTERVAL_NANOS = (long) (1e9 / MAX_PUBLISH_HZ);

    private final Supplier<LinAlg> linAlgs;
    private final CoalescingHandoff<SessionSnapshot> handoff;
    private final AtomicLong runIds = new AtomicLong();
    private final Object lock = new Object();
    private volatile long currentRunId;
    private Worker current;
    private ExperimentSpec currentSpec;
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
        this.linAlgs = Objects.requireNonNull(linAlgs, "linAlgs");
        Objects.requireNonNull(consumer, "consumer");
        this.handoff = new CoalescingHandoff<>(executor, batch -> deliver(batch, consumer), 10_000);
    }

    private void deliver(List<SessionSnapshot> batch, Consumer<List<SessionSnapshot>> consumer) {
        long run = currentRunId;
        List<SessionSnapshot> fresh = new ArrayList<>(batch.size());
        for (SessionSnapshot s : batch) {
            if (s.runId() == run) {
                fresh.add(s);
            }
        }
        if (!fresh.isEmpty()) {
            consumer.accept(List.copyOf(fresh));
        }
    }

    /**
     * Starts a new run of {@code spec} (the old run, if any, stops and its snapshots are dropped); it plays at once if
     * {@code play}, otherwise it publishes step 0 and waits. Returns the new run id.
     */
    public long start(ExperimentSpec spec, boolean play) {
        Objects.requireNonNull(spec, "spec");
        synchronized (lock) {
            learningRateOverride = Double.NaN;
            playing = play;
            return launch(spec);
        }
    }

    /** Starts the current experiment again from step 0 (new run id), keeping play state, speed and learning rate. */
    public long reset() {
        synchronized (lock) {
            if (currentSpec == null) {
                throw new IllegalStateException("no run to reset");
            }
            return launch(currentSpec);
        }
    }

    private long launch(ExperimentSpec spec) {
        if (closed) {
            throw new IllegalStateException("session is closed");
        }
        if (current != null) {
            current.stop();
        }
        long id = runIds.incrementAndGet();
        currentRunId = id;
        currentSpec = spec;
        current = new Worker(id, spec, playing, speed, learningRateOverride);
        Thread thread = new Thread(current, "parsimony-trainer-" + id);
        // Daemon: a trainer thread must never keep the JVM alive after the window closed.
        thread.setDaemon(true);
        current.thread = thread;
        thread.start();
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
     * Sets η of the first variant from the next step on, scaling every other variant's η by the same factor so that
     * a comparison such as momentum vs Adam keeps its ratio. Survives {@link #reset}, not {@link #start}.
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
     * Copies the current run's data and weights (step 0 and the current step of every variant) on the trainer thread
     * between two steps; the future completes there, or exceptionally when there is no run or the run has ended
     * without a trainer thread to answer (it failed, or a new run replaced it).
     */
    public CompletableFuture<RunCapture> capture() {
        CompletableFuture<RunCapture> result = new CompletableFuture<>();
        synchronized (lock) {
            if (current == null || closed) {
                result.completeExceptionally(new IllegalStateException("there is no run to save"));
                return result;
            }
            send(new SessionCommand.Capture(result));
            if (!current.thread.isAlive()) {
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

    /** Whether the current run's trainer thread is still alive. */
    public boolean isTrainerAlive() {
        synchronized (lock) {
            return current != null && current.thread.isAlive();
        }
    }

    /**
     * Stops the trainer thread and waits up to {@code timeoutMillis} for it to end; returns whether it ended (it is a
     * daemon, so it cannot keep the JVM alive either way).
     */
    public boolean close(long timeoutMillis) {
        Worker w;
        synchronized (lock) {
            closed = true;
            currentRunId = -1;
            w = current;
        }
        if (w == null) {
            return true;
        }
        w.stop();
        try {
            w.thread.join(timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !w.thread.isAlive();
    }

    /** Stops the trainer thread (waiting at most two seconds for the step under way). */
    @Override
    public void close() {
        close(2000);
    }

    /** The experiment as the trainer runs it: metrics only at step 0 and the end, the rest taken on demand. */
    private static VariantSpec onDemandMetrics(VariantSpec v) {
        MetricsSpec m = v.metrics();
        MetricsSpec sparse = new MetricsSpec(Integer.MAX_VALUE, m.referenceStep(), m.blockRank(), m.svd());
        return new VariantSpec(v.name(), v.network(), v.training(), sparse);
    }

    /** One run on its own thread. Everything but {@link #commands} and {@link #stopped} is owned by that thread. */
    private final class Worker implements Runnable {
        final LinkedBlockingQueue<SessionCommand> commands = new LinkedBlockingQueue<>();
        final long runId;
        final ExperimentSpec spec;
        volatile boolean stopped;
        Thread thread;
        boolean play;
        double stepsPerSecond;
        double initialLearningRate;
        final List<Lane> lanes = new ArrayList<>();
        long lastPublishNanos = Long.MIN_VALUE / 2;
        long lastMonitorNanos;
        long monitorNanosThisRound;
        Dataset data;

        Worker(long runId, ExperimentSpec spec, boolean play, double stepsPerSecond, double learningRate) {
            this.runId = runId;
            this.spec = spec;
            this.play = play;
            this.stepsPerSecond = stepsPerSecond;
            this.initialLearningRate = learningRate;
        }

        void stop() {
            stopped = true;
            // Wakes the thread if it waits for a command.
            commands.add(new SessionCommand.Pause());
        }

        /** Answers captures nobody will take from the queue any more (the thread ended or is ending). */
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
            Map<String, List<WeightCheckpoint>> checkpoints = new LinkedHashMap<>();
            for (Lane lane : lanes) {
                List<WeightCheckpoint> list = new ArrayList<>(2);
                WeightCheckpoint now = lane.runner.copyWeights();
                if (lane.first != null && lane.first.step() < now.step()) {
                    list.add(lane.first);
                }
                list.add(now);
                checkpoints.put(lane.variant.name(), list);
            }
            return new RunCapture(runId, spec, data, checkpoints);
        }

        @Override
        public void run() {
            try {
                LinAlg linAlg = linAlgs.get();
                data = DataGenerator.generate(spec.data(), spec.seed(), linAlg);
                for (VariantSpec v : spec.variants()) {
                    lanes.add(new Lane(v, new VariantRunner(onDemandMetrics(v), data, spec.seed(), linAlg, 0)));
                }
                if (!Double.isNaN(initialLearningRate)) {
                    setLearningRate(initialLearningRate);
                }
                for (Lane lane : lanes) {
                    lane.publishNow(statusWhileAlive(), "");
                }
                loop();
            } catch (IllegalArgumentException e) {
                // An invalid combination the spec records could not see alone (e.g. in data generation).
                failAll("Cannot run this configuration: " + e.getMessage());
            } catch (RuntimeException | Error e) {
                failAll("Training stopped by an unexpected error: " + e + " (details in the log)");
                Thread t = Thread.currentThread();
                t.getUncaughtExceptionHandler().uncaughtException(t, e);
            } finally {
                failPendingCaptures();
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
                        lane.publishNow(SessionStatus.PAUSED, "");
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

        private void setLearningRate(double eta) {
            double base = lanes.get(0).variant.training().learningRate();
            for (Lane lane : lanes) {
                lane.runner.trainer().setLearningRate(lane.variant.training().learningRate() * (eta / base));
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

        /** One step of every running variant; publishes if forced or due by cadence and wall clock. */
        private void round(boolean force) {
            long now = System.nanoTime();
            // At most MAX_PUBLISH_HZ rounds per second, and monitoring (SVDs) at most a third of the time.
            long interval = Math.max(MIN_PUBLISH_INTERVAL_NANOS, 2 * lastMonitorNanos);
            boolean wallClockDue = now - lastPublishNanos >= interval;
            boolean published = false;
            for (Lane lane : lanes) {
                if (stopped) {
                    return;
                }
                if (!lane.isRunning()) {
                    continue;
                }
                published |= lane.advance(force, wallClockDue);
            }
            if (published) {
                lastPublishNanos = System.nanoTime();
                lastMonitorNanos = monitorNanosThisRound;
            }
            monitorNanosThisRound = 0;
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
                            message));
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
            if (!stopped && s.runId() == currentRunId) {
                handoff.offer(s);
            }
        }

        /** One variant of the run: its runner, its last good snapshot and what it is doing. */
        private final class Lane implements RunListener {
            final VariantSpec variant;
            final VariantRunner runner;
            final long alwaysPublishUpTo;
            final long every;
            StepSnapshot last;
            StepSnapshot recorded;
            WeightCheckpoint first;
            SessionStatus status = SessionStatus.PAUSED;

            Lane(VariantSpec variant, VariantRunner runner) {
                this.variant = variant;
                this.runner = runner;
                this.alwaysPublishUpTo = variant.metrics().referenceStep();
                // The preset's cadence (the runner itself records on demand): metrics.every, or the automatic one for
                // 0.
                this.every = runner.cadenceOf(variant.metrics());
            }

            long shownStep() {
                return last == null ? 0 : last.step();
            }

            boolean isRunning() {
                return status == SessionStatus.RUNNING || status == SessionStatus.PAUSED;
            }

            @Override
            public void snapshot(String name, StepSnapshot snapshot) {
                recorded = snapshot;
            }

            @Override
            public void checkpoint(String name, long step, DMatrixRMaj[] weights) {
                // Step 0 is kept for "Save run" (one copy per run); later weights are copied only when asked for.
                if (step == 0 && first == null) {
                    first = WeightCheckpoint.copyOf(step, weights);
                }
            }

            /** One step; returns whether a snapshot was published. */
            boolean advance(boolean force, boolean wallClockDue) {
                recorded = null;
                StopReason reason = runner.advance(this, 0, false);
                if (reason != StopReason.NONE) {
                    finish(reason);
                    return true;
                }
                long t = runner.trainer().step();
                boolean due = force || t <= alwaysPublishUpTo || (wallClockDue && t % every == 0);
                if (due) {
                    publishNow(force ? SessionStatus.PAUSED : statusWhileAlive(), "");
                }
                return due;
            }

            private void finish(StopReason reason) {
                StepSnapshot end = recorded;
                switch (reason) {
                    case DIVERGED -> {
                        status = SessionStatus.DIVERGED;
                        republish(
                                status,
                                variant.name() + " diverged at step "
                                        + runner.trainer().step()
                                        + " (the loss became NaN, infinite or exceeded " + Trainer.DIVERGED_LOSS
                                        + "); showing the last good step " + (last == null ? 0 : last.step())
                                        + ". Try a smaller learning rate (e.g. "
                                        + String.format(
                                                java.util.Locale.ROOT,
                                                "%.3g",
                                                runner.trainer().learningRate() / 4)
                                        + ") or a smaller init scale, then Reset.");
                    }
                    case MAX_STEPS, TOLERANCE -> {
                        status = SessionStatus.FINISHED;
                        if (end != null && isGood(end)) {
                            last = end;
                        }
                        republish(
                                status,
                                reason == StopReason.MAX_STEPS
                                        ? "Reached the step budget of "
                                                + variant.training().steps() + " steps."
                                        : "The loss fell below the tolerance "
                                                + variant.training().lossTolerance() + ".");
                    }
                    default -> {
                        status = SessionStatus.FINISHED;
                        republish(status, "");
                    }
                }
            }

            /** Measures the current weights and publishes them (unless the measurement already diverged). */
            void publishNow(SessionStatus newStatus, String message) {
                status = newStatus;
                if (last != null && last.step() == runner.trainer().step()) {
                    republish(newStatus, message);
                    return;
                }
                long m0 = System.nanoTime();
                StepSnapshot now = runner.snapshotNow();
                monitorNanosThisRound += System.nanoTime() - m0;
                if (isGood(now)) {
                    last = now;
                    republish(newStatus, message);
                }
                // A non-finite measurement is left to the next advance, which stops the variant as diverged.
            }

            void republish(SessionStatus newStatus, String message) {
                status = newStatus;
                StepSnapshot shown = last != null ? last : new StepSnapshot(0, 0, List.of());
                publish(new SessionSnapshot(
                        runId, variant.name(), shown, status, runner.result().stepsPerSecond(), message));
            }
        }
    }

    private static boolean isGood(StepSnapshot s) {
        double loss = s.loss();
        return Double.isNaN(loss) && s.series().isEmpty() || Double.isFinite(loss) && loss <= Trainer.DIVERGED_LOSS;
    }
}
