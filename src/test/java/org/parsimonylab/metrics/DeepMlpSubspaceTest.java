package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;

/**
 * Paper 2 beyond the two-layer theory (docs/science.md §3.4, §3.5): in the 4-layer MLP of the Fig. 1 preset the update
 * of every layer stays mostly inside its 2K-dimensional block for GELU, and much less so for ReLU.
 */
class DeepMlpSubspaceTest {
    /** The last recorded value of every (variant, metric, layer) of the Fig. 1 preset cut to {@code steps}. */
    private static Map<String, Double> lastValues(int steps) {
        var preset = PresetLoader.loadShipped("p2-fig1-smooth-mlp-spectra.json", List.of());
        Map<String, Double> last = new TreeMap<>();
        ExperimentSpec full = preset.toExperiment();
        // GELU against ReLU is the contrast; ELU and SiLU would only lengthen the test.
        ExperimentSpec spec = new ExperimentSpec(
                full.seed(),
                full.data(),
                full.variants().stream()
                        .filter(v -> v.name().equals("gelu") || v.name().equals("relu"))
                        .toList());
        new ExperimentRun(spec, new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void data(Dataset data) {}

                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                for (MetricSeries m : snapshot.series()) {
                                    if (!m.indexed()) {
                                        last.put(variant + "/" + m.name() + "/" + m.layer(), m.value());
                                    }
                                }
                            }

                            @Override
                            public void checkpoint(String variant, long step, DMatrixRMaj[] weights) {}

                            @Override
                            public void finished(org.parsimonylab.session.VariantResult result) {}
                        },
                        steps,
                        0);
        return last;
    }

    @Test
    void everyLayerOfASmoothFourLayerMlpTrainsInItsBlockAndReluDoesNot() {
        Map<String, Double> v = lastValues(200);
        String all = v.toString();
        for (int layer = 1; layer <= 4; layer++) {
            double gelu = v.get("gelu/energy-in-block/" + layer);
            double relu = v.get("relu/energy-in-block/" + layer);
            assertTrue(gelu > relu, "layer " + layer + ": " + all);
        }
        // the first layer is paper 2's Fig. 1: most of GELU's update lies in the 2K = 8 dimensional block
        assertTrue(v.get("gelu/energy-in-block/1") > 0.9, all);
        assertTrue(v.get("relu/energy-in-block/1") < 0.8, all);
    }
}
