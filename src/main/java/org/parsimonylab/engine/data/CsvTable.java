package org.parsimonylab.engine.data;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * A numeric table read from a comma-separated file (gzip-compressed when it starts with the gzip magic bytes): one
 * sample a row, numeric feature columns and one label column (the last, or one named in a header line). Labels may be
 * numbers or words; classes are numbered 0..K−1 in ascending numeric order (or alphabetical order when some label is
 * not a number). Blank lines are skipped.
 *
 * <p>Every problem is reported as one {@link IllegalArgumentException} line naming the file and the line: an empty
 * file, a ragged row, a cell that is not a finite number, a missing label column, or a table beyond the size limits.
 *
 * @param features the feature values, row-major rows×featureCount
 * @param rows number of samples
 * @param featureCount number of feature columns
 * @param labels class index of each row
 * @param classNames the label text of each class index
 */
public record CsvTable(double[] features, int rows, int featureCount, int[] labels, List<String> classNames) {

    /** Most cells (rows × columns) a table may have: 20 million doubles are 160 MB. */
    public static final long MAX_CELLS = 20_000_000L;

    /** Longest line accepted, in characters. */
    public static final int MAX_LINE_CHARS = 1_000_000;

    /** Most bytes read from a file after decompression (a gzip bomb stops here, long before memory runs out). */
    public static final long MAX_BYTES = 1L << 30;

    /** Longest label, in characters. */
    public static final int MAX_LABEL_CHARS = 200;

    /** Number of classes. */
    public int classCount() {
        return classNames.size();
    }

    /**
     * Reads {@code file}; {@code labelColumn} names the label column in a header line, or is empty for the last column
     * (a first line with a non-numeric feature cell is then taken as a header).
     */
    public static CsvTable read(Path file, String labelColumn) {
        String name = file.toString();
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            // A FIFO would block forever and a device (/dev/zero) never ends: only plain files are tables.
            throw new IllegalArgumentException("data.file " + name + ": not a regular file ("
                    + (Files.isDirectory(file) ? "a folder" : "a device, FIFO or socket")
                    + "); give a .csv or .csv.gz file");
        }
        try (InputStream raw = Files.newInputStream(file);
                BufferedReader reader =
                        new BufferedReader(new InputStreamReader(decompress(raw), StandardCharsets.UTF_8))) {
            return parse(reader, name, labelColumn);
        } catch (TooLarge e) {
            throw new IllegalArgumentException("data.file " + name + ": " + e.getMessage(), e);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("data.file " + name + ": no such file");
        } catch (IOException e) {
            throw new IllegalArgumentException("data.file " + name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Reads a table from {@code in} (closed afterwards); {@code name} is used in messages. */
    public static CsvTable read(InputStream in, String name, String labelColumn) {
        return read(in, name, labelColumn, MAX_BYTES);
    }

    /** {@link #read(InputStream, String, String)} with a decompressed-size cap of {@code maxBytes} (for tests). */
    static CsvTable read(InputStream in, String name, String labelColumn, long maxBytes) {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(decompress(in, maxBytes), StandardCharsets.UTF_8))) {
            return parse(reader, name, labelColumn);
        } catch (TooLarge e) {
            throw new IllegalArgumentException("data.file " + name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalArgumentException("data.file " + name + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    private static InputStream decompress(InputStream raw) throws IOException {
        return decompress(raw, MAX_BYTES);
    }

    private static InputStream decompress(InputStream raw, long maxBytes) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return new Capped((b0 == 0x1f && b1 == 0x8b) ? new GZIPInputStream(in) : in, maxBytes);
    }

    /** An input stream that fails once more than {@code limit} bytes were read from it. */
    private static final class Capped extends java.io.FilterInputStream {
        private final long limit;
        private long count;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) {
            count += n;
            if (count > limit) {
                throw new TooLarge("more than " + limit + " bytes of text after decompression");
            }
        }
    }

    /** A table past a size limit while reading: unchecked so that it passes the reader layers unchanged. */
    private static final class TooLarge extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooLarge(String message) {
            super(message);
        }
    }

    private static CsvTable parse(BufferedReader reader, String name, String labelColumn) throws IOException {
        String line;
        int lineNo = 0;
        int columns = -1;
        int labelIndex = -1;
        double[] values = new double[1024];
        int filled = 0;
        List<String> labelTexts = new ArrayList<>();
        boolean first = true;
        BoundedLineReader lines = new BoundedLineReader(reader, MAX_LINE_CHARS);
        while ((line = readLine(lines, name, lineNo + 1)) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(",", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = unquote(cells[i].trim());
            }
            if (first) {
                first = false;
                columns = cells.length;
                if (columns < 2) {
                    throw new IllegalArgumentException(name + " line " + lineNo
                            + ": a table needs at least one feature column and a label column, separated by commas");
                }
                if (!labelColumn.isEmpty()) {
                    labelIndex = Arrays.asList(cells).indexOf(labelColumn);
                    if (labelIndex < 0) {
                        throw new IllegalArgumentException(name + " line " + lineNo + ": no column named '"
                                + labelColumn + "' in the header (data.labelColumn)");
                    }
                    continue;
                }
                labelIndex = columns - 1;
                if (isHeader(cells, labelIndex)) {
                    continue;
                }
            }
            if (cells.length != columns) {
                throw new IllegalArgumentException(
                        name + " line " + lineNo + ": expected " + columns + " columns, found " + cells.length);
            }
            if ((long) (labelTexts.size() + 1) * columns > MAX_CELLS || labelTexts.size() + 1 > DataSpec.MAX_SAMPLES) {
                throw new IllegalArgumentException(name + " line " + lineNo + ": table too large (limits: "
                        + DataSpec.MAX_SAMPLES + " rows, " + MAX_CELLS + " cells)");
            }
            if (filled + columns > values.length) {
                values = Arrays.copyOf(values, Math.max(values.length * 2, filled + columns));
            }
            for (int c = 0; c < columns; c++) {
                if (c == labelIndex) {
                    continue;
                }
                values[filled++] = number(cells[c], name, lineNo, c);
            }
            if (cells[labelIndex].length() > MAX_LABEL_CHARS) {
                throw new IllegalArgumentException(name + " line " + lineNo + ", column " + (labelIndex + 1)
                        + ": a label longer than " + MAX_LABEL_CHARS + " characters");
            }
            if (cells[labelIndex].isEmpty()) {
                throw new IllegalArgumentException(
                        name + " line " + lineNo + ", column " + (labelIndex + 1) + ": the label is empty");
            }
            labelTexts.add(cells[labelIndex]);
        }
        if (labelTexts.isEmpty()) {
            throw new IllegalArgumentException(name + ": the file is empty (no data rows)");
        }
        int featureCount = columns - 1;
        if (featureCount > DataSpec.MAX_DIM) {
            throw new IllegalArgumentException(
                    name + ": " + featureCount + " feature columns, more than the limit " + DataSpec.MAX_DIM);
        }
        return withClasses(Arrays.copyOf(values, filled), labelTexts, featureCount, name);
    }

    private static CsvTable withClasses(double[] values, List<String> labelTexts, int featureCount, String name) {
        boolean numeric = labelTexts.stream().allMatch(CsvTable::isNumber);
        TreeMap<String, Integer> ids = new TreeMap<>(
                numeric ? (a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)) : String::compareTo);
        for (String t : labelTexts) {
            ids.put(t, 0);
        }
        if (ids.size() < 2) {
            throw new IllegalArgumentException(
                    name + ": all rows have the same label '" + labelTexts.get(0) + "'; at least 2 classes are needed");
        }
        int k = 0;
        List<String> names = new ArrayList<>();
        for (var e : ids.entrySet()) {
            e.setValue(k++);
            names.add(e.getKey());
        }
        int[] labels = new int[labelTexts.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = ids.get(labelTexts.get(i));
        }
        return new CsvTable(values, labels.length, featureCount, labels, List.copyOf(names));
    }

    private static String readLine(BoundedLineReader lines, String name, int lineNo) throws IOException {
        try {
            return lines.readLine();
        } catch (BoundedLineReader.TooLong e) {
            throw new IllegalArgumentException(name + " line " + lineNo + ": " + e.getMessage());
        }
    }

    private static boolean isHeader(String[] cells, int labelIndex) {
        for (int c = 0; c < cells.length; c++) {
            if (c != labelIndex && !isNumber(cells[c])) {
                return true;
            }
        }
        return false;
    }

    private static boolean isNumber(String s) {
        try {
            return Double.isFinite(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static double number(String cell, String name, int lineNo, int column) {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!Double.isFinite(v)) {
            String shown = cell.length() > 40 ? cell.substring(0, 40) + "…" : cell;
            throw new IllegalArgumentException(
                    name + " line " + lineNo + ", column " + (column + 1) + ": '" + shown + "' is not a finite number");
        }
        return v;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            return s.substring(1, s.length() - 1).trim();
        }
        return s;
    }
}
