package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metric names of metrics.csv (DESIGN.md §5) with what each value means, gathered from what the recorder and
 * every probe declare they write ({@code METRICS} of each class): the README.txt of a run folder lists the meaning of
 * every metric the run wrote from here. A probe class that writes a metric must declare it and be listed in
 * {@link #SOURCES}; a test runs every shipped preset and checks that each written name is documented.
 */
public final class MetricCatalog {
    /** The declarations, in the order metrics appear in a snapshot: recorder first, then the probes. */
    public static final List<List<MetricDoc>> SOURCES = List.of(
            MetricsRecorder.METRICS,
            SpectrumProbe.METRICS,
            TheoryProbe.METRICS,
            TheoryAbsenceProbe.METRICS,
            UpdateEnergyProbe.METRICS,
            SubspaceAngleProbe.METRICS,
            AlignmentProbe.METRICS,
            EndToEndProbe.METRICS,
            SeparationProbe.METRICS,
            AccuracyProbe.METRICS,
            LayerSubspaceProbe.METRICS);

    private static final Map<String, String> DOCS = new LinkedHashMap<>();

    static {
        for (List<MetricDoc> source : SOURCES) {
            for (MetricDoc doc : source) {
                String before = DOCS.putIfAbsent(doc.name(), doc.meaning());
                if (before != null) {
                    throw new IllegalStateException("metric " + doc.name() + " is declared twice");
                }
            }
        }
    }

    private MetricCatalog() {}

    /** The description of {@code name}, or null if no probe declares it. */
    public static String describe(String name) {
        return DOCS.get(name);
    }

    /** Every declared metric, in catalogue order. */
    public static List<MetricDoc> all() {
        List<MetricDoc> out = new ArrayList<>();
        DOCS.forEach((name, meaning) -> out.add(new MetricDoc(name, meaning)));
        return out;
    }

    /** "name: description" lines, in catalogue order. */
    public static List<String> lines() {
        return DOCS.entrySet().stream()
                .map(e -> e.getKey() + ": " + e.getValue())
                .toList();
    }
}
