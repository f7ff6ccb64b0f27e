package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkSpec;

/** Reproduction target T1 of docs/science.md §5: the law of parsimony on E1 (d=30, r=3, L=3, ε=1, η=1, 50 steps). */
class LawOfParsimonyTest {

    @Test
    void t1MiddleSingularValuesFollowRhoRecursion() {
        LinAlg la = new EjmlLinAlg();
        DataSpec data = DataSpec.defaults();
        Dataset ds = DataGenerator.generate(data, 0, la);
        NetworkSpec net = NetworkSpec.defaults();
        DMatrixRMaj[] w = Initializer.weights(net, 30, 30, 0);
        DeepLinearModel model = new DeepLinearModel(w, ds, LossKind.HALF_MEAN, GradientForm.AUTO, 1.0, true, la);
        Trainer trainer = new Trainer(model, TrainingSpec.defaults());
        double rho = 1.0;
        for (int t = 0; t < 50; t++) {
            trainer.evaluate();
            trainer.update();
            rho = rho - (1.0 / 900.0) * Math.pow(rho, 5);
            for (DMatrixRMaj layer : w) {
                double[] s = la.singularValues(layer);
                for (int i = 3; i < 27; i++) {
                    assertEquals(rho, s[i], 1e-9, "layer middle value " + i + " at step " + (t + 1));
                }
            }
        }
        assertEquals(0.9509611, rho, 1e-7);
        assertTrue(la.singularValues(w[0])[0] > 1.2);
    }
}
