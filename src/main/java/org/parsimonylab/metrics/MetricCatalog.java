package org.parsimonylab.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The documented metric names of metrics.csv (DESIGN.md §5) with what each value means; every probe's metrics are
 * listed here so that run folders and the README can explain them.
 */
public final class MetricCatalog {
    private static final Map<String, String> DOCS = new LinkedHashMap<>();

    static {
        DOCS.put("loss", "training loss at the step, in the preset's convention (layer and index empty)");
        DOCS.put("sv", "singular values of weight W_layer (layer 1..L, W1 first), index 0 = largest (papers.md M1)");
        DOCS.put(
                "separation",
                "class separation D_l = tr(Sigma_W)/tr(Sigma_B) of feature layer l = 0..L-1, 0 = the input X"
                        + " (papers.md M3)");
        DOCS.put("separation-fit-ratio", "factor by which D_l falls per layer in the least-squares fit of log D_l");
        DOCS.put("separation-fit-r2", "R^2 of that fit in log space (1 = exactly geometric)");
    }

    private MetricCatalog() {}

    /** The description of {@code name}, or null if undocumented. */
    public static String describe(String name) {
        return DOCS.get(name);
    }

    /** "name: description" lines, in catalogue order. */
    public static List<String> lines() {
        return DOCS.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .toList();
    }
}
