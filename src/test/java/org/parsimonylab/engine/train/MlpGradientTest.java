package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.Initializer;

/** Finite-difference checks of {@link MlpModel} gradients for every activation and loss (docs/science.md §3.2). */
class MlpGradientTest {
    private final LinAlg la = new EjmlLinAlg();

    private static DMatrixRMaj[] weights(int[] sizes, long seed) {
        DMatrixRMaj[] w = new DMatrixRMaj[sizes.length - 1];
        for (int l = 0; l < w.length; l++) {
            w[l] = Initializer.weight(InitKind.GAUSSIAN, sizes[l + 1], sizes[l], 1.5, Rng.stream(seed, "w" + l));
        }
        return w;
    }

    private static DMatrixRMaj[] randomBiases(DMatrixRMaj[] w, long seed) {
        RandomGenerator rng = Rng.stream(seed, "b");
        DMatrixRMaj[] b = MlpModel.zeroBiases(w);
        for (DMatrixRMaj bl : b) {
            for (int i = 0; i < bl.data.length; i++) {
                bl.data[i] = 0.3 * rng.nextGaussian();
            }
        }
        return b;
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void everyActivationAndLossWithAndWithoutBias(Activation phi) {
        int[] sizes = {5, 7, 6, 3};
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.HALF_SUM, LossKind.CROSS_ENTROPY}) {
            Dataset data = GradientCheck.smallData(5, 3, 8, loss == LossKind.CROSS_ENTROPY, 1);
            for (boolean bias : new boolean[] {false, true}) {
                DMatrixRMaj[] w = weights(sizes, 2);
                DMatrixRMaj[] b = bias ? randomBiases(w, 3) : null;
                MlpModel model = new MlpModel(w, b, phi, data, loss, 1.0, true, 0, 0, la);
                GradientCheck.check(model, phi.label() + "/" + loss.label() + "/bias=" + bias);
            }
        }
    }

    @Test
    void frozenLastLayerIsNeitherDifferentiatedNorUpdated() {
        Dataset data = GradientCheck.smallData(5, 3, 8, false, 1);
        DMatrixRMaj[] w = weights(new int[] {5, 6, 3}, 4);
        DMatrixRMaj[] b = randomBiases(w, 5);
        MlpModel model = new MlpModel(w, b, Activation.TANH, data, LossKind.HALF_SUM, 1.0, false, 0, 0, la);
        assertArrayEquals(new double[] {1, 0, 1, 0}, model.learningRateScales());
        GradientCheck.check(model, "trainLast=false");
        DMatrixRMaj lastBefore = w[1].copy();
        Trainer trainer = new Trainer(model, TrainingSpec.defaults());
        trainer.evaluate();
        trainer.update();
        assertArrayEquals(lastBefore.data, w[1].data, 0.0);
    }

    @Test
    void miniBatchGradientIsTheGradientOnTheBatchSamples() {
        int n = 10;
        int batch = 4;
        Dataset data = GradientCheck.smallData(5, 3, n, true, 7);
        DMatrixRMaj[] w = weights(new int[] {5, 6, 6, 3}, 8);
        DMatrixRMaj[] b = randomBiases(w, 9);
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.CROSS_ENTROPY}) {
            MlpModel batched = new MlpModel(w, b, Activation.GELU, data, loss, 1.0, true, batch, 11, la);
            double batchLoss = batched.evaluate(true);
            int[] order = batched.sampleOrder();
            int[] first = java.util.Arrays.copyOf(order, batch);
            Dataset subset = columns(data, first);
            DMatrixRMaj[] w2 = copy(w);
            DMatrixRMaj[] b2 = copy(b);
            MlpModel full = new MlpModel(w2, b2, Activation.GELU, subset, loss, 1.0, true, 0, 0, la);
            assertEquals(full.evaluate(true), batchLoss, 1e-14);
            for (int p = 0; p < w.length * 2; p++) {
                assertArrayEquals(full.gradients()[p].data, batched.gradients()[p].data, 1e-13, loss + " param " + p);
            }
            GradientCheck.check(full, "batch subset " + loss.label());
            // evaluate(false) is the loss on all N samples, not on a batch
            MlpModel all = new MlpModel(copy(w), copy(b), Activation.GELU, data, loss, 1.0, true, 0, 0, la);
            assertEquals(all.evaluate(false), batched.evaluate(false), 1e-13);
        }
    }

    @Test
    void anEpochVisitsEverySampleOnceAndTheNextEpochReshuffles() {
        int n = 10;
        Dataset data = GradientCheck.smallData(4, 2, n, true, 3);
        DMatrixRMaj[] w = weights(new int[] {4, 5, 2}, 3);
        MlpModel model = new MlpModel(w, null, Activation.RELU, data, LossKind.CROSS_ENTROPY, 1, true, 4, 5, la);
        model.evaluate(true);
        int[] firstEpoch = model.sampleOrder();
        int[] sorted = firstEpoch.clone();
        java.util.Arrays.sort(sorted);
        for (int i = 0; i < n; i++) {
            assertEquals(i, sorted[i]);
        }
        model.evaluate(true);
        model.evaluate(true); // 4 + 4 + 2 samples: the epoch is complete
        assertEquals(1, model.epochs());
        model.evaluate(true);
        assertNotEquals(java.util.Arrays.toString(firstEpoch), java.util.Arrays.toString(model.sampleOrder()));
    }

    @Test
    void predictMatchesTheTrainingForwardPass() {
        Dataset data = GradientCheck.smallData(5, 3, 8, false, 1);
        DMatrixRMaj[] w = weights(new int[] {5, 6, 3}, 4);
        MlpModel model =
                new MlpModel(w, randomBiases(w, 2), Activation.SILU, data, LossKind.HALF_SUM, 1, true, 0, 0, la);
        double loss = model.evaluate(false);
        DMatrixRMaj out = model.predict(data.x());
        double sum = 0;
        for (int i = 0; i < out.data.length; i++) {
            double r = out.data[i] - data.y().data[i];
            sum += r * r;
        }
        assertEquals(loss, 0.5 * sum, 1e-12);
        assertNull(data.xTest());
    }

    static DMatrixRMaj[] copy(DMatrixRMaj[] m) {
        if (m == null) {
            return null;
        }
        DMatrixRMaj[] out = new DMatrixRMaj[m.length];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].copy();
        }
        return out;
    }

    private static Dataset columns(Dataset data, int[] idx) {
        DMatrixRMaj x = new DMatrixRMaj(data.x().numRows, idx.length);
        DMatrixRMaj y = new DMatrixRMaj(data.y().numRows, idx.length);
        int[] labels = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            for (int i = 0; i < x.numRows; i++) {
                x.set(i, j, data.x().get(i, idx[j]));
            }
            for (int i = 0; i < y.numRows; i++) {
                y.set(i, j, data.y().get(i, idx[j]));
            }
            labels[j] = data.labels()[idx[j]];
        }
        return new Dataset(DataSpec.defaults(), x, x.numRows, y, null, labels, null);
    }

    @Test
    void oneHotHelperAndGaussianInputsAreDeterministic() {
        DMatrixRMaj a = Orthogonal.gaussian(3, 3, Rng.stream(1, "x"));
        DMatrixRMaj b = Orthogonal.gaussian(3, 3, Rng.stream(1, "x"));
        assertArrayEquals(a.data, b.data, 0.0);
        assertEquals(1.0, DataGenerator.oneHot(new int[] {2, 0}, 3).get(2, 0));
    }
}
