package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/**
 * Paper 2 §5 on the UCI digits (docs/science.md §3.4, reconstructed): the rank-20 MLP initialised inside S_big matches the
 * full MLP's test accuracy within 2 points and is far above the same MLP initialised in a random subspace. Setup: a
 * 3-layer GELU MLP of width 64, orthogonal init ε = 1, cross-entropy, full-batch GD with η = 0.2 for 300 steps, 30 %
 * of each class held out, seed 0 (presets/lowrank-mlp-digits.json).
 */
class LowRankDigitsTest {

    static final int STEPS = 300;

    static Map<CompressionKind, Double> testAccuracies(long seed) {
        LinAlg la = LinAlgs.create();
        DataSpec spec = new DataSpec(
                DataKind.DIGITS,
                64,
                10,
                0,
                300,
                10,
                10,
                0.2,
                false,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP,
                DataSpec.DEFAULT_FILE,
                "",
                0.3,
                0.1);
        Dataset data = DataGenerator.generate(spec, seed, la, Path.of("presets"));
        TrainingSpec training = new TrainingSpec(
                OptimizerKind.GD, 0.2, 0.9, LossKind.CROSS_ENTROPY, 1.0, STEPS, 0.0, 1, 0, GradientForm.AUTO);
        Map<CompressionKind, Double> acc = new EnumMap<>(CompressionKind.class);
        for (CompressionKind kind :
                new CompressionKind[] {CompressionKind.NONE, CompressionKind.LOWRANK, CompressionKind.LOWRANK_RANDOM}) {
            NetworkSpec net = new NetworkSpec(
                    NetworkKind.MLP,
                    3,
                    64,
                    Activation.GELU,
                    false,
                    new InitSpec(InitKind.ORTHOGONAL, 1.0),
                    true,
                    new CompressionSpec(kind, 20));
            Model model = kind == CompressionKind.NONE
                    ? MlpModel.create(net, training, data, seed, la)
                    : LowRankMlpModel.create(net, training, data, seed, la);
            Trainer trainer = new Trainer(model, training);
            for (int t = 0; t < STEPS; t++) {
                trainer.evaluate();
                trainer.update();
            }
            var out = model instanceof MlpModel m
                    ? m.predict(data.xTest())
                    : ((LowRankMlpModel) model).predict(data.xTest());
            acc.put(kind, Accuracy.of(out, data.labelsTest()));
        }
        return acc;
    }

    @Test
    void sBigInitMatchesFullAndBeatsRandomSubspaceOnDigits() {
        Map<CompressionKind, Double> acc = testAccuracies(0);
        double full = acc.get(CompressionKind.NONE);
        double big = acc.get(CompressionKind.LOWRANK);
        double random = acc.get(CompressionKind.LOWRANK_RANDOM);
        assertTrue(full > 0.95, "full MLP learns digits: " + acc);
        assertTrue(Math.abs(full - big) <= 0.02, "S_big within 2 points of full: " + acc);
        assertTrue(big - random >= 0.10, "S_big clearly above the random subspace: " + acc);
    }
}
