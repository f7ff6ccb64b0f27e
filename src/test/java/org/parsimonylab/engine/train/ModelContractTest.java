package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
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
 * The contract every model built by {@link ModelFactory} keeps (issue 13 item 5): gradients equal central differences,
 * evaluating has no side effect on the parameters, one learning-rate scale per parameter, the loss normalised by the
 * one {@link LossKind#scale}, no allocation per training step, and an identity-activation MLP without bias is the deep
 * linear network to 1e-12.
 */
class ModelContractTest {
    private static final LinAlg LA = new EjmlLinAlg();

    static NetworkSpec net(NetworkKind kind, Activation act, boolean bias, CompressionKind compression) {
        return new NetworkSpec(
                kind,
                3,
                6,
                act,
                bias,
                new InitSpec(InitKind.ORTHOGONAL, 0.8),
                true,
                new CompressionSpec(compression, 2));
    }

    static TrainingSpec training(LossKind loss, int batch) {
        return new TrainingSpec(OptimizerKind.GD, 0.05, 0.9, loss, 1.0, 10, 0.0, 1, batch, GradientForm.AUTO);
    }

    static Stream<Arguments> models() {
        List<Arguments> out = new ArrayList<>();
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.HALF_SUM, LossKind.CROSS_ENTROPY}) {
            out.add(Arguments.of(
                    "linear", net(NetworkKind.LINEAR, Activation.IDENTITY, false, CompressionKind.NONE), loss));
            out.add(Arguments.of("mlp-gelu", net(NetworkKind.MLP, Activation.GELU, false, CompressionKind.NONE), loss));
            out.add(Arguments.of(
                    "mlp-tanh-bias", net(NetworkKind.MLP, Activation.TANH, true, CompressionKind.NONE), loss));
            out.add(Arguments.of(
                    "lowrank", net(NetworkKind.MLP, Activation.GELU, false, CompressionKind.LOWRANK), loss));
            out.add(Arguments.of(
                    "lowrank-random",
                    net(NetworkKind.MLP, Activation.SILU, true, CompressionKind.LOWRANK_RANDOM),
                    loss));
        }
        return out.stream();
    }

    private static Dataset data(LossKind loss) {
        return GradientCheck.smallData(6, 6, 9, loss == LossKind.CROSS_ENTROPY, 4);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("models")
    void gradientsMatchCentralDifferences(String name, NetworkSpec network, LossKind loss) {
        Model m = ModelFactory.build(network, training(loss, 0), data(loss), 5, LA);
        GradientCheck.check(m, name + "/" + loss.label());
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("models")
    void evaluatingChangesNoParameterAndScalesMatchParameters(String name, NetworkSpec network, LossKind loss) {
        Model m = ModelFactory.build(network, training(loss, 0), data(loss), 5, LA);
        DMatrixRMaj[] before = copies(m.parameters());
        double first = m.evaluate(true);
        double second = m.evaluate(false);
        assertEquals(first, second, 0.0, name + ": loss with and without gradient");
        for (int p = 0; p < before.length; p++) {
            assertArrayEquals(before[p].data, m.parameters()[p].data, 0.0, name + ": parameter " + p);
        }
        assertEquals(m.parameters().length, m.learningRateScales().length, name);
        assertEquals(m.parameters().length, m.gradients().length, name);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("models")
    void trainingStepsAllocateNothing(String name, NetworkSpec network, LossKind loss) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        // the deep linear network trains full batch only; the MLPs also with mini-batches
        int batch = network.kind() == NetworkKind.MLP ? 4 : 0;
        TrainingSpec spec =
                new TrainingSpec(OptimizerKind.GD, 0.05, 0.9, loss, 1.0, 1_000_000, 0.0, 1, batch, GradientForm.AUTO);
        Trainer trainer = new Trainer(ModelFactory.build(network, spec, data(loss), 5, LA), spec);
        for (int i = 0; i < 500; i++) {
            trainer.evaluate();
            trainer.update();
        }
        long tid = Thread.currentThread().getId();
        // steady state: the first cases of a fresh JVM still run code the JIT has not compiled (escape analysis), so
        // the lowest of a few rounds counts
        long perStep = Long.MAX_VALUE;
        for (int round = 0; round < 5 && perStep >= 16; round++) {
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 2000; i++) {
                trainer.evaluate();
                trainer.update();
            }
            perStep = Math.min(perStep, (mx.getThreadAllocatedBytes(tid) - before) / 2000);
        }
        assertTrue(perStep < 16, name + "/" + loss.label() + ": " + perStep + " bytes/step");
    }

    @Test
    void identityMlpWithoutBiasIsTheDeepLinearNetwork() {
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.HALF_SUM, LossKind.CROSS_ENTROPY}) {
            Dataset data = data(loss);
            TrainingSpec spec = training(loss, 0);
            Model dln = ModelFactory.build(
                    net(NetworkKind.LINEAR, Activation.IDENTITY, false, CompressionKind.NONE), spec, data, 5, LA);
            Model mlp = ModelFactory.build(
                    net(NetworkKind.MLP, Activation.IDENTITY, false, CompressionKind.NONE), spec, data, 5, LA);
            assertArrayEquals(dln.learningRateScales(), mlp.learningRateScales(), 0.0);
            Trainer a = new Trainer(dln, spec);
            Trainer b = new Trainer(mlp, spec);
            for (int t = 0; t < 20; t++) {
                double la = a.evaluate();
                double lb = b.evaluate();
                assertEquals(la, lb, 1e-12 * Math.max(1, Math.abs(la)), loss.label() + " loss at step " + t);
                a.update();
                b.update();
            }
            DMatrixRMaj[] wa = dln.layerWeights();
            DMatrixRMaj[] wb = mlp.layerWeights();
            assertEquals(wa.length, wb.length);
            for (int l = 0; l < wa.length; l++) {
                assertArrayEquals(wa[l].data, wb[l].data, 1e-12, loss.label() + " W" + (l + 1) + " after 20 steps");
            }
        }
    }

    @Test
    void theOneLossScaleIsEveryModelsNormalisation() {
        assertEquals(1.0 / 60, LossKind.HALF_MEAN.scale(6, 10, 60), 0.0);
        assertEquals(1.0, LossKind.HALF_SUM.scale(6, 10, 60), 0.0);
        assertEquals(1.0 / 17, LossKind.HALF_MEAN_OBSERVED.scale(6, 10, 17), 0.0);
        assertEquals(1.0 / 10, LossKind.CROSS_ENTROPY.scale(6, 10, 60), 0.0);
        Dataset data = data(LossKind.HALF_MEAN);
        assertEquals(1.0 / (6 * 9), ModelFactory.lossScale(LossKind.HALF_MEAN, data), 0.0);
        // ½·c·‖Y‖² at zero weights: the models' losses use the same c
        NetworkSpec zero = new NetworkSpec(
                NetworkKind.MLP,
                2,
                6,
                Activation.GELU,
                false,
                new InitSpec(InitKind.ORTHOGONAL, 1e-300),
                true,
                new CompressionSpec(CompressionKind.NONE, 2));
        for (LossKind loss : new LossKind[] {LossKind.HALF_MEAN, LossKind.HALF_SUM, LossKind.HALF_MEAN_OBSERVED}) {
            double sum = 0;
            for (double v : data.y().data) {
                sum += v * v;
            }
            double expected = 0.5 * ModelFactory.lossScale(loss, data) * sum;
            Model mlp = ModelFactory.build(zero, training(loss, 0), data, 5, LA);
            Model dln = ModelFactory.build(
                    new NetworkSpec(
                            NetworkKind.LINEAR,
                            2,
                            6,
                            Activation.IDENTITY,
                            false,
                            new InitSpec(InitKind.ORTHOGONAL, 1e-300),
                            true,
                            new CompressionSpec(CompressionKind.NONE, 2)),
                    training(loss, 0),
                    data,
                    5,
                    LA);
            assertEquals(expected, mlp.evaluate(false), 1e-12 * expected, "MLP " + loss.label());
            assertEquals(expected, dln.evaluate(false), 1e-12 * expected, "DLN " + loss.label());
        }
    }

    @Test
    void everyModelLaysOutTheLayerRatesTheSameWay() {
        Dataset data = data(LossKind.HALF_MEAN);
        TrainingSpec spec = new TrainingSpec(
                OptimizerKind.GD, 0.05, 0.9, LossKind.HALF_MEAN, 0.25, 10, 0.0, 1, 0, GradientForm.AUTO);
        for (boolean trainLast : new boolean[] {true, false}) {
            double last = trainLast ? 0.25 : 0.0;
            NetworkSpec linear = new NetworkSpec(
                    NetworkKind.LINEAR,
                    3,
                    6,
                    Activation.IDENTITY,
                    false,
                    new InitSpec(InitKind.ORTHOGONAL, 0.8),
                    trainLast,
                    new CompressionSpec(CompressionKind.NONE, 2));
            assertArrayEquals(
                    new double[] {0.25, 1.0, last},
                    ModelFactory.build(linear, spec, data, 5, LA).learningRateScales(),
                    0.0);
            NetworkSpec mlp = new NetworkSpec(
                    NetworkKind.MLP,
                    3,
                    6,
                    Activation.GELU,
                    true,
                    new InitSpec(InitKind.ORTHOGONAL, 0.8),
                    trainLast,
                    new CompressionSpec(CompressionKind.NONE, 2));
            // W1 W2 W3 b1 b2 b3
            assertArrayEquals(
                    new double[] {0.25, 1.0, last, 0.25, 1.0, last},
                    ModelFactory.build(mlp, spec, data, 5, LA).learningRateScales(),
                    0.0);
            NetworkSpec lowRank = new NetworkSpec(
                    NetworkKind.MLP,
                    3,
                    6,
                    Activation.GELU,
                    true,
                    new InitSpec(InitKind.ORTHOGONAL, 0.8),
                    trainLast,
                    new CompressionSpec(CompressionKind.LOWRANK, 2));
            // U1 S1 V1 U2 S2 V2 W3 b1 b2 b3
            assertArrayEquals(
                    new double[] {0.25, 0.25, 0.25, 1.0, 1.0, 1.0, last, 0.25, 1.0, last},
                    ModelFactory.build(lowRank, spec, data, 5, LA).learningRateScales(),
                    0.0);
        }
    }

    private static DMatrixRMaj[] copies(DMatrixRMaj[] ms) {
        DMatrixRMaj[] out = new DMatrixRMaj[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = ms[i].copy();
        }
        return out;
    }
}
