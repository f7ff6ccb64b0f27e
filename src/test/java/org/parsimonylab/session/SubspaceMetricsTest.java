package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MetricsSpec;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.SvdKind;

/**
 * Targets T2, T3, T5 of docs/science.md §5 and the §1.5 overlays, measured by the probes on E1 (d=30, r=3, L=3, ε=1,
 * half-mean η=1, 50 steps, full SVD every step, reference step 1).
 */
class SubspaceMetricsTest {
    private static final List<StepSnapshot> SNAPSHOTS = new ArrayList<>();

    @BeforeAll
    static void runE1() {
        MetricsSpec metrics = new MetricsSpec(1, 1, 3, SvdKind.FULL);
        VariantSpec v = new VariantSpec("wide", NetworkSpec.defaults(), TrainingSpec.defaults(), metrics);
        ExperimentSpec spec = new ExperimentSpec(0, DataSpec.defaults(), List.of(v));
        new ExperimentRun(spec, new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                SNAPSHOTS.add(snapshot);
                            }
                        },
                        0,
                        0);
        assertEquals(51, SNAPSHOTS.size(), "steps 0..50 recorded");
    }

    private static double value(StepSnapshot s, String name, int layer) {
        return s.find(name, layer)
                .orElseThrow(() -> new AssertionError(name + " missing"))
                .value();
    }

    @Test
    void t2MiddleSubspaceStaysPutE1() {
        for (StepSnapshot s : SNAPSHOTS) {
            for (int l = 1; l <= 3; l++) {
                assertTrue(value(s, "angle-middle-right-rad", l) <= 1e-6, "right, layer " + l + " step " + s.step());
                assertTrue(value(s, "angle-middle-left-rad", l) <= 1e-6, "left, layer " + l + " step " + s.step());
            }
        }
    }

    @Test
    void t3TwoRBlockStaysPutWhileIndividualVectorsRotateE1() {
        StepSnapshot last = SNAPSHOTS.get(50);
        for (StepSnapshot s : SNAPSHOTS) {
            for (int l = 1; l <= 3; l++) {
                assertTrue(value(s, "angle-block-right-rad", l) <= 1e-6, "layer " + l + " step " + s.step());
                assertTrue(value(s, "angle-block-left-rad", l) <= 1e-6, "layer " + l + " step " + s.step());
            }
        }
        // T4: the individual top/bottom vectors do rotate, so the flat block angle is not trivially flat.
        double[] right = last.find("angle-right-rad", 1).orElseThrow().values();
        assertEquals(30, right.length);
        double maxOuter = 0;
        for (int i : new int[] {0, 1, 2, 27, 28, 29}) {
            maxOuter = Math.max(maxOuter, right[i]);
        }
        assertTrue(maxOuter > 0.1, "top/bottom vectors rotate: " + maxOuter);
        assertEquals(value(last, "angle-middle-right-rad", 1), right[15], 0.0, "middle repeated (M2)");
        for (double a :
                SNAPSHOTS.get(0).find("angle-right-rad", 1).orElseThrow().values()) {
            assertEquals(0.0, a, 0.0, "row before the reference step is 0");
        }
    }

    @Test
    void t5LayersStayAlignedE1() {
        assertTrue(SNAPSHOTS.get(0).find("alignment-rad", 1).isEmpty(), "undefined at t = 0");
        for (StepSnapshot s : SNAPSHOTS.subList(1, 51)) {
            for (int l = 1; l <= 2; l++) {
                assertTrue(value(s, "alignment-rad", l) <= 1e-6, "layer " + l + " step " + s.step());
            }
        }
    }

    @Test
    void updatesStayInTheInvariantSubspaceAndRhoMatchesTheMiddleValuesE1() {
        for (StepSnapshot s : SNAPSHOTS.subList(1, 51)) {
            for (int l = 1; l <= 3; l++) {
                // ε = 1: the complement shrinks isotropically (ρ − ε ≠ 0), so only the off-diagonal blocks are 0.
                assertEquals(0.0, value(s, "update-energy-off-block", l), 1e-9, "layer " + l + " step " + s.step());
                assertTrue(value(s, "update-energy-in-block", l) > 0.5);
                double rho = value(s, "rho-predicted", MetricSeries.NO_LAYER);
                assertEquals(rho, value(s, "sv-middle-mean", l), 1e-9);
                assertTrue(value(s, "sv-middle-spread", l) <= 1e-9);
            }
        }
        assertEquals(0.9509611, value(SNAPSHOTS.get(50), "rho-predicted", MetricSeries.NO_LAYER), 1e-7, "T1");
        Map<String, Integer> counts = new HashMap<>();
        SNAPSHOTS.get(50).series().forEach(m -> counts.merge(m.name(), 1, Integer::sum));
        assertEquals(
                3,
                counts.get("sv-predicted-top") == null
                        ? 0
                        : SNAPSHOTS
                                .get(50)
                                .find("sv-predicted-top", -1)
                                .orElseThrow()
                                .values()
                                .length);
        assertTrue(counts.containsKey("wall-seconds") && counts.containsKey("steps-per-second"));
    }
}
