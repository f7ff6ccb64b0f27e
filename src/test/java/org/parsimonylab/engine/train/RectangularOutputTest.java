package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.parsimonylab.engine.net.Activation;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.CompressionSpec;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.InitSpec;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/** Target T6 of docs/science.md §5: with W_L of shape K×d the complement singular values stay exactly ε. */
class RectangularOutputTest {

    @Test
    void t6ComplementSingularValuesOfInnerLayersStayAtEpsilon() {
        LinAlg la = new EjmlLinAlg();
        int d = 30;
        int k = 3;
        DataSpec spec = new DataSpec(
                DataKind.FACTORIZATION,
                d,
                k,
                k,
                300,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        Dataset data = DataGenerator.generate(spec, 4, la);
        NetworkSpec net = new NetworkSpec(
                NetworkKind.LINEAR,
                3,
                d,
                Activation.IDENTITY,
                false,
                new InitSpec(InitKind.ORTHOGONAL, 1.0),
                true,
                new CompressionSpec(CompressionKind.NONE, 3));
        DMatrixRMaj[] w = Initializer.weights(net, d, k, 4);
        Trainer trainer = new Trainer(
                new DeepLinearModel(w, data, LossKind.HALF_MEAN, GradientForm.AUTO, 1.0, true, la),
                TrainingSpec.defaults().withSteps(200));
        trainer.run();
        assertEquals(200, trainer.step());
        for (int l = 0; l < 2; l++) {
            double[] s = la.singularValues(w[l]);
            for (int i = k; i < d - k; i++) {
                assertEquals(1.0, s[i], 1e-12, "W" + (l + 1) + " σ_" + i);
            }
            assertEquals(true, Math.abs(s[0] - 1.0) > 1e-3, "the top block of W" + (l + 1) + " moved");
        }
    }
}
