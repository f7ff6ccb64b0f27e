package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Decimation keeps memory bounded and keeps the first point, the last point and spikes. */
class SeriesDecimatorTest {

    @Test
    void aLongHistoryStaysBoundedAndKeepsFirstLastAndSpikes() {
        SeriesDecimator d = new SeriesDecimator(200);
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            double y = Math.exp(-i / 20_000.0);
            if (i == 31_337) {
                y = 50; // an upward spike
            }
            if (i == 77_777) {
                y = -3; // a downward spike
            }
            d.add(i, y);
        }
        assertTrue(d.size() <= 200, "bounded: " + d.size());
        assertTrue(d.size() >= 50, "still a useful number of points: " + d.size());
        assertEquals(0, d.x(0));
        assertEquals(1.0, d.y(0));
        assertEquals(n - 1, d.x(d.size() - 1));
        boolean up = false;
        boolean down = false;
        for (int i = 0; i < d.size(); i++) {
            up |= d.x(i) == 31_337 && d.y(i) == 50;
            down |= d.x(i) == 77_777 && d.y(i) == -3;
            if (i > 0) {
                assertTrue(d.x(i) > d.x(i - 1), "x stays in order");
            }
        }
        assertTrue(up, "the upward spike survives repeated compaction");
        assertTrue(down, "the downward spike survives repeated compaction");
    }

    @Test
    void belowCapacityNothingIsDropped() {
        SeriesDecimator d = new SeriesDecimator(16);
        for (int i = 0; i < 16; i++) {
            assertEquals(false, d.add(i, i * i));
        }
        assertEquals(16, d.size());
        assertEquals(true, d.add(16, 256), "the 17th point compacts");
        assertTrue(d.size() <= 16);
        assertEquals(16, d.x(d.size() - 1));
    }

    @Test
    void historySeriesMirrorsTheDecimatedPointsInItsChartSeries() {
        HistorySeries h = new HistorySeries("loss", 100);
        for (int i = 0; i < 1000; i++) {
            h.add(i, i == 500 ? 1e6 : 1.0 / (i + 1));
        }
        assertTrue(h.size() <= 100);
        assertEquals(0.0, h.series().getX(0).doubleValue());
        assertEquals(999.0, h.lastX());
        boolean spike = false;
        for (int i = 0; i < h.size(); i++) {
            spike |= h.series().getY(i).doubleValue() == 1e6;
        }
        assertTrue(spike);
        h.clear();
        assertEquals(0, h.size());
    }

    @Test
    void aTinyCapacityIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new SeriesDecimator(4));
    }
}
