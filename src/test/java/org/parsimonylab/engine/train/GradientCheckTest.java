package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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

/** Finite-difference checks of every loss and data path, and the moment form against back-propagation. */
class GradientCheckTest {
    private static final LinAlg LA = new EjmlLinAlg();

    static DataSpec spec(DataKind kind, boolean whiten, int samples) {
        return new DataSpec(
                kind,
                6,
                4,
                2,
                samples,
                3,
                3,
                0.5,
                whiten,
                0.7,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
    }

    static DMatrixRMaj[] weights(int depth, int in, int width, int out, long seed) {
        DMatrixRMaj[] w = new DMatrixRMaj[depth];
        for (int l = 0; l < depth; l++) {
            int rows = l == depth - 1 ? out : width;
            int cols = l == 0 ? in : width;
            w[l] = Orthogonal.gaussian(rows, cols, Rng.stream(seed, "w" + l));
            for (int i = 0; i < w[l].data.length; i++) {
                w[l].data[i] *= 0.6;
            }
        }
        return w;
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(DataKind.FACTORIZATION, LossKind.HALF_MEAN, 3),
                Arguments.of(DataKind.FACTORIZATION, LossKind.HALF_SUM, 1),
                Arguments.of(DataKind.COMPLETION, LossKind.HALF_MEAN, 3),
                Arguments.of(DataKind.COMPLETION, LossKind.HALF_MEAN_OBSERVED, 2),
                Arguments.of(DataKind.REGRESSION, LossKind.HALF_MEAN, 3),
                Arguments.of(DataKind.REGRESSION, LossKind.HALF_SUM, 4),
                Arguments.of(DataKind.CLASSIFICATION, LossKind.CROSS_ENTROPY, 3),
                Arguments.of(DataKind.CLASSIFICATION, LossKind.HALF_MEAN, 2));
    }

    @ParameterizedTest(name = "{0} {1} depth {2}")
    @MethodSource("cases")
    void analyticGradientMatchesCentralDifferences(DataKind kind, LossKind loss, int depth) {
        Dataset data = DataGenerator.generate(spec(kind, false, 9), 11, LA);
        DMatrixRMaj[] w = weights(depth, data.inputDim(), 5, data.outputDim(), 12);
        DeepLinearModel model = new DeepLinearModel(w, data, loss, GradientForm.PER_SAMPLE, 1.0, true, LA);
        model.evaluate(true);
        double h = 1e-6;
        for (int l = 0; l < depth; l++) {
            DMatrixRMaj g = model.gradients()[l].copy();
            double maxErr = 0;
            double maxGrad = 0;
            for (int i = 0; i < w[l].data.length; i++) {
                double orig = w[l].data[i];
                w[l].data[i] = orig + h;
                double plus = model.evaluate(false);
                w[l].data[i] = orig - h;
                double minus = model.evaluate(false);
                w[l].data[i] = orig;
                double fd = (plus - minus) / (2 * h);
                maxErr = Math.max(maxErr, Math.abs(fd - g.data[i]));
                maxGrad = Math.max(maxGrad, Math.abs(g.data[i]));
            }
            assertTrue(maxGrad > 0, "gradient of layer " + (l + 1) + " is not zero");
            assertTrue(maxErr <= 1e-7 * Math.max(1.0, maxGrad), "layer " + (l + 1) + ": error " + maxErr);
        }
    }

    @Test
    void momentFormEqualsPerSampleGradientsTo1em12() {
        Dataset data = DataGenerator.generate(spec(DataKind.REGRESSION, false, 40), 13, LA);
        DMatrixRMaj[] w1 = weights(3, data.inputDim(), 5, data.outputDim(), 14);
        DMatrixRMaj[] w2 = new DMatrixRMaj[3];
        for (int l = 0; l < 3; l++) {
            w2[l] = w1[l].copy();
        }
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.HALF_SUM}) {
            DeepLinearModel perSample = new DeepLinearModel(w1, data, loss, GradientForm.PER_SAMPLE, 1.0, true, LA);
            DeepLinearModel moment = new DeepLinearModel(w2, data, loss, GradientForm.AUTO, 1.0, true, LA);
            assertEquals(GradientForm.MOMENT, moment.gradientForm());
            double a = perSample.evaluate(true);
            double b = moment.evaluate(true);
            assertEquals(a, b, 1e-12 * Math.abs(a));
            for (int l = 0; l < 3; l++) {
                double scale = 0;
                for (double v : perSample.gradients()[l].data) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < w1[l].data.length; i++) {
                    assertEquals(
                            perSample.gradients()[l].data[i],
                            moment.gradients()[l].data[i],
                            1e-12 * scale,
                            "layer " + l);
                }
            }
        }
    }

    @Test
    void momentFormIsNotUsedWhereItWouldBeWrong() {
        Dataset completion = DataGenerator.generate(spec(DataKind.COMPLETION, true, 9), 1, LA);
        DMatrixRMaj[] w = weights(2, 6, 5, 4, 2);
        assertEquals(
                GradientForm.PER_SAMPLE,
                new DeepLinearModel(w, completion, LossKind.HALF_MEAN, GradientForm.MOMENT, 1, true, LA)
                        .gradientForm());
        Dataset classes = DataGenerator.generate(spec(DataKind.CLASSIFICATION, false, 9), 1, LA);
        DMatrixRMaj[] wc = weights(2, 6, 5, 3, 2);
        assertEquals(
                GradientForm.PER_SAMPLE,
                new DeepLinearModel(wc, classes, LossKind.CROSS_ENTROPY, GradientForm.MOMENT, 1, true, LA)
                        .gradientForm());
    }
}
