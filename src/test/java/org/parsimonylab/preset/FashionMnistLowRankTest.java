package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.IdxFiles;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.train.Accuracy;
import org.parsimonylab.engine.train.LowRankMlpModel;
import org.parsimonylab.engine.train.MlpModel;
import org.parsimonylab.engine.train.Model;
import org.parsimonylab.engine.train.ModelFactory;
import org.parsimonylab.engine.train.Trainer;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/**
 * Paper 2 §5 on Fashion-MNIST at reduced size (docs/science.md §3.4): the shipped preset
 * presets/p2-fashion-mnist-lowrank.json with fewer training images, test images and steps (the same overrides as
 * {@code run --set}); the rank-2K MLP initialised in S_big ends within a few points of the full MLP's test accuracy,
 * the one initialised in a random subspace far below. Skipped with the reason when Fashion-MNIST is not installed.
 */
class FashionMnistLowRankTest {
    static final List<String> REDUCED =
            List.of("data.samples=2000", "data.testSamples=2000", "training.steps=300", "network.width=64");

    @Test
    void sBigMatchesFullAndRandomSubspaceLagsOnFashionMnist() {
        Path folder = Path.of(IdxFiles.DEBIAN_FASHION_MNIST);
        assumeTrue(
                Files.exists(folder.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed in " + folder + " (" + IdxFiles.INSTALL_HINT + ")");
        Preset preset = PresetLoader.loadShipped("p2-fashion-mnist-lowrank.json", REDUCED);
        ExperimentSpec experiment = preset.toExperiment();
        LinAlg la = LinAlgs.create();
        Dataset data = DataGenerator.generate(experiment.data(), experiment.seed(), la);
        assertEquals(2000, data.sampleCount());
        Map<String, Double> acc = new LinkedHashMap<>();
        for (VariantSpec v : experiment.variants()) {
            Model model = ModelFactory.build(v.network(), v.training(), data, experiment.seed(), la);
            Trainer trainer = new Trainer(model, v.training());
            for (long t = 0; t < v.training().steps(); t++) {
                trainer.evaluate();
                trainer.update();
            }
            DMatrixRMaj out = model instanceof MlpModel m
                    ? m.predict(data.xTest())
                    : ((LowRankMlpModel) model).predict(data.xTest());
            acc.put(v.name(), Accuracy.of(out, data.labelsTest()));
        }
        assertEquals(List.of("full", "lowrank-sbig", "lowrank-random"), List.copyOf(acc.keySet()));
        double full = acc.get("full");
        double big = acc.get("lowrank-sbig");
        double random = acc.get("lowrank-random");
        assertTrue(full > 0.7, "the full MLP learns Fashion-MNIST: " + acc);
        assertTrue(Math.abs(full - big) <= 0.03, "S_big within 3 points of full: " + acc);
        assertTrue(big - random >= 0.2, "S_big clearly above the random subspace: " + acc);
    }
}
