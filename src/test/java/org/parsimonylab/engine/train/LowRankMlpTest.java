package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/** The low-rank MLP of paper 2 §5 (reconstructed, docs/science.md §3.4): factor gradients and initialisation. */
class LowRankMlpTest {
    private final LinAlg la = new EjmlLinAlg();

    static NetworkSpec spec(CompressionKind kind, int rank, boolean bias, boolean trainLast, double eps) {
        return new NetworkSpec(
                NetworkKind.MLP,
                3,
                8,
                Activation.GELU,
                bias,
                new InitSpec(InitKind.ORTHOGONAL, eps),
                trainLast,
                new CompressionSpec(kind, rank));
    }

    static TrainingSpec training(LossKind loss, int batch) {
        return new TrainingSpec(OptimizerKind.GD, 0.1, 0.9, loss, 1.0, 10, 0.0, 1, batch, GradientForm.AUTO);
    }

    @Test
    void factorGradientsMatchCentralDifferences() {
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.HALF_SUM, LossKind.CROSS_ENTROPY}) {
            Dataset data = GradientCheck.smallData(6, 3, 9, loss == LossKind.CROSS_ENTROPY, 2);
            for (CompressionKind kind :
                    new CompressionKind[] {CompressionKind.LOWRANK, CompressionKind.LOWRANK_RANDOM}) {
                for (boolean bias : new boolean[] {false, true}) {
                    LowRankMlpModel model =
                            LowRankMlpModel.create(spec(kind, 4, bias, true, 1.0), training(loss, 0), data, 3, la);
                    GradientCheck.check(model, kind.label() + "/" + loss.label() + "/bias=" + bias);
                }
            }
        }
        Dataset data = GradientCheck.smallData(6, 3, 9, false, 2);
        LowRankMlpModel frozen = LowRankMlpModel.create(
                spec(CompressionKind.LOWRANK, 4, true, false, 1.0), training(LossKind.HALF_MEAN, 0), data, 3, la);
        GradientCheck.check(frozen, "lowrank trainLast=false");
    }

    @Test
    void bigSubspaceInitIsTheBlockOfTheFullInitAndRankK() {
        Dataset data = GradientCheck.smallData(6, 3, 9, true, 2);
        NetworkSpec net = spec(CompressionKind.LOWRANK, 4, false, true, 0.5);
        LowRankMlpModel model = LowRankMlpModel.create(net, training(LossKind.CROSS_ENTROPY, 0), data, 3, la);
        model.evaluate(false);
        DMatrixRMaj[] u = model.leftFactors();
        DMatrixRMaj[] v = model.rightFactors();
        for (int l = 0; l < u.length; l++) {
            DMatrixRMaj utu = new DMatrixRMaj(4, 4);
            CommonOps_DDRM.multTransA(u[l], u[l], utu);
            DMatrixRMaj vtv = new DMatrixRMaj(4, 4);
            CommonOps_DDRM.multTransA(v[l], v[l], vtv);
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    assertEquals(i == j ? 1.0 : 0.0, utu.get(i, j), 1e-12);
                    assertEquals(i == j ? 1.0 : 0.0, vtv.get(i, j), 1e-12);
                }
            }
            double[] s = la.singularValues(model.denseView().weights()[l]);
            assertEquals(0.0, s[4], 1e-12, "rank of W" + (l + 1));
        }
        // propagation: the input basis of layer 2 is the output basis of layer 1, and W2(0) maps it to U2 with S2 = εI
        assertArrayEquals(u[0].data, v[1].data, 0.0);
        DMatrixRMaj s2 = model.coreFactors()[1];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 0.5 : 0.0, Math.abs(s2.get(i, j)), 1e-12);
            }
        }
    }

    @Test
    void rankAboveTheLayerSizeIsAnError() {
        Dataset data = GradientCheck.smallData(6, 3, 9, true, 2);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> LowRankMlpModel.create(
                        spec(CompressionKind.LOWRANK, 7, false, true, 1),
                        training(LossKind.HALF_MEAN, 0),
                        data,
                        3,
                        la));
        assertEquals("compression.rank must be in [1, 6] for W1 of shape 8x6 (got 7)", e.getMessage());
    }

    @Test
    void basisFillFollowsThePresetSeed() {
        // W2(0) = 0 maps V_2 = U_1 to nothing, so U_2 comes entirely from the fill stream: it must follow the seed
        Dataset data = GradientCheck.smallData(6, 3, 9, true, 2);
        NetworkSpec net = spec(CompressionKind.LOWRANK, 4, false, true, 1.0);
        DMatrixRMaj[] w0 = org.parsimonylab.engine.net.Initializer.weights(net, 6, 3, 3);
        w0[1].zero();
        DMatrixRMaj[][] a = LowRankMlpModel.bigSubspaceBases(w0, net, data, LossKind.CROSS_ENTROPY, 4, 1, la);
        DMatrixRMaj[][] again = LowRankMlpModel.bigSubspaceBases(w0, net, data, LossKind.CROSS_ENTROPY, 4, 1, la);
        DMatrixRMaj[][] b = LowRankMlpModel.bigSubspaceBases(w0, net, data, LossKind.CROSS_ENTROPY, 4, 2, la);
        assertArrayEquals(a[0][1].data, again[0][1].data, 0.0, "same seed, same fill");
        assertArrayEquals(a[0][0].data, b[0][0].data, 0.0, "layer 1 comes from W1(0) and G1(0) alone");
        double diff = 0;
        for (int i = 0; i < a[0][1].data.length; i++) {
            diff = Math.max(diff, Math.abs(a[0][1].data[i] - b[0][1].data[i]));
        }
        org.junit.jupiter.api.Assertions.assertTrue(diff > 1e-3, "seeds 1 and 2 give the same U2: " + diff);
    }

    @Test
    void randomBasesFollowTheTrialSeedOffset() {
        // each trial (network.init.seedOffset) of lowrank-random draws its own bases; offset 0 keeps the experiment's
        Dataset data = GradientCheck.smallData(6, 3, 9, true, 2);
        NetworkSpec net = spec(CompressionKind.LOWRANK_RANDOM, 3, false, true, 1.0);
        TrainingSpec t = training(LossKind.CROSS_ENTROPY, 0);
        LowRankMlpModel a = LowRankMlpModel.create(net, t, data, 5, la);
        LowRankMlpModel again = LowRankMlpModel.create(net, t, data, 5, la);
        LowRankMlpModel trial1 = LowRankMlpModel.create(net.withInit(net.init().withSeedOffset(1)), t, data, 5, la);
        LowRankMlpModel trial2 = LowRankMlpModel.create(net.withInit(net.init().withSeedOffset(2)), t, data, 5, la);
        for (int l = 0; l < 2; l++) {
            assertArrayEquals(a.leftFactors()[l].data, again.leftFactors()[l].data, 0.0, "same trial, same U");
            assertArrayEquals(a.rightFactors()[l].data, again.rightFactors()[l].data, 0.0, "same trial, same V");
            for (LowRankMlpModel other : new LowRankMlpModel[] {trial1, trial2}) {
                org.junit.jupiter.api.Assertions.assertTrue(
                        maxDiff(a.rightFactors()[l], other.rightFactors()[l]) > 1e-3, "V" + (l + 1) + " repeats");
                org.junit.jupiter.api.Assertions.assertTrue(
                        maxDiff(a.leftFactors()[l], other.leftFactors()[l]) > 1e-3, "U" + (l + 1) + " repeats");
            }
            org.junit.jupiter.api.Assertions.assertTrue(
                    maxDiff(trial1.rightFactors()[l], trial2.rightFactors()[l]) > 1e-3, "trials 1 and 2 share V");
        }
    }

    private static double maxDiff(DMatrixRMaj x, DMatrixRMaj y) {
        double diff = 0;
        for (int i = 0; i < x.data.length; i++) {
            diff = Math.max(diff, Math.abs(x.data[i] - y.data[i]));
        }
        return diff;
    }
}
