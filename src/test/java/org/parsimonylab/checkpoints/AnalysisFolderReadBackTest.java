package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.export.RunFolderReader;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * An analysis folder's metrics.csv, whose layer column holds tensor names, reads back through MetricsCsv (the app and
 * {@code figures} read run folders with it): every value exactly, each tensor's name kept and numbered in selection
 * order, and the history rebuilt from the rows has the measurements of tensor i as layer i.
 */
class AnalysisFolderReadBackTest {
    @TempDir
    Path tmp;

    private static double[] gaussians(long seed, int n) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextGaussian();
        }
        return v;
    }

    @Test
    void metricsCsvWithTensorNamesRoundTrips() throws IOException {
        Path series = Files.createDirectories(tmp.resolve("mlp, run 1"));
        for (long step = 0; step <= 30; step += 10) {
            CheckpointFiles.writeSafetensors(
                    series.resolve("ckpt_" + step + ".safetensors"),
                    CheckpointFiles.of(
                            Map.entry(
                                    "net.0.weight",
                                    CheckpointFiles.tensor("F64", new long[] {6, 5}, gaussians(step, 30))),
                            Map.entry(
                                    "net.2,weight",
                                    CheckpointFiles.tensor("F64", new long[] {4, 6}, gaussians(step + 7, 24)))),
                    null);
        }
        CheckpointSeries s = CheckpointSeries.scan(series);
        SeriesAnalyzer analyzer = new SeriesAnalyzer(s.name(), AnalysisOptions.defaults(), LinAlgs.create("ejml"));
        List<CheckpointMetrics> measured = new ArrayList<>();
        Path folder;
        try (AnalysisFolderWriter w = AnalysisFolderWriter.create(tmp.resolve("analysis"))) {
            for (Checkpoint c : s.checkpoints()) {
                CheckpointMetrics m = analyzer.analyze(c);
                measured.add(m);
                w.append(m);
            }
            w.selection(s.name(), analyzer.selection());
            folder = w.commit();
        }
        List<String> names =
                analyzer.selection().stream().map(SelectedTensor::name).toList();
        assertEquals(2, names.size());

        List<MetricsCsv.Row> rows = MetricsCsv.read(folder.resolve("metrics.csv"));
        Map<String, double[]> expected = new LinkedHashMap<>();
        int count = 0;
        for (CheckpointMetrics m : measured) {
            for (TensorMetric t : m.metrics()) {
                expected.put(m.step() + "/" + t.tensor() + "/" + t.metric(), t.values());
                count += t.values().length;
            }
        }
        assertEquals(count, rows.size());
        Map<String, List<Double>> read = new LinkedHashMap<>();
        for (MetricsCsv.Row r : rows) {
            assertEquals("mlp, run 1", r.variant());
            assertEquals(names.indexOf(r.layerName()) + 1, r.layer(), "tensor i is layer i: " + r.layerName());
            read.computeIfAbsent(r.step() + "/" + r.layerName() + "/" + r.metric(), k -> new ArrayList<>())
                    .add(r.value());
        }
        assertEquals(expected.keySet(), read.keySet());
        for (Map.Entry<String, double[]> e : expected.entrySet()) {
            assertArrayEquals(
                    e.getValue(),
                    read.get(e.getKey()).stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray(),
                    0.0,
                    e.getKey());
        }

        RunHistory history = RunFolderReader.history(rows);
        List<StepSnapshot> snaps = history.snapshots("mlp, run 1");
        assertEquals(
                List.of(0L, 10L, 20L, 30L),
                snaps.stream().map(StepSnapshot::step).toList());
        for (int l = 1; l <= 2; l++) {
            MetricSeries sv = snaps.get(2).find("sv", l).orElseThrow();
            assertArrayEquals(measured.get(2).find(names.get(l - 1), "sv").values(), sv.values(), 0.0);
            assertTrue(sv.indexed());
        }
    }
}
