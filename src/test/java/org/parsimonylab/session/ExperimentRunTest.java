package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MetricsRecorder;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.StepSnapshot;

/** The headless runner: cadence, checkpoints, shared initialisation across variants, determinism. */
class ExperimentRunTest {

    private static ExperimentSpec e1(int every) {
        TrainingSpec momentum = new TrainingSpec(
                OptimizerKind.MOMENTUM,
                1.0,
                0.9,
                TrainingSpec.defaults().loss(),
                1.0,
                20,
                0,
                1,
                0,
                TrainingSpec.defaults().gradientForm());
        MetricsSpec metrics =
                new MetricsSpec(every, 1, 3, MetricsSpec.defaults().svd());
        return new ExperimentSpec(
                7,
                DataSpec.defaults(),
                List.of(
                        new VariantSpec(
                                "gd",
                                NetworkSpec.defaults(),
                                TrainingSpec.defaults().withSteps(20),
                                metrics),
                        new VariantSpec("momentum", NetworkSpec.defaults(), momentum, metrics)));
    }

    record Recorded(List<String> variants, List<StepSnapshot> snaps, List<Long> checkpoints, List<DMatrixRMaj> w0) {}

    private static Recorded run(ExperimentSpec spec) {
        Recorded r = new Recorded(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        new ExperimentRun(spec, new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                r.variants.add(variant);
                                r.snaps.add(snapshot);
                            }

                            @Override
                            public void checkpoint(String variant, long step, DMatrixRMaj[] weights) {
                                r.checkpoints.add(step);
                                if (step == 0) {
                                    r.w0.add(weights[0].copy());
                                }
                            }
                        },
                        0,
                        8);
        return r;
    }

    @Test
    void twoRunsOfTheSameSpecGiveIdenticalMetricsBitForBit() {
        Recorded a = run(e1(1));
        Recorded b = run(e1(1));
        assertEquals(a.snaps.size(), b.snaps.size());
        for (int i = 0; i < a.snaps.size(); i++) {
            List<MetricSeries> sa = a.snaps.get(i).series();
            List<MetricSeries> sb = b.snaps.get(i).series();
            assertEquals(sa.size(), sb.size());
            for (int j = 0; j < sa.size(); j++) {
                assertEquals(sa.get(j).name(), sb.get(j).name());
                if (MetricsRecorder.TIMING_METRICS.contains(sa.get(j).name())) {
                    continue; // wall-clock timings measure the machine, not the run
                }
                assertArrayEquals(sa.get(j).values(), sb.get(j).values(), 0.0);
            }
        }
    }

    @Test
    void cadenceCheckpointsAndSharedInitialisation() {
        Recorded r = run(e1(5));
        // steps 0, 5, 10, 15, 20 for each of the two variants
        assertEquals(List.of("gd", "gd", "gd", "gd", "gd"), r.variants.subList(0, 5));
        assertEquals(
                List.of(0L, 5L, 10L, 15L, 20L),
                r.snaps.subList(0, 5).stream().map(StepSnapshot::step).toList());
        assertEquals(List.of(0L, 8L, 16L, 20L, 0L, 8L, 16L, 20L), r.checkpoints);
        assertArrayEquals(r.w0.get(0).data, r.w0.get(1).data, 0.0);
        assertTrue(r.snaps.get(4).loss() < r.snaps.get(0).loss());
        assertEquals(
                3,
                r.snaps.get(0).series().stream()
                        .filter(s -> s.name().equals("sv"))
                        .count());
    }

    @Test
    void divergingRunStopsWithAReason() {
        TrainingSpec wild = TrainingSpec.defaults().withLearningRate(1e6).withSteps(1000);
        ExperimentSpec spec = new ExperimentSpec(
                1,
                DataSpec.defaults(),
                List.of(new VariantSpec("wild", NetworkSpec.defaults(), wild, MetricsSpec.defaults())));
        List<VariantResult> results = new ExperimentRun(spec, new EjmlLinAlg()).run(new RunListener() {}, 0, 0);
        assertEquals(StopReason.DIVERGED, results.get(0).reason());
        assertTrue(results.get(0).steps() < 1000);
    }
}
