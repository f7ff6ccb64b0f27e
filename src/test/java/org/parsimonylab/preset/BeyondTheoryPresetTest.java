package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.RunListener;

/**
 * Every number the description of presets/p2-beyond-theory.json states, checked against the preset's own run at full
 * size (800 steps, six variants, about 12 s of CPU): the deep-MLP diagnostics per layer beyond the two-layer theory.
 */
class BeyondTheoryPresetTest {
    private static final List<String> SMOOTH_GD = List.of("gelu-gd", "silu-gd", "gelu-momentum");
    private static Map<String, List<StepSnapshot>> runs;

    @BeforeAll
    static void runThePreset() {
        runs = new LinkedHashMap<>();
        new ExperimentRun(
                        PresetLoader.load(Path.of("presets", "p2-beyond-theory.json"), List.of())
                                .toExperiment(),
                        LinAlgs.create())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot s) {
                                runs.computeIfAbsent(variant, k -> new ArrayList<>())
                                        .add(s);
                            }
                        },
                        0,
                        0);
    }

    private static double value(String variant, long step, String metric, int layer) {
        StepSnapshot s = runs.get(variant).stream()
                .filter(x -> x.step() == step)
                .findFirst()
                .orElseThrow(() -> new AssertionError(variant + ": no snapshot at step " + step));
        return s.find(metric, layer)
                .map(MetricSeries::values)
                .orElseThrow(() -> new AssertionError(variant + " " + metric + " W" + layer + " at " + step))[0];
    }

    /** The recorded steps 100, 200, …, 800 (the metrics every 100 of the description). */
    private static List<Long> steps(long from) {
        List<Long> out = new ArrayList<>();
        for (long t = from; t <= 800; t += 100) {
            out.add(t);
        }
        return out;
    }

    @Test
    void smoothGradientRunsStayInTheBlockWith2KMovedValues() {
        for (String v : SMOOTH_GD) {
            for (long t : steps(100)) {
                for (int l = 1; l <= 4; l++) {
                    double e = value(v, t, "energy-in-block", l);
                    assertTrue(e >= 0.996, v + " energy W" + l + " at " + t + ": " + e);
                    double angle = value(v, t, "angle-vbig", l);
                    assertTrue(angle <= 0.013, v + " angle W" + l + " at " + t + ": " + angle);
                }
                assertTrue(value(v, t, "moved-sv", 4) <= 4, v + " moved W4 at " + t);
            }
            for (long t : steps(200)) {
                for (int l = 1; l <= 3; l++) {
                    assertEquals(8, value(v, t, "moved-sv", l), v + " moved W" + l + " at " + t);
                }
            }
            for (int l = 1; l <= 4; l++) {
                double r = value(v, 800, "update-stable-rank", l);
                assertTrue(r >= 2.125 && r < 2.225, v + " stable rank W" + l + ": " + r);
            }
        }
    }

    @Test
    void crossEntropyStaysInTheBlockWith2KMinus2MovedValues() {
        String v = "gelu-cross-entropy";
        for (long t : steps(100)) {
            for (int l = 1; l <= 4; l++) {
                double e = value(v, t, "energy-in-block", l);
                assertTrue(e >= 0.999, "energy W" + l + " at " + t + ": " + e);
            }
            assertTrue(value(v, t, "moved-sv", 4) <= 3, "moved W4 at " + t);
        }
        for (long t : steps(200)) {
            for (int l = 1; l <= 3; l++) {
                assertEquals(6, value(v, t, "moved-sv", l), "moved W" + l + " at " + t);
            }
        }
    }

    @Test
    void reluAndAdamLeaveTheBlock() {
        double[] reluEnergy = {0.32, 0.53, 0.56, 0.59};
        double[] adamEnergy = {0.18, 0.38, 0.21, 0.45};
        int[] reluMoved = {31, 54, 40};
        int[] adamMoved = {31, 64, 61};
        for (int l = 1; l <= 4; l++) {
            assertEquals(reluEnergy[l - 1], value("relu-gd", 800, "energy-in-block", l), 0.005, "ReLU W" + l);
            assertEquals(adamEnergy[l - 1], value("gelu-adam", 800, "energy-in-block", l), 0.005, "Adam W" + l);
        }
        for (int l = 1; l <= 3; l++) {
            assertEquals(reluMoved[l - 1], value("relu-gd", 800, "moved-sv", l), "ReLU moved W" + l);
            assertEquals(adamMoved[l - 1], value("gelu-adam", 800, "moved-sv", l), "Adam moved W" + l);
        }
        assertEquals(6.25, value("gelu-adam", 800, "update-stable-rank", 1), 0.005, "Adam stable rank W1");
    }

    @Test
    void trainingAccuracyAtStep800() {
        Map<String, Double> stated = Map.of(
                "gelu-gd", 0.855,
                "silu-gd", 0.855,
                "gelu-momentum", 0.845,
                "gelu-cross-entropy", 0.885,
                "relu-gd", 1.0,
                "gelu-adam", 1.0);
        stated.forEach((v, acc) -> assertEquals(acc, value(v, 800, "train-accuracy", MetricSeries.NO_LAYER), 1e-9, v));
    }
}
