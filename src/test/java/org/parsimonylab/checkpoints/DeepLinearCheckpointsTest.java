package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.export.MetricsCsv;

/**
 * The deep linear network of presets/e1-law-of-parsimony.json, trained by {@code run} with a checkpoint at every step:
 * {@code analyze} of its weights/main/step-* folders gives the same singular values, angles and alignment as the
 * app measured while training (the run folder's metrics.csv).
 */
class DeepLinearCheckpointsTest {
    @TempDir
    Path tmp;

    private static final Set<String> COMPARED = Set.of(
            "sv",
            "angle-right-rad",
            "angle-left-rad",
            "angle-middle-right-rad",
            "angle-middle-left-rad",
            "angle-block-right-rad",
            "angle-block-left-rad",
            "alignment-rad");

    @Test
    void analyzeReproducesTheAppsOwnAnglesOfE1() throws IOException {
        Path weights = TrainedWeights.run(tmp.resolve("run"), 50);
        Path out = tmp.resolve("analysis");
        StringWriter err = new StringWriter();
        int code = Main.execute(
                new String[] {"analyze", weights.toString(), "--out", out.toString(), "--top-k", "3", "--reference", "1"
                },
                new PrintWriter(new StringWriter(), true),
                new PrintWriter(err, true));
        assertEquals(0, code, err.toString());

        Map<String, Double> app = new HashMap<>();
        for (MetricsCsv.Row r : MetricsCsv.read(tmp.resolve("run").resolve("metrics.csv"))) {
            if (COMPARED.contains(r.metric()) && r.step() >= 1) {
                app.put(key(r.step(), r.metric(), "W" + r.layer(), r.index()), r.value());
            }
        }
        Map<String, Double> ours = new HashMap<>();
        List<String> lines = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertEquals(6, f.length, line);
            assertEquals("main", f[1], line);
            if (COMPARED.contains(f[2]) && Long.parseLong(f[0]) >= 1) {
                ours.put(
                        key(Long.parseLong(f[0]), f[2], f[3], f[4].isEmpty() ? -1 : Integer.parseInt(f[4])),
                        Double.parseDouble(f[5]));
            }
        }
        // 50 steps x 3 layers x (30 sv + 2x30 indexed angles + 4 angles) + 50 x 2 alignments.
        assertEquals(50 * 3 * (30 + 60 + 4) + 50 * 2, app.size());
        java.util.Set<String> missing = new java.util.TreeSet<>(app.keySet());
        missing.removeAll(ours.keySet());
        java.util.Set<String> extra = new java.util.TreeSet<>(ours.keySet());
        extra.removeAll(app.keySet());
        assertTrue(
                missing.isEmpty() && extra.isEmpty(),
                "missing " + missing.stream().limit(5).toList() + ", extra "
                        + extra.stream().limit(5).toList());
        double worst = 0;
        for (Map.Entry<String, Double> e : app.entrySet()) {
            double mine = ours.get(e.getKey());
            assertEquals(e.getValue(), mine, 1e-9, e.getKey());
            worst = Math.max(worst, Math.abs(e.getValue() - mine));
        }
        // The top singular vectors do turn inside the 2r block (which itself stays put, the law of parsimony), so the
        // comparison is not only of zeros.
        assertTrue(app.get(key(50, "angle-right-rad", "W1", 0)) > 0.1);
        assertTrue(app.get(key(50, "angle-block-right-rad", "W1", -1)) < 1e-9);
        assertTrue(worst < 1e-9);
    }

    private static String key(long step, String metric, String layer, int index) {
        return step + "/" + metric + "/" + layer + "/" + index;
    }
}
