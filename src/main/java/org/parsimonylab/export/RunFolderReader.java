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
        List<MetricsCsv.Row> rows = new ArrayList<>(MetricsCsv.read(metrics));
        Path timings = dir.resolve("timings.csv");
        if (Files.isRegularFile(timings)) {
            rows.addAll(MetricsCsv.read(timings));
        }
        return new RunFolder(dir, json, history(rows));
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
