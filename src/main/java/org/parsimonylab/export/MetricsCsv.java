package org.parsimonylab.export;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.MetricsRecorder;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The metrics.csv of a run folder (DESIGN.md §5, long format): header {@code step,variant,metric,layer,index,value},
 * one row per value; layer and index are empty when absent (an analysis folder's layer holds tensor names), values are printed by {@link Double#toString} with
 * NaN and infinities as {@code nan}, {@code inf}, {@code -inf}.
 */
public final class MetricsCsv {
    /** The header line, without line break. */
    public static final String HEADER = "step,variant,metric,layer,index,value";

    private static final int FIELDS = 6;

    private MetricsCsv() {}

    /**
     * One value of metrics.csv.
     *
     * @param step the training step
     * @param variant the variant name
     * @param metric the metric name
     * @param layer the layer, or {@link MetricSeries#NO_LAYER} when the column is empty; when the column holds names
     *     (an analysis folder's tensor names), the name's number: 1, 2, … in order of first appearance in the file
     * @param index the index within an indexed metric, or -1 when the column is empty
     * @param value the value (may be NaN or infinite)
     * @param layerName the layer column as written: a number, a tensor's name, or "" when empty
     */
    public record Row(long step, String variant, String metric, int layer, int index, double value, String layerName) {
        /** A row whose layer is a number (or {@link MetricSeries#NO_LAYER}). */
        public Row(long step, String variant, String metric, int layer, int index, double value) {
            this(
                    step,
                    variant,
                    metric,
                    layer,
                    index,
                    value,
                    layer == MetricSeries.NO_LAYER ? "" : Integer.toString(layer));
        }
    }

    /** Largest index accepted in a row: far above any layer's min(rows, cols), so a corrupted file cannot ask for
     * a gigantic array. */
    public static final int MAX_INDEX = 100_000;

    /** Longest line accepted, in characters (a row is well below 200). */
    public static final int MAX_LINE_CHARS = 10_000;

    /** Reads every row of a metrics.csv file; malformed lines give an IOException naming the file and line. */
    public static List<Row> read(Path path) throws IOException {
        List<Row> rows = new ArrayList<>();
        stream(path, rows::add);
        return rows;
    }

    /**
     * Hands every row of a metrics.csv file to {@code sink} in file order without holding them (for files of any
     * length); malformed lines give an IOException naming the file and line.
     */
    public static void stream(Path path, java.util.function.Consumer<Row> sink) throws IOException {
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new IOException(path + ": not a regular file");
        }
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            readRows(in, sink);
        } catch (FormatException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw IoMessages.failure("read", path, e);
        }
    }

    private static void readRows(BufferedReader in, java.util.function.Consumer<Row> sink) throws IOException {
        String header = in.readLine();
        if (header == null || !stripBom(header).equals(HEADER)) {
            throw new FormatException("line 1: expected the header " + HEADER);
        }
        String line;
        long lineNumber = 1;
        LayerNames names = new LayerNames();
        org.parsimonylab.engine.data.BoundedLineReader lines =
                new org.parsimonylab.engine.data.BoundedLineReader(in, MAX_LINE_CHARS);
        while ((line = next(lines, lineNumber + 1)) != null) {
            lineNumber++;
            if (line.isEmpty()) {
                continue;
            }
            Row row;
            try {
                row = parse(line, names);
            } catch (IllegalArgumentException e) {
                throw new FormatException("line " + lineNumber + ": " + e.getMessage());
            }
            sink.accept(row);
        }
    }

    /** Appends the rows of one snapshot (lines ending in \n) to {@code out}. */
    static void appendRows(Appendable out, String variant, StepSnapshot snap) throws IOException {
        appendRows(out, variant, snap, false);
        appendRows(out, variant, snap, true);
    }

    /**
     * Appends the rows of the timing metrics ({@link MetricsRecorder#TIMING_METRICS}) when {@code timings}, else of
     * every other metric: timings measure the machine and differ between runs, the rest is the same bit for bit.
     */
    static void appendRows(Appendable out, String variant, StepSnapshot snap, boolean timings) throws IOException {
        String prefix = snap.step() + "," + field(variant) + ",";
        for (MetricSeries s : snap.series()) {
            if (MetricsRecorder.TIMING_METRICS.contains(s.name()) != timings) {
                continue;
            }
            String layer = s.layer() == MetricSeries.NO_LAYER ? "" : Integer.toString(s.layer());
            String head = prefix + field(s.name()) + "," + layer + ",";
            double[] values = s.values();
            for (int i = 0; i < values.length; i++) {
                out.append(head);
                if (s.indexed()) {
                    out.append(Integer.toString(i));
                }
                out.append(',').append(format(values[i])).append('\n');
            }
        }
    }

    /** A value as written: {@link Double#toString} (exact round trip) or nan/inf/-inf, which NumPy and pandas parse. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** A name as a CSV field, quoted (RFC 4180) when it holds a comma or a quote. */
    static String field(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("name must not contain a line break: " + IoMessages.oneLine(s));
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static Row parse(String line, LayerNames names) {
        List<String> f = split(line);
        if (f.size() != FIELDS) {
            throw new IllegalArgumentException("expected " + FIELDS + " fields, found " + f.size());
        }
        String layer = f.get(3);
        return new Row(
                parseLong("step", f.get(0)),
                f.get(1),
                f.get(2),
                names.number(layer),
                f.get(4).isEmpty() ? -1 : index(f.get(4)),
                parseValue(f.get(5)),
                layer.strip());
    }

    /**
     * The layer column of one file: numbers (a run folder) or names (an analysis folder: tensor names, numbered 1, 2,
     * … in order of first appearance, the order of its selection.csv); one file uses one kind.
     */
    private static final class LayerNames {
        private final java.util.Map<String, Integer> numbers = new java.util.HashMap<>();
        private boolean numeric;

        int number(String column) {
            String s = column.strip();
            if (s.isEmpty()) {
                return MetricSeries.NO_LAYER;
            }
            if (s.matches("[+-]?[0-9]+")) {
                if (!numbers.isEmpty()) {
                    throw new IllegalArgumentException("layer " + s + " is a number, but earlier rows name their"
                            + " layers (one file holds layer numbers or tensor names, not both)");
                }
                numeric = true;
                return (int) parseLong("layer", s);
            }
            if (numeric) {
                throw new IllegalArgumentException("layer '" + s + "' is a name, but earlier rows number their"
                        + " layers (one file holds layer numbers or tensor names, not both)");
            }
            Integer n = numbers.get(s);
            if (n == null) {
                n = numbers.size() + 1;
                numbers.put(s, n);
            }
            return n;
        }
    }

    private static String next(org.parsimonylab.engine.data.BoundedLineReader lines, long lineNumber)
            throws IOException {
        try {
            return lines.readLine();
        } catch (org.parsimonylab.engine.data.BoundedLineReader.TooLong e) {
            throw new FormatException("line " + lineNumber + ": " + e.getMessage());
        }
    }

    private static int index(String s) {
        long v = parseLong("index", s);
        if (v > MAX_INDEX) {
            throw new IllegalArgumentException("index " + v + " is out of range (at most " + MAX_INDEX + ")");
        }
        return (int) v;
    }

    private static long parseLong(String column, String s) {
        try {
            long v = Long.parseLong(s.strip());
            if (!column.equals("step") && (v < 0 || v > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException(column + " " + s + " is out of range");
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(column + " '" + s + "' is not an integer");
        }
    }

    private static double parseValue(String s) {
        String t = s.strip();
        switch (t.toLowerCase(Locale.ROOT)) {
            case "nan":
            case "":
                return Double.NaN;
            case "inf":
            case "+inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            case "-inf":
            case "-infinity":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("value '" + s + "' is not a number");
        }
    }

    /**
     * Splits one line at commas outside double quotes, undoing RFC 4180 quoting; the one CSV line reader of the
     * project (ChartCsv, SweepSummary, the checkpoints window). An unterminated quote is an IllegalArgumentException.
     */
    public static List<String> split(String line) {
        List<String> fields = new ArrayList<>(FIELDS);
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (quoted) {
            throw new IllegalArgumentException("unterminated quoted field");
        }
        fields.add(cur.toString());
        return fields;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
