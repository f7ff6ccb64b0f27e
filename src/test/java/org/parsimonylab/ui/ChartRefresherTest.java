package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.LossFigure;

/**
 * The refresher's spreading: each pulse redraws ⌈visible · 10 / 60⌉ dirty charts, round-robin, so every visible chart
 * whose data changes every frame still redraws at least 10 times in 60 pulses, and no pulse draws more than that.
 */
class ChartRefresherTest {
    @BeforeAll
    static void toolkit() {
        try {
            Platform.startup(() -> {});
        } catch (IllegalStateException alreadyRunning) {
            // another test started it
        }
    }

    private static List<Figure> dirty(int n) {
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            LossFigure f = new LossFigure();
            f.setLogY(true); // any change holds the chart until its flush
            figures.add(f);
        }
        return figures;
    }

    private static long dirtyCount(List<Figure> figures) {
        return figures.stream().filter(Figure::isDirty).count();
    }

    @Test
    void chartsPerPulse() {
        assertEquals(1, ChartRefresher.perPulse(0));
        assertEquals(1, ChartRefresher.perPulse(1));
        assertEquals(1, ChartRefresher.perPulse(6));
        assertEquals(2, ChartRefresher.perPulse(7));
        assertEquals(2, ChartRefresher.perPulse(12));
        assertEquals(3, ChartRefresher.perPulse(13));
    }

    @Test
    void everyVisibleChartRedrawsTenTimesInSixtyPulses() {
        for (int n : new int[] {1, 4, 6, 9, 16}) {
            List<Figure> figures = dirty(n);
            ChartRefresher r = new ChartRefresher(() -> figures);
            int[] redraws = new int[n];
            for (int pulse = 0; pulse < 60; pulse++) {
                long before = dirtyCount(figures);
                boolean[] was = new boolean[n];
                for (int i = 0; i < n; i++) {
                    was[i] = figures.get(i).isDirty();
                }
                r.handle(pulse);
                assertEquals(
                        Math.min(before, ChartRefresher.perPulse(n)),
                        before - dirtyCount(figures),
                        n + " charts, pulse " + pulse);
                for (int i = 0; i < n; i++) {
                    if (was[i] && !figures.get(i).isDirty()) {
                        redraws[i]++;
                    }
                    // The data changes again at once: every chart is dirty at every pulse.
                    ((LossFigure) figures.get(i)).setLogY(pulse % 2 == 0);
                }
            }
            for (int i = 0; i < n; i++) {
                assertTrue(
                        redraws[i] >= 10, n + " charts: chart " + i + " redrew " + redraws[i] + " times in 60 pulses");
            }
            assertEquals(60L * ChartRefresher.perPulse(n), r.redraws());
        }
    }
}
