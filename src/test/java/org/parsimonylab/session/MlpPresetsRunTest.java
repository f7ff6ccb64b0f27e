package org.parsimonylab.session;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.train.StopReason;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.PresetLoader;

/** The paper-2 presets run end to end through the session runner and record their MLP metrics (docs/science.md §3). */
class MlpPresetsRunTest {

    private static Map<String, StepSnapshot> lastSnapshots(String preset, long steps) {
        ExperimentSpec spec =
                PresetLoader.load(Path.of("presets", preset), List.of()).toExperiment();
        Map<String, StepSnapshot> last = new HashMap<>();
        List<VariantResult> results = new ExperimentRun(spec, LinAlgs.create())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                last.put(variant, snapshot);
                            }
                        },
                        steps,
                        0);
        for (VariantResult r : results) {
            assertTrue(r.reason() == StopReason.MAX_STEPS, r.toString());
        }
        return last;
    }

    private static double value(StepSnapshot s, String metric, int layer) {
        return s.find(metric, layer).map(MetricSeries::value).orElseThrow(() -> new AssertionError(metric));
    }

    @Test
    void twoLayerPresetRecordsTheBlockEnergyInT18Order() {
        Map<String, StepSnapshot> last = lastSnapshots("p2-two-layer-invariant-subspace.json", 100);
        double lin = value(last.get("linear"), "energy-in-block", 1);
        double tanh = value(last.get("tanh"), "energy-in-block", 1);
        double gelu = value(last.get("gelu"), "energy-in-block", 1);
        double relu = value(last.get("relu"), "energy-in-block", 1);
        String all = lin + " " + tanh + " " + gelu + " " + relu;
        assertTrue(lin > 1 - 1e-9 && lin >= tanh - 1e-12 && tanh > gelu && gelu - relu > 0.3, all);
        assertTrue(value(last.get("linear"), "moved-sv", 1) == 6, all);
    }

    @Test
    void fig1AndDigitsPresetsRunAndRecordAccuracy() {
        Map<String, StepSnapshot> fig1 = lastSnapshots("p2-fig1-smooth-mlp-spectra.json", 20);
        assertTrue(fig1.get("gelu").find("sv", 1).isPresent());
        assertTrue(
                fig1.get("relu").find("train-accuracy", MetricSeries.NO_LAYER).isPresent());
        Map<String, StepSnapshot> digits = lastSnapshots("p2-lowrank-mlp-digits.json", 20);
        for (String v : List.of("full", "lowrank-sbig", "lowrank-random")) {
            double acc = value(digits.get(v), "test-accuracy", MetricSeries.NO_LAYER);
            assertTrue(acc >= 0 && acc <= 1, v + " " + acc);
            assertTrue(digits.get(v).find("sv", 3).isPresent(), v + ": spectra of the dense W1..W3");
        }
    }
}
