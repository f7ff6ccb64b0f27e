package org.parsimonylab.session;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * One run of a {@link TrainingSession}: builds the run through {@link ExperimentDriver}, trains its variants side by
 * side (one {@link Lane} each), applies {@link SessionCommand}s between steps, keeps the record and publishes what
 * its {@link PublishPolicy} lets through. Everything but {@link #commands}, {@link #stopped} and {@link #done} is
 * owned by the thread that runs it.
 */
final class RunWorker implements Runnable {
    final LinkedBlockingQueue<SessionCommand> commands = new LinkedBlockingQueue<>();
    final long runId;
    final ExperimentSpec spec;
    final Path baseDir;
    final PublishPolicy policy;
    private final Supplier<LinAlg> linAlgs;
    private final Consumer<SessionSnapshot> out;
    private final Supplier<Consumer<RunCapture>> endListener;
    volatile boolean stopped;
    volatile boolean done;
    boolean play;
    double stepsPerSecond;
    final double initialLearningRate;
    final List<Lane> lanes = new ArrayList<>();

    /** Losses of skipped steps handed out with one live snapshot at most (evenly thinned beyond). */
    static final int TRAIL_CAPACITY = 512;

    long monitorNanosThisRound;
    boolean endReported;
    Dataset data;

    /**
     * Run {@code runId} of {@code spec} (relative data files against {@code baseDir}), playing if {@code play} at
     * {@code stepsPerSecond}, with the live η {@code eta} from step 0 unless NaN; backends from {@code linAlgs},
     * snapshots to {@code out}, publishing paced by {@code policy}, the end of the run reported to the listener
     * {@code endListener} gives at that time (may give null).
     */
    RunWorker(
            long runId,
            ExperimentSpec spec,
            Path baseDir,
            boolean play,
            double stepsPerSecond,
            double eta,
            Supplier<LinAlg> linAlgs,
            PublishPolicy policy,
            Consumer<SessionSnapshot> out,
            Supplier<Consumer<RunCapture>> endListener) {
        this.linAlgs = linAlgs;
        this.policy = policy;
        this.out = out;
        this.endListener = endListener;
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
        ExperimentSpec experiment = spec.withVariants(asTrained);
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
                    lane.show(statusWhileAlive(), "", true);
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
                    lane.show(SessionStatus.PAUSED, "", true);
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
                lane.runner.trainer().setLearningRate(lane.variant.training().learningRate() * (eta / base));
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

    /**
     * One step of every running variant; shows it if forced, always-shown or due by the policy: in full (off-record
     * probes) when a full round is due, otherwise only its cheap live metrics. Reads the policy's clock once.
     */
    private void round(boolean force) {
        long now = policy.now();
        boolean due = force || policy.due(now);
        boolean full = force || policy.fullDue(now);
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
            boolean always = lane.runner.trainer().step() <= lane.alwaysShowUpTo;
            if (due || always) {
                lane.show(force ? SessionStatus.PAUSED : statusWhileAlive(), "", full || always);
                shown = true;
            }
        }
        if (shown && due) {
            if (full) {
                policy.publishedFull(now, monitorNanosThisRound);
            } else {
                policy.published(now);
            }
        }
        reportEnd();
    }

    /** Hands the run's capture to the end listener once no variant trains any more. */
    private void reportEnd() {
        Consumer<RunCapture> listener = endListener.get();
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
            out.accept(s);
        }
    }

    /** One variant of the run: its runner, its record, its last good shown snapshot and what it is doing. */
    final class Lane implements RunListener {
        final VariantSpec variant;
        final VariantRunner runner;
        final long alwaysShowUpTo;
        final RunHistory record = new RunHistory(TrainingSession.RECORD_CAPACITY);
        final LossTrail.Builder trail = new LossTrail.Builder(TRAIL_CAPACITY);
        StepSnapshot last;
        boolean lastIsRecorded;
        boolean lastIsPartial;
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
            double loss = runner.currentLoss();
            if (Double.isFinite(loss) && loss <= Trainer.DIVERGED_LOSS) {
                trail.add(runner.trainer().step(), loss);
            }
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
                    lastIsPartial = false;
                    StepSnapshot shown = last != null ? last : new StepSnapshot(0, 0, List.of());
                    publish(new SessionSnapshot(
                            runId,
                            variant.name(),
                            shown,
                            status,
                            runner.result().stepsPerSecond(),
                            reason == StopReason.MAX_STEPS
                                    ? "Reached the step budget of "
                                            + variant.training().steps() + " steps."
                                    : "The loss fell below the tolerance "
                                            + variant.training().lossTolerance() + ".",
                            lastIsRecorded,
                            false,
                            trail.takeBefore(shown.step())));
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
                        runId,
                        variant.name(),
                        rec,
                        status,
                        runner.result().stepsPerSecond(),
                        "",
                        true,
                        false,
                        trail.takeBefore(rec.step())));
            }
        }

        /**
         * Shows the current measured step, in {@code full} or only its cheap live metrics (unless its measurement
         * is not good, which the next step handles).
         */
        void show(SessionStatus newStatus, String message, boolean full) {
            status = newStatus;
            if (last != null && last.step() == runner.trainer().step() && !(full && lastIsPartial)) {
                republish(newStatus, message);
                return;
            }
            long m0 = System.nanoTime();
            StepSnapshot now = full ? runner.liveSnapshot() : runner.cheapSnapshot();
            monitorNanosThisRound += System.nanoTime() - m0;
            if (now != null && isGood(now)) {
                showRecordedBefore(now);
                last = now;
                lastIsRecorded = runner.isRecorded(now);
                lastIsPartial = !full && !lastIsRecorded;
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
                    last != null && lastIsRecorded,
                    last != null && lastIsPartial,
                    trail.takeBefore(shown.step())));
        }
    }

    private static boolean isGood(StepSnapshot s) {
        double loss = s.loss();
        return Double.isNaN(loss) && s.series().isEmpty() || Double.isFinite(loss) && loss <= Trainer.DIVERGED_LOSS;
    }
}
