package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** Each optimizer's update rule (optax semantics, docs/science.md §1.4) on hand-computed values. */
class OptimizerTest {

    private static TrainingSpec spec(OptimizerKind kind) {
        return new TrainingSpec(kind, 0.1, 0.9, LossKind.HALF_MEAN, 1.0, 10, 0, 1, 0, GradientForm.AUTO);
    }

    private static DMatrixRMaj[] one(double v) {
        DMatrixRMaj m = new DMatrixRMaj(1, 1);
        m.set(0, 0, v);
        return new DMatrixRMaj[] {m};
    }

    @Test
    void gradientDescentStepsAgainstTheScaledGradient() {
        DMatrixRMaj[] p = one(1.0);
        Optimizer.create(spec(OptimizerKind.GD), p).apply(p, one(2.0), new double[] {0.5}, 0.1);
        assertEquals(1.0 - 0.1 * 0.5 * 2.0, p[0].get(0, 0), 0);
    }

    @Test
    void momentumAccumulatesHeavyBallVelocity() {
        DMatrixRMaj[] p = one(1.0);
        Optimizer opt = Optimizer.create(spec(OptimizerKind.MOMENTUM), p);
        opt.apply(p, one(2.0), new double[] {1.0}, 0.1); // v = 2
        opt.apply(p, one(3.0), new double[] {1.0}, 0.1); // v = 3 + 0.9·2 = 4.8
        assertEquals(1.0 - 0.1 * 2.0 - 0.1 * 4.8, p[0].get(0, 0), 1e-15);
    }

    @Test
    void adamFirstStepHasMagnitudeOfTheLearningRateAndSecondFollowsBiasCorrection() {
        DMatrixRMaj[] p = one(1.0);
        Optimizer opt = Optimizer.create(spec(OptimizerKind.ADAM), p);
        opt.apply(p, one(4.0), new double[] {1.0}, 0.1);
        assertEquals(1.0 - 0.1 * 4.0 / (4.0 + 1e-8), p[0].get(0, 0), 1e-15);
        double m = 0.9 * 0.1 * 4.0 + 0.1 * 1.0;
        double v = 0.999 * 0.001 * 16.0 + 0.001 * 1.0;
        double mHat = m / (1 - 0.81);
        double vHat = v / (1 - 0.999 * 0.999);
        double expected = p[0].get(0, 0) - 0.1 * mHat / (Math.sqrt(vHat) + 1e-8);
        opt.apply(p, one(1.0), new double[] {1.0}, 0.1);
        assertEquals(expected, p[0].get(0, 0), 1e-15);
    }

    @Test
    void aZeroScaleFreezesTheParameterForEveryOptimizer() {
        for (OptimizerKind kind : OptimizerKind.values()) {
            DMatrixRMaj[] p = one(1.0);
            Optimizer.create(spec(kind), p).apply(p, one(5.0), new double[] {0.0}, 0.1);
            assertEquals(1.0, p[0].get(0, 0), 0, kind.label());
        }
    }
}
