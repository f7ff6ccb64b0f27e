package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeries;
import org.junit.jupiter.api.Test;

/**
 * The cached auto-range answers of {@link BoundedSeriesCollection} and {@link BoundedXYZDataset} equal JFreeChart's own
 * pass over every item, for random series with NaN and null y values, hidden series, x ranges that cut series, and
 * series that drop their oldest items (x is never NaN: the collection's documented precondition).
 */
class BoundedSeriesCollectionTest {
    @Test
    void boundsEqualTheIterationOverEveryItem() {
        SplittableRandom rnd = new SplittableRandom(7);
        int compared = 0;
        for (int trial = 0; trial < 200; trial++) {
            BoundedSeriesCollection c = new BoundedSeriesCollection();
            int seriesCount = 1 + rnd.nextInt(5);
            List<Comparable<?>> keys = new ArrayList<>();
            for (int s = 0; s < seriesCount; s++) {
                // Some series keep only their newest items, so removals move the bounds.
                XYSeries series = new XYSeries("s" + s, rnd.nextBoolean(), true);
                if (rnd.nextInt(3) == 0) {
                    series.setMaximumItemCount(1 + rnd.nextInt(10));
                }
                int n = rnd.nextInt(40);
                for (int i = 0; i < n; i++) {
                    double x = rnd.nextDouble(-5, 5);
                    int kind = rnd.nextInt(12);
                    Double y = kind == 0 ? null : kind == 1 ? Double.NaN : rnd.nextDouble(-100, 100);
                    series.add(x, y);
                }
                c.addSeries(series);
                if (rnd.nextInt(4) != 0) {
                    keys.add(series.getKey());
                }
            }
            Range domainIterated = DatasetUtils.iterateToFindDomainBounds(c, keys, false);
            assertEquals(domainIterated, c.getDomainBounds(keys, false), "trial " + trial);
            Range[] xRanges = {
                new Range(-1e9, 1e9),
                new Range(-1, 2),
                new Range(4.9, 5),
                domainIterated == null ? new Range(0, 1) : domainIterated
            };
            for (Range xr : xRanges) {
                assertEquals(
                        DatasetUtils.iterateToFindRangeBounds(c, keys, xr, false),
                        c.getRangeBounds(keys, xr, false),
                        "trial " + trial + " x in " + xr);
                compared++;
            }
        }
        assertEquals(800, compared);
    }

    @Test
    void theRendererAsksTheCollectionAndGetsTheIteratedAnswer() {
        BoundedSeriesCollection c = new BoundedSeriesCollection();
        XYSeries a = new XYSeries("a", false, true);
        a.add(1, 3);
        a.add(2, -4);
        a.add(3, Double.NaN);
        XYSeries b = new XYSeries("b", false, true);
        b.add(-10, 100);
        c.addSeries(a);
        c.addSeries(b);
        List<Comparable<?>> onlyA = List.of("a");
        assertEquals(new Range(1, 3), DatasetUtils.findDomainBounds(c, onlyA, false));
        assertEquals(new Range(-4, 3), DatasetUtils.findRangeBounds(c, onlyA, new Range(0, 10), false));
        assertEquals(new Range(-4, -4), DatasetUtils.findRangeBounds(c, onlyA, new Range(1.5, 10), false));
        assertNull(DatasetUtils.findDomainBounds(c, List.of(), false));
    }

    @Test
    void heatMapBoundsEqualTheIteration() {
        SplittableRandom rnd = new SplittableRandom(3);
        BoundedXYZDataset d = new BoundedXYZDataset();
        assertNull(d.getDomainBounds(false));
        for (int trial = 0; trial < 50; trial++) {
            if (d.getSeriesCount() > 0 && rnd.nextBoolean()) {
                d.removeSeries(d.getSeriesKey(0));
            }
            int n = 1 + rnd.nextInt(30);
            double[][] xyz = new double[3][n];
            for (int i = 0; i < n; i++) {
                xyz[0][i] = rnd.nextInt(8) == 0 ? Double.NaN : rnd.nextDouble(0, 1000);
                xyz[1][i] = rnd.nextDouble(1, 64);
                xyz[2][i] = rnd.nextDouble();
            }
            d.addSeries("layer " + trial, xyz);
            Range x = DatasetUtils.iterateDomainBounds(d, false);
            Range y = DatasetUtils.iterateRangeBounds(d, false);
            assertNotNull(y);
            assertEquals(x, d.getDomainBounds(false));
            assertEquals(y, d.getRangeBounds(false));
            assertEquals(x, DatasetUtils.findDomainBounds(d, false));
        }
    }
}
