package org.parsimonylab.engine.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.JavaBLAS;
import java.lang.management.ManagementFactory;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parsimonylab.engine.data.DataGenerator;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.data.TargetKind;
import org.parsimonylab.engine.data.TargetSpectrum;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.NetlibLinAlg;
import org.parsimonylab.engine.net.Initializer;
import org.parsimonylab.engine.net.NetworkSpec;

/** The hot loop allocates nothing per step once its workspaces exist (DESIGN.md §4), for every backend and form. */
class NoAllocationTest {

    static Stream<LinAlg> backends() {
        return Stream.of(new EjmlLinAlg(), new NetlibLinAlg(JavaBLAS.getInstance(), null), NetlibLinAlg.best());
    }

    @ParameterizedTest
    @MethodSource("backends")
    void trainingStepsAllocateNothing(LinAlg la) {
        Assumptions.assumeTrue(
                ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean,
                "needs per-thread allocation counters");
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DataSpec regression = new DataSpec(
                DataKind.REGRESSION,
                20,
                20,
                3,
                60,
                5,
                10,
                0.2,
                false,
                0.3,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        for (DataSpec spec : new DataSpec[] {DataSpec.defaults(), regression}) {
            for (OptimizerKind opt : OptimizerKind.values()) {
                for (GradientForm form : new GradientForm[] {GradientForm.PER_SAMPLE, GradientForm.MOMENT}) {
                    Dataset data = DataGenerator.generate(spec, 1, la);
                    NetworkSpec net = NetworkSpec.defaults();
                    DMatrixRMaj[] w = Initializer.weights(net, data.inputDim(), data.outputDim(), 1);
                    TrainingSpec training =
                            new TrainingSpec(opt, 1e-3, 0.9, LossKind.HALF_MEAN, 1.0, 1_000_000, 0, 1, 0, form);
                    Trainer trainer = new Trainer(
                            new DeepLinearModel(w, data, LossKind.HALF_MEAN, form, 1.0, true, la), training);
                    // 2000 warm-up steps: the first case of a fresh JVM needs them before the JIT removes the
                    // iterator and boxing allocations escape analysis can remove
                    for (int i = 0; i < 2000; i++) {
                        trainer.evaluate();
                        trainer.update();
                    }
                    long tid = Thread.currentThread().getId();
                    long before = mx.getThreadAllocatedBytes(tid);
                    for (int i = 0; i < 500; i++) {
                        trainer.stopReason(trainer.evaluate());
                        trainer.update();
                    }
                    long perStep = (mx.getThreadAllocatedBytes(tid) - before) / 500;
                    assertTrue(perStep < 16, la.describe() + " " + opt + " " + form + ": " + perStep + " bytes/step");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void mlpStepsAllocateNothingFullBatchOrMiniBatch(LinAlg la) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        DataSpec classes = new DataSpec(
                DataKind.CLASSIFICATION,
                12,
                5,
                0,
                300,
                4,
                10,
                0.2,
                false,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
        Dataset data = DataGenerator.generate(classes, 2, la);
        NetworkSpec mlp = new NetworkSpec(
                org.parsimonylab.engine.net.NetworkKind.MLP,
                3,
                16,
                org.parsimonylab.engine.net.Activation.GELU,
                true,
                NetworkSpec.defaults().init(),
                true,
                NetworkSpec.defaults().compression());
        for (int batch : new int[] {0, 8}) {
            TrainingSpec training = new TrainingSpec(
                    OptimizerKind.MOMENTUM,
                    0.1,
                    0.9,
                    LossKind.CROSS_ENTROPY,
                    1.0,
                    1_000_000,
                    0,
                    1,
                    batch,
                    GradientForm.AUTO);
            Trainer trainer = new Trainer(ModelFactory.build(mlp, training, data, 3, la), training);
            for (int i = 0; i < 200; i++) {
                trainer.evaluate();
                trainer.update();
            }
            long tid = Thread.currentThread().getId();
            long before = mx.getThreadAllocatedBytes(tid);
            for (int i = 0; i < 500; i++) {
                trainer.evaluate();
                trainer.update();
            }
            long perStep = (mx.getThreadAllocatedBytes(tid) - before) / 500;
            assertTrue(perStep < 16, la.describe() + " MLP batch " + batch + ": " + perStep + " bytes/step");
        }
    }
}
