package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/** Same seed, same numbers, bit for bit (DESIGN.md §4), for the mini-batch MLP and the low-rank MLP. */
class MlpDeterminismTest {

    /** 300 samples of 4 Gaussian class clusters in 12 dimensions (the MLP tests' small data set). */
    static DataSpec clusters() {
        return new DataSpec(
                DataKind.CLASS_CLUSTERS,
                12,
                12,
                3,
                300,
                4,
                30,
                0.2,
                false,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP,
                "",
                "",
                0.25,
                0.3);
    }

    private static double[] curve(long seed, CompressionKind compression) {
        LinAlg la = new EjmlLinAlg();
        DataSpec data = clusters();
        Dataset ds = DataGenerator.generate(data, seed, la);
        NetworkSpec net = new NetworkSpec(
                NetworkKind.MLP,
                3,
                16,
                Activation.SILU,
                true,
                new InitSpec(InitKind.ORTHOGONAL, 0.5),
                true,
                new CompressionSpec(compression, 4));
        TrainingSpec training = new TrainingSpec(
                OptimizerKind.ADAM, 0.01, 0.9, LossKind.CROSS_ENTROPY, 1.0, 60, 0, 1, 16, GradientForm.AUTO);
        Model model = compression == CompressionKind.NONE
                ? MlpModel.create(net, training, ds, seed, la)
                : LowRankMlpModel.create(net, training, ds, seed, la);
        Trainer trainer = new Trainer(model, training);
        double[] losses = new double[60];
        for (int t = 0; t < 60; t++) {
            losses[t] = trainer.evaluate();
            trainer.update();
        }
        return losses;
    }

    @Test
    void twoRunsGiveIdenticalLossCurvesAndAnotherSeedDoesNot() {
        for (CompressionKind c : new CompressionKind[] {CompressionKind.NONE, CompressionKind.LOWRANK}) {
            double[] a = curve(5, c);
            double[] b = curve(5, c);
            assertArrayEquals(a, b, 0.0, c.label());
            assertFalse(Arrays.equals(a, curve(6, c)), c.label());
            assertTrue(a[59] < a[0], c.label() + " trains: " + a[0] + " -> " + a[59]);
        }
    }
}
