package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.TrajectoryProjection;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.RunListener;

/**
 * The E6 trajectory figure (issue 10 item 1): the run records u_jᵀ W v_j on Φ's top directions for both variants, the
 * chart draws exactly those numbers, the two curves coincide and end at (σ₁(Φ), σ₂(Φ)), and {@code figures} writes it
 * with a manifest entry naming the paper figure.
 */
class TrajectoryFigureTest {
    @TempDir
    Path tmp;

    @Test
    void e6TrajectoryInTheChartIsTheRecordedOneAndBothVariantsCoincide() {
        var spec = PresetLoader.load(Path.of("presets", "e6-equivalent-trajectory.json"), List.of())
                .toExperiment();
        Map<String, List<StepSnapshot>> runs = new LinkedHashMap<>();
        Dataset[] data = new Dataset[1];
        new ExperimentRun(spec, LinAlgs.create())
                .run(
                        new RunListener() {
                            @Override
                            public void data(Dataset d) {
                                data[0] = d;
                            }

                            @Override
                            public void snapshot(String variant, StepSnapshot s) {
                                runs.computeIfAbsent(variant, k -> new ArrayList<>())
                                        .add(s);
                            }
                        },
                        0,
                        0);
        assertEquals(List.of("wide", "compressed"), List.copyOf(runs.keySet()));
        RunHistory history = new RunHistory();
        runs.forEach((v, list) -> list.forEach(s -> history.add(v, s)));
        NamedFigure named = RunFigures.build(history, 5).stream()
                .filter(f -> f.key().equals("trajectory"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no trajectory figure"));
        TrajectoryFigure fig = (TrajectoryFigure) named.figure();
        assertEquals(2, fig.dataset().getSeriesCount());
        for (int v = 0; v < 2; v++) {
            XYSeries series = fig.dataset().getSeries(v);
            List<StepSnapshot> snaps = runs.get((String) series.getKey());
            List<double[]> recorded = snaps.stream()
                    .map(s -> s.find("trajectory", MetricSeries.NO_LAYER))
                    .filter(java.util.Optional::isPresent)
                    .map(o -> o.get().values())
                    .toList();
            assertEquals(snaps.size(), recorded.size(), "recorded at every metrics step");
            assertEquals(recorded.size(), series.getItemCount(), series.getKey() + " points");
            for (int i = 0; i < recorded.size(); i++) {
                assertEquals(recorded.get(i)[0], series.getX(i).doubleValue(), 0.0, "x " + i);
                assertEquals(recorded.get(i)[1], series.getY(i).doubleValue(), 0.0, "y " + i);
            }
        }
        // Converged (loss < 1e-10): W = Phi, so the last point is (sigma_1, sigma_2) of Phi.
        DMatrixRMaj phi = data[0].phi();
        double[] sigma = TrajectoryProjection.ofTarget(phi, 2, LinAlgs.create()).singularValues();
        XYSeries wide = fig.dataset().getSeries(0);
        XYSeries comp = fig.dataset().getSeries(1);
        int last = wide.getItemCount() - 1;
        assertEquals(sigma[0], wide.getX(last).doubleValue(), 1e-4 * sigma[0]);
        assertEquals(sigma[1], wide.getY(last).doubleValue(), 1e-4 * sigma[0]);
        assertTrue(wide.getX(0).doubleValue() < 0.01 * sigma[0], "starts near 0 (init 1e-3)");
        // The curves coincide at every common step.
        int common = Math.min(wide.getItemCount(), comp.getItemCount());
        assertTrue(common > 5, "points: " + common);
        for (int i = 0; i < common; i++) {
            assertEquals(wide.getX(i).doubleValue(), comp.getX(i).doubleValue(), 1e-3 * sigma[0], "x at " + i);
            assertEquals(wide.getY(i).doubleValue(), comp.getY(i).doubleValue(), 1e-3 * sigma[0], "y at " + i);
        }
    }

    @Test
    void figuresWritesTheTrajectoryWithItsPaperFigure() throws Exception {
        Path out = tmp.resolve("figs");
        java.io.StringWriter err = new java.io.StringWriter();
        int code = Main.execute(
                new String[] {
                    "figures",
                    "presets/e6-equivalent-trajectory.json",
                    "--out",
                    out.toString(),
                    "--steps",
                    "2000",
                    "--format",
                    "png"
                },
                new java.io.PrintWriter(new java.io.StringWriter(), true),
                new java.io.PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        assertTrue(Files.size(out.resolve("e6-equivalent-trajectory-trajectory.png")) > 1000);
        JsonNode m = new ObjectMapper().readTree(out.resolve("figures.json").toFile());
        JsonNode entry = null;
        for (JsonNode f : m.get("files")) {
            if (f.get("file").asText().equals("e6-equivalent-trajectory-trajectory.png")) {
                entry = f;
            }
        }
        assertTrue(entry != null, m.toString());
        assertEquals("trajectory", entry.get("kind").asText());
        assertEquals("trajectory", entry.get("metrics").get(0).asText());
        assertTrue(
                entry.get("reproduces").asText().contains("equiv_traj_l2.png"),
                entry.get("reproduces").asText());
    }
}
