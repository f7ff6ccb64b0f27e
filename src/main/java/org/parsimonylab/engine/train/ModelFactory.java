package org.parsimonylab.engine.train;

import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkSpec;

/** Builds the model a network spec describes, initialised from the experiment's seed (papers.md §1.3). */
public final class ModelFactory {
    private ModelFactory() {}

    /**
     * The model of {@code network} trained with {@code training} on {@code data}; every variant with the same layer
     * shapes gets the same initial weights for the same seed.
     */
    public static Model build(NetworkSpec network, TrainingSpec training, Dataset data, long seed, LinAlg linAlg) {
        return switch (network.kind()) {
            case LINEAR -> {
                DMatrixRMaj[] w = Initializer.weights(network, data.inputDim(), data.outputDim(), seed);
                yield new DeepLinearModel(
                        w,
                        data,
                        training.loss(),
                        training.gradientForm(),
                        training.outerLearningRateScale(),
                        network.trainLast(),
                        linAlg);
            }
            case MLP -> switch (network.compression().kind()) {
                case LOWRANK, LOWRANK_RANDOM -> LowRankMlpModel.create(network, training, data, seed, linAlg);
                default -> MlpModel.create(network, training, data, seed, linAlg);
            };
        };
    }
}
