package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.engine.linalg.Svd;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;

/**
 * The angle partition follows the measured blocks (top r₁ grew, bottom r₂ shrank; issue 10 item 2): E1 (r₁ = r₂ = 3)
 * keeps the values it had with the symmetric partition, and a run where 2 values grow and 4 shrink no longer shows
 * the spurious π/2 angles the symmetric r = 4 gave.
 */
class SubspaceAnglePartitionTest {

    /** Snapshots and W1 at every step of a preset with overrides. */
    private record Run(Map<Long, StepSnapshot> snapshots, Map<Long, DMatrixRMaj> w1) {}

    private static Run run(String preset, List<String> overrides, long steps, boolean weights) {
        ExperimentSpec spec =
                PresetLoader.load(Path.of("presets", preset), overrides).toExperiment();
        Map<Long, StepSnapshot> snaps = new HashMap<>();
        Map<Long, DMatrixRMaj> w1 = new HashMap<>();
        new ExperimentRun(spec, LinAlgs.create())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot s) {
                                snaps.put(s.step(), s);
                            }

                            @Override
                            public void checkpoint(String variant, long step, DMatrixRMaj[] ws) {
                                w1.put(step, ws[0].copy());
                            }
                        },
                        steps,
                        weights ? 1 : 0);
        return new Run(snaps, w1);
    }

    @Test
    void e1AnglesAreTheValuesOfTheSymmetricPartition() throws Exception {
        // Recorded with the symmetric top-3/bottom-3 partition before issue 10 (every step, layers 1-3).
        List<String[]> golden = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(getClass().getResourceAsStream("e1-angles-before-issue10.csv.gz")),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                golden.add(line.split(","));
            }
        }
        assertTrue(golden.size() > 500, "golden rows: " + golden.size());
        Run e1 = run("e1-law-of-parsimony.json", List.of(), 0, false);
        for (String[] row : golden) {
            long step = Long.parseLong(row[0]);
            int layer = Integer.parseInt(row[2]);
            double[] now =
                    e1.snapshots().get(step).find(row[1], layer).orElseThrow().values();
            assertEquals(row.length - 3, now.length, row[1] + " length");
            for (int i = 0; i < now.length; i++) {
                assertEquals(Double.parseDouble(row[3 + i]), now[i], 1e-9, row[1] + " W" + layer + " step " + step);
            }
        }
    }

    @Test
    void twoGrowFourShrinkHasNoSpuriousRightAngle() {
        // rank(Phi) = 2 with K = 4 outputs: sigma_1,2 of W1 grow, sigma_27..30 shrink, 24 stay on the plateau.
        // blockRank = 4 = K is what a user would set for "K outputs".
        Run run = run(
                "e1-law-of-parsimony.json",
                List.of("data.outputDim=4", "data.rank=2", "metrics.blockRank=4"),
                30,
                true);
        LinAlg la = LinAlgs.create();
        Svd ref = svd(run.w1().get(1L), la);
        Svd now = svd(run.w1().get(30L), la);
        double[] sv = now.s;
        assertTrue(sv[1] > 1.1 && sv[2] < 1.0 + 1e-9, "2 grow: " + Arrays.toString(sv));
        assertTrue(sv[26] < 0.95 && sv[25] > 1.0 - 1e-9, "4 shrink: " + Arrays.toString(sv));

        SubspaceAngleProbe.Sides old = SubspaceAngleProbe.angles(ref.v, now.v, 4, 30, la);
        double oldMax = Arrays.stream(old.indexed()).max().orElseThrow();
        assertTrue(oldMax > 1.2, "the symmetric r = 4 cuts the plateau: spurious angle " + oldMax);

        double[] right = run.snapshots()
                .get(30L)
                .find("angle-right-rad", 1)
                .orElseThrow()
                .values();
        double[] expected =
                SubspaceAngleProbe.angles(ref.v, now.v, 2, 4, 30, la).indexed();
        for (int i = 0; i < 30; i++) {
            assertEquals(expected[i], right[i], 1e-9, "recorded angle " + i + " is the top-2/bottom-4 one");
        }
        for (int i = 2; i < 26; i++) {
            assertTrue(right[i] < 1e-10, "middle angle " + i + ": " + right[i]);
        }
        for (int i : new int[] {0, 1, 26, 27, 28, 29}) {
            assertTrue(right[i] < 1.0, "moving vector " + i + " turns by a real, small angle: " + right[i]);
        }
        double block = run.snapshots()
                .get(30L)
                .find("angle-block-right-rad", 1)
                .orElseThrow()
                .values()[0];
        assertTrue(block < 1e-6 + Arrays.stream(right).max().orElseThrow(), "block angle " + block);
    }

    @Test
    void partitionFallsBackToBlockRankBeforeAnythingMovesAndWithoutAPlateau() {
        MovingValues m = new MovingValues(SubspaceAngleProbe.PARTITION_TOLERANCE);
        m.add(new double[] {1, 1, 1, 1, 1, 1, 1, 1});
        assertEquals(new MovingValues.Partition(2, 2, 8), SubspaceAngleProbe.partition(m, 2, 8));
        m.add(new double[] {1.5, 1, 1, 1, 1, 1, 0.9, 0.8});
        assertEquals(new MovingValues.Partition(1, 2, 8), SubspaceAngleProbe.partition(m, 3, 8));
        m.add(new double[] {1.5, 1.4, 1.3, 1, 1, 1, 0.9, 0.8});
        assertEquals(new MovingValues.Partition(3, 3, 8), SubspaceAngleProbe.partition(m, 3, 8), "no plateau");
    }

    private static Svd svd(DMatrixRMaj w, LinAlg la) {
        Svd out = new Svd();
        la.svd(w.copy(), LinAlg.SvdMode.FULL, out);
        return out;
    }
}
