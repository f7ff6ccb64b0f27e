package org.parsimonylab.engine.train;

import java.util.List;
import org.parsimonylab.engine.Check;

/**
 * The {@code training} section of a preset (DESIGN.md §5, docs/science.md §1.4).
 *
 * @param optimizer gd, momentum or adam
 * @param learningRate η, in the convention of {@code loss}
 * @param momentum β of heavy-ball momentum
 * @param loss loss and normalisation
 * @param outerLearningRateScale γ: the discrepant factor on the first and last layer's updates (0 freezes them)
 * @param steps maximum number of steps
 * @param lossTolerance stop once the loss falls below this (0: never)
 * @param lossCheckEvery check the tolerance every this many steps (the papers check once per outer loop)
 * @param batchSize mini-batch size, 0 for full batch (deep linear networks train full batch)
 * @param gradientForm per-sample, moment, or auto
 * @param learningRateSchedule changes of η during training, strictly increasing in step (empty: η throughout); the
 *     update at step t uses the η of the last entry with step ≤ t, or {@code learningRate} before the first
 */
public record TrainingSpec(
        OptimizerKind optimizer,
        double learningRate,
        double momentum,
        LossKind loss,
        double outerLearningRateScale,
        long steps,
        double lossTolerance,
        int lossCheckEvery,
        int batchSize,
        GradientForm gradientForm,
        List<LearningRateChange> learningRateSchedule) {

    /** Largest number of steps accepted. */
    public static final long MAX_STEPS = 1_000_000_000L;

    public TrainingSpec {
        Check.present("optimizer", optimizer);
        Check.present("loss", loss);
        Check.present("gradientForm", gradientForm);
        Check.positive("learningRate", learningRate);
        Check.range("momentum", momentum, 0.0, 0.999999);
        Check.range("outerLearningRateScale", outerLearningRateScale, 0.0, 1e6);
        Check.range("steps", steps, 0, MAX_STEPS);
        Check.atLeast("lossTolerance", lossTolerance, 0.0);
        Check.range("lossCheckEvery", lossCheckEvery, 1, Integer.MAX_VALUE);
        Check.range("batchSize", batchSize, 0, Integer.MAX_VALUE);
        learningRateSchedule = learningRateSchedule == null ? List.of() : List.copyOf(learningRateSchedule);
        for (int i = 1; i < learningRateSchedule.size(); i++) {
            long before = learningRateSchedule.get(i - 1).step();
            long now = learningRateSchedule.get(i).step();
            Check.that(
                    now > before,
                    "learningRateSchedule." + i + ".step must be greater than the step before it (got " + now
                            + " after " + before + ")");
        }
    }

    /** A spec without a learning-rate schedule (η = {@code learningRate} throughout). */
    public TrainingSpec(
            OptimizerKind optimizer,
            double learningRate,
            double momentum,
            LossKind loss,
            double outerLearningRateScale,
            long steps,
            double lossTolerance,
            int lossCheckEvery,
            int batchSize,
            GradientForm gradientForm) {
        this(
                optimizer,
                learningRate,
                momentum,
                loss,
                outerLearningRateScale,
                steps,
                lossTolerance,
                lossCheckEvery,
                batchSize,
                gradientForm,
                List.of());
    }

    /** η of the update at step {@code step}: the schedule's last entry at or before it, else {@code learningRate}. */
    public double learningRateAt(long step) {
        double eta = learningRate;
        // indexed, not for-each: called every step, and an iterator is an allocation escape analysis does not always
        // remove (NoAllocationTest measured 32 bytes/step in a full test run)
        for (int i = 0; i < learningRateSchedule.size(); i++) {
            LearningRateChange c = learningRateSchedule.get(i);
            if (c.step() > step) {
                break;
            }
            eta = c.learningRate();
        }
        return eta;
    }

    /** A copy with another schedule. */
    public TrainingSpec withLearningRateSchedule(List<LearningRateChange> schedule) {
        return new TrainingSpec(
                optimizer,
                learningRate,
                momentum,
                loss,
                outerLearningRateScale,
                steps,
                lossTolerance,
                lossCheckEvery,
                batchSize,
                gradientForm,
                schedule);
    }

    /** The defaults of DESIGN.md §5: GD with η = 1 on ½·mean for 50 steps. */
    public static TrainingSpec defaults() {
        return new TrainingSpec(OptimizerKind.GD, 1.0, 0.9, LossKind.HALF_MEAN, 1.0, 50, 0.0, 1, 0, GradientForm.AUTO);
    }

    /** A copy with another step budget. */
    public TrainingSpec withSteps(long maxSteps) {
        return new TrainingSpec(
                optimizer,
                learningRate,
                momentum,
                loss,
                outerLearningRateScale,
                maxSteps,
                lossTolerance,
                lossCheckEvery,
                batchSize,
                gradientForm,
                learningRateSchedule);
    }

    /** A copy with another gradient form. */
    public TrainingSpec withGradientForm(GradientForm form) {
        return new TrainingSpec(
                optimizer,
                learningRate,
                momentum,
                loss,
                outerLearningRateScale,
                steps,
                lossTolerance,
                lossCheckEvery,
                batchSize,
                form,
                learningRateSchedule);
    }

    /** A copy with another initial learning rate (the schedule is kept). */
    public TrainingSpec withLearningRate(double eta) {
        return new TrainingSpec(
                optimizer,
                eta,
                momentum,
                loss,
                outerLearningRateScale,
                steps,
                lossTolerance,
                lossCheckEvery,
                batchSize,
                gradientForm,
                learningRateSchedule);
    }

    /**
     * A copy whose schedule sets η = {@code eta} from step {@code step} on: an entry at that step is replaced, later
     * entries are kept (a live change in the app).
     */
    public TrainingSpec withLearningRateFrom(long step, double eta) {
        java.util.ArrayList<LearningRateChange> s = new java.util.ArrayList<>(learningRateSchedule.size() + 1);
        for (LearningRateChange c : learningRateSchedule) {
            if (c.step() < step) {
                s.add(c);
            }
        }
        s.add(new LearningRateChange(step, eta));
        for (LearningRateChange c : learningRateSchedule) {
            if (c.step() > step) {
                s.add(c);
            }
        }
        return withLearningRateSchedule(s);
    }
}
