package org.parsimonylab.engine.train;

/**
 * The step loop of docs/science.md §1.4: at step t, {@link #evaluate()} gives ℓ(W(t)) and its gradient, then {@link
 * #update()} moves to W(t+1) with η(t) of {@code training.learningRateSchedule}. Stops at the step budget, when the loss is below the tolerance at a check (every
 * {@code lossCheckEvery} steps, as the papers' outer loop), or when it diverges.
 */
public final class Trainer {
    /** Loss above which a run counts as diverged. */
    public static final double DIVERGED_LOSS = 1e100;

    private final Model model;
    private final Optimizer optimizer;
    private TrainingSpec spec;
    private long step;

    /** A trainer for {@code model} at step 0. */
    public Trainer(Model model, TrainingSpec spec) {
        this.model = model;
        this.spec = spec;
        this.optimizer = Optimizer.create(spec, model.parameters());
    }

    /** The loss at the current step, with gradients computed for the next {@link #update()}. */
    public double evaluate() {
        return model.evaluate(true);
    }

    /** Applies the update from the last evaluation with η(t): t → t+1. */
    public void update() {
        optimizer.apply(model.parameters(), model.gradients(), model.learningRateScales(), spec.learningRateAt(step));
        step++;
    }

    /** Why training should stop at the current step, given its loss. */
    public StopReason stopReason(double lossNow) {
        if (!Double.isFinite(lossNow) || lossNow > DIVERGED_LOSS) {
            return StopReason.DIVERGED;
        }
        if (step % spec.lossCheckEvery() == 0 && lossNow < spec.lossTolerance()) {
            return StopReason.TOLERANCE;
        }
        if (step >= spec.steps()) {
            return StopReason.MAX_STEPS;
        }
        return StopReason.NONE;
    }

    /** Runs evaluate/update until a stop reason; returns the reason. */
    public StopReason run() {
        while (true) {
            StopReason reason = stopReason(evaluate());
            if (reason != StopReason.NONE) {
                return reason;
            }
            update();
        }
    }

    /** Current step t. */
    public long step() {
        return step;
    }

    /** The model being trained. */
    public Model model() {
        return model;
    }

    /**
     * Changes η between steps from the current step on (a live change from the app), recorded in the schedule of
     * {@link #spec()} so that a run of that spec repeats it.
     */
    public void setLearningRate(double eta) {
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("learningRate must be a positive finite number (got " + eta + ")");
        }
        spec = spec.withLearningRateFrom(step, eta);
    }

    /** η of the next update, η(t) at the current step t. */
    public double learningRate() {
        return spec.learningRateAt(step);
    }

    /** The training spec as trained so far: the preset's, with live changes added to its schedule. */
    public TrainingSpec spec() {
        return spec;
    }
}
