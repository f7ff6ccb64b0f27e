package org.parsimonylab.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.parsimonylab.export.AtomicFiles;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.VariantSpec;

/**
 * The table of a sweep (summary.csv): one row per run and trained variant, columns {@code run, trial, variant}, the
 * swept paths, {@code status, steps, steps-to-tolerance, wall-seconds, run-seconds}, then the final value of every
 * scalar metric the runs record ({@code loss} first, then e.g. {@code recovery-error}, {@code relative-error},
 * {@code separation-fit-ratio}, {@code test-accuracy}), and {@code folder}. A run that is not done has one row with
 * its status and empty outcomes. Empty cells mean "not measured"; numbers print as {@link Double#toString}.
 *
 * <p>{@code steps} is the last recorded step; {@code steps-to-tolerance} equals it when the preset's
 * {@code training.lossTolerance} is positive and the final loss is below it, and is empty otherwise;
 * {@code wall-seconds} is the training time the run measured (timings.csv), {@code run-seconds} the wall time of its
 * whole {@code run} process.
 *
 * @param columns the header, in order
 * @param axes the swept columns (between {@code variant} and {@code status})
 * @param rows each row maps every column to its text ("" when empty)
 */
public record SweepSummary(List<String> columns, List<String> axes, List<Map<String, String>> rows) {
    /** The columns before the swept ones. */
    public static final List<String> LEADING = List.of("run", "trial", "variant");

    /** The columns between the swept ones and the metrics. */
    public static final List<String> OUTCOME =
            List.of("status", "steps", "steps-to-tolerance", "wall-seconds", "run-seconds");

    public SweepSummary {
        columns = List.copyOf(columns);
        axes = List.copyOf(axes);
        List<Map<String, String>> copy = new ArrayList<>();
        for (Map<String, String> r : rows) {
            copy.add(java.util.Collections.unmodifiableMap(new LinkedHashMap<>(r)));
        }
        rows = List.copyOf(copy);
    }

    /** The metric columns (after {@code run-seconds}, before {@code folder}). */
    public List<String> metrics() {
        int from = columns.indexOf("run-seconds") + 1;
        int to = columns.indexOf("folder");
        return columns.subList(from, to < 0 ? columns.size() : to);
    }

    /** The numeric columns one can aggregate: steps, steps-to-tolerance, the times and the metrics. */
    public List<String> numericColumns() {
        List<String> out = new ArrayList<>(OUTCOME.subList(1, OUTCOME.size()));
        out.addAll(metrics());
        return out;
    }

    /** Builds the summary of {@code folder} from its plan, status files and run folders. */
    public static SweepSummary build(SweepFolder folder, SweepPlan plan) throws IOException {
        List<String> axes = plan.axisPaths();
        Set<String> metricNames = new LinkedHashSet<>();
        metricNames.add("loss");
        List<Map<String, String>> rows = new ArrayList<>();
        List<Map<String, Double>> finals = new ArrayList<>();
        for (SweepPoint p : plan.points()) {
            RunStatus s = folder.status(p);
            boolean done = folder.isFinished(p);
            Map<String, String> base = new LinkedHashMap<>();
            base.put("run", p.id());
            base.put("trial", Integer.toString(p.trial()));
            base.put("variant", p.variant());
            for (String a : axes) {
                base.put(a, p.values().getOrDefault(a, ""));
            }
            String state = s.state() == RunStatus.State.DONE && !done
                    ? "incomplete"
                    : s.state().label();
            base.put("status", state);
            String folderText = folder.root().relativize(folder.runFolder(p)).toString();
            if (!done) {
                Map<String, String> row = new LinkedHashMap<>(base);
                row.put("run-seconds", number(s.seconds()));
                row.put("folder", folderText);
                rows.add(row);
                finals.add(Map.of());
                continue;
            }
            Path run = folder.runFolder(p);
            Map<String, VariantOutcome> outcomes = outcomes(run);
            for (Map.Entry<String, VariantOutcome> e : outcomes.entrySet()) {
                VariantOutcome o = e.getValue();
                Map<String, String> row = new LinkedHashMap<>(base);
                row.put("variant", e.getKey());
                row.put("steps", Long.toString(o.steps));
                double loss = o.finals.getOrDefault("loss", Double.NaN);
                row.put("steps-to-tolerance", o.tolerance > 0 && loss < o.tolerance ? Long.toString(o.steps) : "");
                row.put("wall-seconds", number(o.wallSeconds));
                row.put("run-seconds", number(s.seconds()));
                row.put("folder", folderText);
                metricNames.addAll(o.finals.keySet());
                rows.add(row);
                finals.add(o.finals);
            }
        }
        List<String> columns = new ArrayList<>(LEADING);
        columns.addAll(axes);
        columns.addAll(OUTCOME);
        columns.addAll(metricNames);
        columns.add("folder");
        List<Map<String, String>> full = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            Map<String, String> row = new LinkedHashMap<>();
            for (String c : columns) {
                String v = rows.get(i).get(c);
                if (v == null && finals.get(i).containsKey(c)) {
                    v = number(finals.get(i).get(c));
                }
                row.put(c, v == null ? "" : v);
            }
            full.add(row);
        }
        return new SweepSummary(columns, axes, full);
    }

    private static final class VariantOutcome {
        long steps = -1;
        double tolerance;
        double wallSeconds = Double.NaN;
        final Map<String, Double> finals = new LinkedHashMap<>();
        final Map<String, Long> finalStep = new LinkedHashMap<>();
    }

    /** Per variant (in metrics.csv order): last step, tolerance, training time and last value of each scalar metric. */
    private static Map<String, VariantOutcome> outcomes(Path run) throws IOException {
        Map<String, VariantOutcome> out = new LinkedHashMap<>();
        for (MetricsCsv.Row r : MetricsCsv.read(run.resolve("metrics.csv"))) {
            VariantOutcome o = out.computeIfAbsent(r.variant(), k -> new VariantOutcome());
            o.steps = Math.max(o.steps, r.step());
            if (r.layer() == MetricSeries.NO_LAYER && r.index() < 0) {
                Long at = o.finalStep.get(r.metric());
                if (at == null || r.step() >= at) {
                    o.finalStep.put(r.metric(), r.step());
                    o.finals.put(r.metric(), r.value());
                }
            }
        }
        Path timings = run.resolve("timings.csv");
        if (Files.isRegularFile(timings)) {
            Map<String, Long> at = new LinkedHashMap<>();
            for (MetricsCsv.Row r : MetricsCsv.read(timings)) {
                VariantOutcome o = out.get(r.variant());
                if (o != null && r.metric().equals("wall-seconds") && r.step() >= at.getOrDefault(r.variant(), -1L)) {
                    at.put(r.variant(), r.step());
                    o.wallSeconds = r.value();
                }
            }
        }
        Path preset = run.resolve("preset.json");
        try {
            String json = Files.readString(preset, StandardCharsets.UTF_8);
            for (VariantSpec v : PresetLoader.parse(json, preset.toString(), List.of())
                    .toExperiment()
                    .variants()) {
                VariantOutcome o = out.get(v.name());
                if (o != null) {
                    o.tolerance = v.training().lossTolerance();
                }
            }
        } catch (NoSuchFileException e) {
            throw new IOException(run + ": no preset.json (not a complete run folder)", e);
        }
        return out;
    }

    private static String number(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }

    /** The rows whose status is done. */
    public List<Map<String, String>> doneRows() {
        return rows.stream().filter(r -> "done".equals(r.get("status"))).toList();
    }

    /** The value of {@code column} in {@code row} as a number, NaN when empty or not a number. */
    public static double value(Map<String, String> row, String column) {
        String v = row.get(column);
        if (v == null || v.isBlank()) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** The CSV text (header and rows, \n line ends; cells with commas or quotes are quoted). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(SweepSummary::cell).toList()))
                .append('\n');
        for (Map<String, String> r : rows) {
            sb.append(String.join(
                            ",",
                            columns.stream()
                                    .map(c -> cell(r.getOrDefault(c, "")))
                                    .toList()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** Writes summary.csv atomically. */
    public void write(Path file) throws IOException {
        AtomicFiles.write(file, toCsv().getBytes(StandardCharsets.UTF_8));
    }

    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** Reads a summary.csv; the swept columns are those between {@code variant} and {@code status}. */
    public static SweepSummary read(Path file) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file (`sweep collect DIR` writes it)");
        }
        if (lines.isEmpty()) {
            throw new IOException(file + ": empty (expected the header run,trial,variant,...)");
        }
        List<String> columns = split(lines.get(0));
        int v = columns.indexOf("variant");
        int s = columns.indexOf("status");
        if (!columns.subList(0, Math.min(3, columns.size())).equals(LEADING) || s < v) {
            throw new IOException(file + ": line 1: expected a header starting run,trial,variant and holding status");
        }
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isEmpty()) {
                continue;
            }
            List<String> cells = split(lines.get(i));
            if (cells.size() != columns.size()) {
                throw new IOException(
                        file + ": line " + (i + 1) + ": " + cells.size() + " cells, the header has " + columns.size());
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                row.put(columns.get(c), cells.get(c));
            }
            rows.add(row);
        }
        return new SweepSummary(columns, columns.subList(v + 1, s), rows);
    }

    private static List<String> split(String line) {
        return org.parsimonylab.export.MetricsCsv.split(line);
    }
}
