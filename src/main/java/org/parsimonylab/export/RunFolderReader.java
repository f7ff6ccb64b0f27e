package org.parsimonylab.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * Reads a run folder (DESIGN.md §5, layout 1) back into what figures are drawn from: the preset JSON text and a
 * {@link RunHistory} rebuilt from metrics.csv, one {@link StepSnapshot} per variant and step with the metrics in file
 * order, plus the timing rows of timings.csv when the folder has one.
 */
public final class RunFolderReader {
    private RunFolderReader() {}

    /**
     * A run folder's contents.
     *
     * @param folder the folder
     * @param presetJson preset.json as written
     * @param history the metrics, per variant
     */
    public record RunFolder(Path folder, String presetJson, RunHistory history) {}

    /** Whether {@code dir} looks like a run folder (a directory with preset.json and metrics.csv). */
    public static boolean isRunFolder(Path dir) {
        return Files.isDirectory(dir)
                && Files.isRegularFile(dir.resolve("preset.json"))
                && Files.isRegularFile(dir.resolve("metrics.csv"));
    }

    /** Reads {@code dir}; one-line IOException naming the file when something is missing or malformed. */
    public static RunFolder read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("cannot open run folder " + dir + ": not a folder");
        }
        Path preset = dir.resolve("preset.json");
        String json;
        try {
            json = Files.readString(preset, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot open run folder " + dir + ": it has no preset.json", e);
        } catch (IOException e) {
            throw IoMessages.failure("read", preset, e);
        }
        Path metrics = dir.resolve("metrics.csv");
        if (!Files.isRegularFile(metrics)) {
            throw new IOException("cannot open run folder " + dir + ": it has no metrics.csv");
        }
        return new RunFolder(dir, json, streamHistory(metrics, dir.resolve("timings.csv")));
    }

    /**
     * Snapshots per variant that fit in about {@code 1/8} of the heap when one snapshot holds {@code values} numbers
     * in {@code series} series: between 16 and {@link #MAX_CAPACITY}. A longer history is thinned evenly.
     */
    public static int capacityFor(int values, int series) {
        double bytes = 8.0 * values + 96.0 * series + 64;
        double budget = Runtime.getRuntime().maxMemory() / 8.0;
        return (int) Math.max(16, Math.min(MAX_CAPACITY, budget / bytes));
    }

    /** The most snapshots per variant a history read from a run folder keeps (more are thinned evenly). */
    public static final int MAX_CAPACITY = 20_000;

    /**
     * Reads metrics.csv row by row into a bounded history (consecutive rows of one variant and step make a snapshot),
     * then adds the timings of the snapshots kept: memory stays bounded whatever the length of the run.
     */
    private static RunHistory streamHistory(Path metrics, Path timings) throws IOException {
        Grouper g = new Grouper();
        MetricsCsv.stream(metrics, g::accept);
        g.flush();
        if (g.decimated == null) {
            return new RunHistory();
        }
        g.history = g.decimated.toRunHistory();
        if (!Files.isRegularFile(timings)) {
            return g.history;
        }
        Map<String, Map<Long, List<MetricsCsv.Row>>> kept = new LinkedHashMap<>();
        for (String v : g.history.variants()) {
            Map<Long, List<MetricsCsv.Row>> steps = new LinkedHashMap<>();
            for (StepSnapshot snap : g.history.snapshots(v)) {
                steps.put(snap.step(), new ArrayList<>());
            }
            kept.put(v, steps);
        }
        MetricsCsv.stream(timings, r -> {
            Map<Long, List<MetricsCsv.Row>> steps = kept.get(r.variant());
            List<MetricsCsv.Row> rows = steps == null ? null : steps.get(r.step());
            if (rows != null) {
                rows.add(r);
            }
        });
        RunHistory merged = new RunHistory(g.history.capacity());
        // the decimated history already holds at most its capacity; this copy adds the timings
        for (String v : g.history.variants()) {
            for (StepSnapshot snap : g.history.snapshots(v)) {
                List<MetricsCsv.Row> extra = kept.get(v).get(snap.step());
                if (extra.isEmpty()) {
                    merged.add(v, snap);
                    continue;
                }
                List<MetricSeries> series = new ArrayList<>(snap.series());
                series.addAll(seriesOf(extra));
                merged.add(v, new StepSnapshot(snap.step(), elapsed(series), series));
            }
        }
        return merged;
    }

    /** Collects consecutive rows of one variant and step into a snapshot of a history sized by the first one. */
    private static final class Grouper {
        DecimatedHistory decimated;
        RunHistory history;
        String variant;
        long step;
        final List<MetricsCsv.Row> rows = new ArrayList<>();

        void accept(MetricsCsv.Row r) {
            if (!rows.isEmpty() && (r.step() != step || !r.variant().equals(variant))) {
                flush();
            }
            variant = r.variant();
            step = r.step();
            rows.add(r);
        }

        void flush() {
            if (rows.isEmpty()) {
                return;
            }
            List<MetricSeries> series = seriesOf(rows);
            if (decimated == null) {
                decimated = new DecimatedHistory(capacityFor(rows.size(), series.size()));
            }
            decimated.add(variant, new StepSnapshot(step, elapsed(series), series));
            rows.clear();
        }
    }

    private static List<MetricSeries> seriesOf(List<MetricsCsv.Row> rows) {
        Map<String, List<MetricsCsv.Row>> byMetric = new LinkedHashMap<>();
        for (MetricsCsv.Row r : rows) {
            byMetric.computeIfAbsent(r.metric() + "\u0000" + r.layer(), k -> new ArrayList<>())
                    .add(r);
        }
        List<MetricSeries> series = new ArrayList<>();
        for (List<MetricsCsv.Row> m : byMetric.values()) {
            series.add(series(m));
        }
        return series;
    }

    private static double elapsed(List<MetricSeries> series) {
        // training time comes back from timings.csv's wall-seconds rows; without them it is unknown
        return series.stream()
                .filter(x -> x.name().equals("wall-seconds"))
                .mapToDouble(MetricSeries::value)
                .findFirst()
                .orElse(Double.NaN);
    }

    /** The snapshots that {@code rows} hold, grouped by variant and step (rows of one step are contiguous). */
    public static RunHistory history(List<MetricsCsv.Row> rows) {
        // Enough room for every step: a run folder's history is exactly what was written, not thinned.
        Map<String, Map<Long, Map<String, List<MetricsCsv.Row>>>> grouped = new LinkedHashMap<>();
        for (MetricsCsv.Row r : rows) {
            grouped.computeIfAbsent(r.variant(), v -> new LinkedHashMap<>())
                    .computeIfAbsent(r.step(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(r.metric() + "\u0000" + r.layer(), k -> new ArrayList<>())
                    .add(r);
        }
        int most = 4;
        for (Map<Long, ?> steps : grouped.values()) {
            most = Math.max(most, steps.size());
        }
        RunHistory history = new RunHistory(most);
        for (Map.Entry<String, Map<Long, Map<String, List<MetricsCsv.Row>>>> v : grouped.entrySet()) {
            List<Long> steps = new ArrayList<>(v.getValue().keySet());
            steps.sort(null);
            for (long step : steps) {
                List<MetricSeries> series = new ArrayList<>();
                for (List<MetricsCsv.Row> m : v.getValue().get(step).values()) {
                    series.add(series(m));
                }
                // training time comes back from timings.csv's wall-seconds rows; without them it is unknown
                double elapsed = series.stream()
                        .filter(x -> x.name().equals("wall-seconds"))
                        .mapToDouble(MetricSeries::value)
                        .findFirst()
                        .orElse(Double.NaN);
                history.add(v.getKey(), new StepSnapshot(step, elapsed, series));
            }
        }
        return history;
    }

    private static MetricSeries series(List<MetricsCsv.Row> rows) {
        MetricsCsv.Row first = rows.get(0);
        if (first.index() < 0) {
            return new MetricSeries(first.metric(), first.layer(), new double[] {first.value()}, false);
        }
        int n = 0;
        for (MetricsCsv.Row r : rows) {
            n = Math.max(n, r.index() + 1);
        }
        double[] values = new double[n];
        java.util.Arrays.fill(values, Double.NaN);
        for (MetricsCsv.Row r : rows) {
            values[r.index()] = r.value();
        }
        return new MetricSeries(first.metric(), first.layer(), values, true);
    }
}
