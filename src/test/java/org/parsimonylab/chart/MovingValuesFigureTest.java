package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MovingValues;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;

/** Every singular value that moves is drawn, with the run's own numbers (issue 10 item 2). */
class MovingValuesFigureTest {

    /** The first 700 steps of E8 (K = 5, r = 3, d = 50): σ₁..σ₅ rise, so five lines must grow, not three. */
    static List<StepSnapshot> e8(long steps) {
        ExperimentSpec spec = PresetLoader.load(Path.of("presets", "e8-progressive-separation.json"), List.of())
                .toExperiment();
        List<StepSnapshot> snaps = new ArrayList<>();
        new ExperimentRun(spec, new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                snaps.add(snapshot);
                            }
                        },
                        steps,
                        0);
        return snaps;
    }

    private static double[] sv(StepSnapshot s, int layer) {
        return s.find("sv", layer).map(MetricSeries::values).orElseThrow();
    }

    @Test
    void everyMovingSingularValueOfE8IsDrawnWithTheRunsValues() {
        List<StepSnapshot> run = e8(700);
        SingularValuesFigure f = new SingularValuesFigure();
        f.setBlockRank(3);
        f.selectLayer(1);
        for (StepSnapshot s : run) {
            f.add(s);
        }
        f.flush();
        double[] first = sv(run.get(0), 1);
        int d = first.length;
        assertEquals(50, d);
        // Moved by the definition, computed here independently: the change beyond the plateau's (median's) drift
        // exceeds 1 % of max(σᵢ(0), median σ(0)) at some step.
        double plateau = median(first);
        List<Integer> moved = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (StepSnapshot s : run) {
                double[] now = sv(s, 1);
                double change = now[i] - first[i] - (median(now) - plateau);
                if (Math.abs(change) > 0.01 * Math.max(first[i], plateau)) {
                    moved.add(i);
                    break;
                }
            }
        }
        assertTrue(moved.contains(3) && moved.contains(4), "σ₄ and σ₅ of E8 move: " + moved);
        int grown = 0;
        for (int i : moved) {
            int k = f.dataset().getSeriesIndex("σ" + (i + 1));
            assertTrue(k >= 0, "moving σ" + (i + 1) + " is drawn");
            XYSeries line = f.dataset().getSeries(k);
            assertEquals(run.size(), line.getItemCount(), "σ" + (i + 1) + " has every step");
            for (int t = 0; t < run.size(); t++) {
                assertEquals(run.get(t).step(), line.getX(t).doubleValue(), 0);
                assertEquals(sv(run.get(t), 1)[i], line.getY(t).doubleValue(), 0, "σ" + (i + 1) + " at " + t);
            }
            if (f.moving(1).grew(i)) {
                grown++;
            }
        }
        assertTrue(grown >= 5, "at least σ₁..σ₅ grew, got " + grown);
        assertEquals(moved.size(), f.moving(1).movedCount());
        assertTrue(f.title().contains("W₁"), f.title());
    }

    private static double median(double[] v) {
        double[] sorted = v.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    @Test
    void aPlateauThatShrinksTogetherIsTheMiddleNotAMovingBlock() {
        // E1's picture: 3 grow, 3 shrink below the plateau, and the middle 24 fall together from 1 to 0.951
        MovingValues m = new MovingValues();
        double[] start = new double[30];
        java.util.Arrays.fill(start, 1.0);
        m.add(start);
        double[] end = new double[30];
        java.util.Arrays.fill(end, 0.951);
        end[0] = 1.57;
        end[1] = 1.5;
        end[2] = 1.31;
        end[27] = 0.9;
        end[28] = 0.87;
        end[29] = 0.82;
        m.add(end);
        MovingValues.Partition p = m.partition();
        assertEquals(3, p.top());
        assertEquals(3, p.bottom());
        assertEquals(24, p.middle());
    }

    @Test
    void aValueThatStartsMovingLateIsDrawnFromTheStart() {
        SingularValuesFigure f = new SingularValuesFigure();
        int d = 60;
        for (int t = 0; t <= 20; t++) {
            double[] sv = new double[d];
            java.util.Arrays.fill(sv, 1.0);
            sv[37] = t < 10 ? 1.0 + 0.0001 * t : 1.0 + 0.1 * (t - 9); // index 37 is no sample: moves from step 10
            f.add(new StepSnapshot(t, 0, List.of(MetricSeries.indexed("sv", 1, sv))));
        }
        f.flush();
        int k = f.dataset().getSeriesIndex("σ38");
        assertTrue(k >= 0, "late mover drawn");
        assertEquals(21, f.dataset().getSeries(k).getItemCount());
        assertEquals(1.0, f.dataset().getSeries(k).getY(0).doubleValue(), 0);
        assertTrue(f.dataset().getSeriesCount() < d, "unmoved values are sampled, not all drawn");
    }

    @Test
    void asymmetricBlocksArePartitionedFromTheData() {
        MovingValues m = new MovingValues();
        m.add(new double[] {1, 1, 1, 1, 1, 1});
        m.add(new double[] {2, 1.5, 1, 0.5, 0.4, 0.3}); // 2 grow, 3 shrink, 1 stays
        MovingValues.Partition p = m.partition();
        assertEquals(2, p.top());
        assertEquals(3, p.bottom());
        assertEquals(1, p.middle());
        assertEquals(0, p.block(1));
        assertEquals(1, p.block(2));
        assertEquals(2, p.block(3));
    }
}
