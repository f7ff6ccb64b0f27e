package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataSpec;
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

/**
 * The mini-batch gather from the sample-major copy of X and Y trains the same numbers, bit for bit, as the column
 * gather from X and Y themselves (partial last batch, reshuffles, biases and the full-data loss included).
 */
class MlpGatherTest {

    private static MlpModel model(Dataset ds, NetworkSpec net, TrainingSpec training, LinAlg la, boolean byColumn) {
        MlpModel m = MlpModel.create(net, training, ds, 3, la);
        if (byColumn) {
            m.gatherByColumn();
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void sampleMajorGatherTrainsTheSameBitsAsTheColumnGather(boolean bias) {
        LinAlg la = new EjmlLinAlg();
        DataSpec data = MlpDeterminismTest.clusters();
        Dataset ds = DataGenerator.generate(data, 3, la);
        NetworkSpec net = new NetworkSpec(
                NetworkKind.MLP,
                3,
                16,
                Activation.GELU,
                bias,
                new InitSpec(InitKind.ORTHOGONAL, 1.0),
                true,
                new CompressionSpec(CompressionKind.NONE, 4));
        // batches of 16 that do not divide N (a short last batch), 60 steps crossing several reshuffles
        TrainingSpec training = new TrainingSpec(
                OptimizerKind.GD, 0.05, 0.9, LossKind.CROSS_ENTROPY, 1.0, 60, 0, 1, 16, GradientForm.AUTO);
        MlpModel fast = model(ds, net, training, la, false);
        MlpModel slow = model(ds, net, training, la, true);
        assertTrue(fast.gathersBySample(), "a small data set gets the sample-major copy");
        assertFalse(slow.gathersBySample());
        Trainer a = new Trainer(fast, training);
        Trainer b = new Trainer(slow, training);
        double[] lossA = new double[60];
        double[] lossB = new double[60];
        for (int t = 0; t < 60; t++) {
            lossA[t] = a.evaluate();
            lossB[t] = b.evaluate();
            a.update();
            b.update();
        }
        assertArrayEquals(lossB, lossA, 0.0);
        assertTrue(lossA[59] < lossA[0], "trains: " + lossA[0] + " -> " + lossA[59]);
        assertTrue(ds.sampleCount() % 16 != 0 && fast.epochs() >= 3, ds.sampleCount() + " samples");
        assertEquals(slow.epochs(), fast.epochs());
        DMatrixRMaj[] pa = fast.parameters();
        DMatrixRMaj[] pb = slow.parameters();
        assertEquals(bias ? 6 : 3, pa.length);
        for (int i = 0; i < pa.length; i++) {
            assertArrayEquals(pb[i].data, pa[i].data, 0.0, "parameter " + i);
        }
        assertEquals(slow.evaluate(false), fast.evaluate(false), 0.0, "loss on all samples");
    }
}
