package org.parsimonylab.chart;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;

/**
 * Histories of several named lines per layer, of which the selected layer's are in the dataset: every layer keeps
 * recording so that switching layers shows the whole run at once.
 */
final class LayerHistories {
    private final TreeMap<Integer, Map<String, HistorySeries>> byLayer = new TreeMap<>();
    private final XYSeriesCollection dataset;
    private int selected = 1;

    LayerHistories(XYSeriesCollection dataset) {
        this.dataset = dataset;
    }

    /** The line {@code key} of {@code layer}; returns whether it was created (and, if selected, added). */
    HistorySeries line(int layer, String key) {
        Map<String, HistorySeries> lines = byLayer.computeIfAbsent(layer, l -> new LinkedHashMap<>());
        HistorySeries h = lines.get(key);
        if (h == null) {
            h = new HistorySeries(key, HistorySeries.DEFAULT_CAPACITY);
            lines.put(key, h);
            if (layer == selected || layer == MetricSeries.NO_LAYER) {
                dataset.addSeries(h.series());
            }
        }
        return h;
    }

    /** Puts {@code layer}'s lines into the dataset. */
    void select(int layer) {
        selected = layer;
        dataset.removeAllSeries();
        for (HistorySeries h : byLayer.getOrDefault(layer, Map.of()).values()) {
            dataset.addSeries(h.series());
        }
        if (layer != MetricSeries.NO_LAYER) {
            for (HistorySeries h :
                    byLayer.getOrDefault(MetricSeries.NO_LAYER, Map.of()).values()) {
                dataset.addSeries(h.series());
            }
        }
    }

    int selected() {
        return selected;
    }

    /** Whether lines of {@code layer} are in the dataset. */
    boolean shows(int layer) {
        return layer == selected || layer == MetricSeries.NO_LAYER;
    }

    void clear() {
        byLayer.clear();
        dataset.removeAllSeries();
    }
}
