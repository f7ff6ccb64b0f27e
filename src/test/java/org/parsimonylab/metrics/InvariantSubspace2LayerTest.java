package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.linalg.Subspaces;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.BigSubspace;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.LossKind;
import org.parsimonylab.engine.train.MlpModel;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.engine.train.TrainingSpec;

/** The two-layer invariant-subspace picture of paper 2 (docs/science.md §3.3 [REC], target T18 of §5). */
class InvariantSubspace2LayerTest {
    private final LinAlg la = new EjmlLinAlg();

    /** Measurements of one run of the §3.3 setup. */
    record Run(double energy100, double energyEnd, int moved, double angleRad, Map<String, Double> probe) {}

    /**
     * docs/science.md §3.3: d = N = 60 with X a 60×60 Haar matrix, K = 3 balanced one-hot classes, m = 64, W2 ~ N(0, 1/m)
     * fixed, W1(0) = 0.1·(first 60 columns of a 64×64 Haar), η = 0.5/‖W2‖₂², ½‖·‖² (sum), GD.
     */
    Run twoLayer(Activation phi, int steps, long seed) {
        DataSpec spec = new DataSpec(
                DataKind.CLASSIFICATION,
                60,
                60,
                0,
                300,
                3,
                20,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        Dataset data = DataGenerator.generate(spec, seed, la);
        DMatrixRMaj w1 = Orthogonal.scaledTruncated(64, 60, 0.1, Rng.stream(seed, "init.W1"));
        DMatrixRMaj w2 = Initializer.weight(InitKind.GAUSSIAN, 3, 64, 1.0, Rng.stream(seed, "init.W2"));
        DMatrixRMaj w1Init = w1.copy();
        double[] sInit = la.singularValues(w1);
        double eta = 0.5 / Math.pow(la.singularValues(w2)[0], 2);
        MlpModel model =
                new MlpModel(new DMatrixRMaj[] {w1, w2}, null, phi, data, LossKind.HALF_SUM, 1.0, false, 0, seed, la);
        TrainingSpec training = TrainingSpec.defaults().withLearningRate(eta);
        training = new TrainingSpec(
                OptimizerKind.GD, eta, 0.9, LossKind.HALF_SUM, 1.0, steps, 0, 1, 0, training.gradientForm());
        Trainer trainer = new Trainer(model, training);
        double loss0 = trainer.evaluate();
        // The per-layer probe of any-depth MLPs must give the same layer-1 numbers as the direct computation.
        LayerSubspaceProbe probe = new LayerSubspaceProbe();
        probe.measure(context(0, loss0, model, data), new ArrayList<>());
        BigSubspace big = InvariantSubspace2Layer.bigSubspaces(w1Init, model.gradients()[0], 3, la);
        double energy100 = Double.NaN;
        double loss = loss0;
        for (int t = 0; t < steps; t++) {
            trainer.update();
            loss = trainer.evaluate();
            if (t + 1 == 100) {
                energy100 = InvariantSubspace2Layer.energyFraction(InvariantSubspace2Layer.delta(w1, w1Init), big, la);
            }
        }
        DMatrixRMaj delta = InvariantSubspace2Layer.delta(w1, w1Init);
        List<MetricSeries> measured = new ArrayList<>();
        probe.measure(context(steps, loss, model, data), measured);
        Map<String, Double> byName = new TreeMap<>();
        for (MetricSeries m : measured) {
            assertEquals(1, m.layer(), "the frozen W2 is not measured: " + m.name());
            byName.put(m.name(), m.value());
        }
        return new Run(
                energy100,
                InvariantSubspace2Layer.energyFraction(delta, big, la),
                InvariantSubspace2Layer.movedSingularValues(
                        sInit, la.singularValues(w1), InvariantSubspace2Layer.MOVED_REL_TOL),
                InvariantSubspace2Layer.largestAngleRad(delta, big, la),
                byName);
    }

    private ProbeContext context(long step, double loss, MlpModel model, Dataset data) {
        return new ProbeContext(step, loss, model, data, NetworkSpec.defaults(), MetricsSpec.defaults(), la);
    }

    @Test
    void t18EnergyOrderingLinearTanhGeluReluAfter300Steps() {
        Map<Activation, Run> runs = new EnumMap<>(Activation.class);
        for (Activation phi :
                new Activation[] {Activation.IDENTITY, Activation.TANH, Activation.GELU, Activation.RELU}) {
            runs.put(phi, twoLayer(phi, 300, 0));
        }
        double lin = runs.get(Activation.IDENTITY).energyEnd();
        double tanh = runs.get(Activation.TANH).energyEnd();
        double gelu = runs.get(Activation.GELU).energyEnd();
        double relu = runs.get(Activation.RELU).energyEnd();
        String all = runs.toString();
        assertTrue(lin > 1 - 1e-9, "linear energy " + all);
        assertTrue(lin >= tanh - 1e-12 && tanh > 0.999, "tanh energy " + all);
        assertTrue(tanh > gelu && gelu > 0.85, "GELU energy " + all);
        assertTrue(relu < 0.6 && gelu - relu > 0.3, "ReLU energy " + all);
        // linear φ: exactly 2K = 6 singular values move and ΔW1's row space lies in V_big
        assertEquals(6, runs.get(Activation.IDENTITY).moved(), all);
        assertTrue(runs.get(Activation.IDENTITY).angleRad() < 1e-6, all);
        assertTrue(runs.get(Activation.RELU).moved() > 30, all);
        for (Run run : runs.values()) {
            assertEquals(run.energyEnd(), run.probe().get("energy-in-block"), 1e-15, all);
            assertEquals(run.moved(), run.probe().get("moved-sv"), 0.0, all);
            assertEquals(run.angleRad(), run.probe().get("angle-vbig"), 1e-15, all);
        }
        // linear φ: ΔW1 = W2ᵀ·(…) has rank K = 3, its left space is col(W2ᵀ) ⊂ U_big, and it is rank 3 exactly
        Map<String, Double> linear = runs.get(Activation.IDENTITY).probe();
        assertTrue(linear.get("angle-ubig") < 1e-6, all);
        assertTrue(linear.get("update-stable-rank") <= 3.0 + 1e-9, all);
        assertTrue(linear.get("update-effective-rank") <= 3.0 + 1e-9, all);
        assertTrue(runs.get(Activation.RELU).probe().get("update-effective-rank") > 3.0, all);
    }

    @Test
    void principalAnglesOfASubspaceWithItselfAndAKnownAngle() {
        DMatrixRMaj q = Orthogonal.haarColumns(10, 4, Rng.stream(1, "q"));
        assertEquals(0.0, Subspaces.largestPrincipalAngleRad(q, q, la), 1e-14);
        DMatrixRMaj a = new DMatrixRMaj(3, 1, true, 1, 0, 0);
        double theta = 1e-9;
        DMatrixRMaj b = new DMatrixRMaj(3, 1, true, Math.cos(theta), Math.sin(theta), 0);
        assertEquals(theta, Subspaces.largestPrincipalAngleRad(a, b, la), 1e-20);
        DMatrixRMaj c = new DMatrixRMaj(3, 1, true, 0, 0, 1);
        assertEquals(Math.PI / 2, Subspaces.largestPrincipalAngleRad(a, c, la), 1e-15);
    }

    @Test
    void energyFractionIsOneInsideTheBlockAndZeroOutside() {
        DMatrixRMaj u = Orthogonal.haarColumns(8, 2, Rng.stream(1, "u"));
        DMatrixRMaj v = Orthogonal.haarColumns(6, 2, Rng.stream(1, "v"));
        BigSubspace big = new BigSubspace(u, v);
        DMatrixRMaj inside = new DMatrixRMaj(8, 6);
        DMatrixRMaj core = new DMatrixRMaj(2, 2, true, 1, 2, 3, 4);
        DMatrixRMaj uc = new DMatrixRMaj(8, 2);
        la.mult(u, core, uc);
        la.gemm(false, true, 1.0, uc, v, 0.0, inside);
        assertEquals(1.0, InvariantSubspace2Layer.energyFraction(inside, big, la), 1e-14);
        assertEquals(0.0, InvariantSubspace2Layer.largestAngleRad(inside, big, la), 1e-7);
        DMatrixRMaj outside = inside.copy();
        // (I − UUᵀ)·inside = 0; build instead a matrix orthogonal to span(U) on the left
        DMatrixRMaj full = Orthogonal.haar(8, Rng.stream(1, "u"));
        DMatrixRMaj w = Subspaces.orthonormalColumns(8, 1e-10, u, full);
        DMatrixRMaj perp = Subspaces.leadingColumns(new DMatrixRMaj(w), 8);
        for (int i = 0; i < 8; i++) {
            for (int j = 0; j < 6; j++) {
                outside.set(i, j, perp.get(i, 7) * v.get(j, 0));
            }
        }
        assertEquals(0.0, InvariantSubspace2Layer.energyFraction(outside, big, la), 1e-14);
        assertEquals(
                3,
                InvariantSubspace2Layer.movedSingularValues(
                        new double[] {1, 1, 1, 1}, new double[] {2, 1.02, 1.005, 0.5}, 0.01));
    }
}
