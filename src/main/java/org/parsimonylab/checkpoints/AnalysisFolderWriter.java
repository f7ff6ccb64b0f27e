package org.parsimonylab.checkpoints;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.parsimonylab.export.MetricsCsv;
import org.parsimonylab.export.StagedFolder;

/**
 * Writes an analysis folder like a run folder (DESIGN.md §5): {@code metrics.csv} in the same long format
 * ({@code step,variant,metric,layer,index,value}, with {@code layer} = the tensor's name and {@code variant} = the
 * series' name), {@code selection.csv} (the tensors analysed and their matrix shapes), {@code checkpoints.csv} (each
 * checkpoint's step, file and where its step came from), {@code README.txt}, and figures. Everything goes into a
 * hidden sibling {@code .<name>.partial-<random>} that {@link #commit()} renames to the final folder
 * ({@link StagedFolder}), so the folder appears complete or not at all; {@link #close()} without commit removes it. Not thread-safe.
 */
public final class AnalysisFolderWriter implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final BufferedWriter metrics;
    private final BufferedWriter selection;
    private final BufferedWriter checkpoints;
    private boolean committed;
    private boolean closed;

    private AnalysisFolderWriter(Path target, Path temp) throws IOException {
        this.target = target;
        this.temp = temp;
        this.metrics = open("metrics.csv", MetricsCsv.HEADER);
        this.selection = open("selection.csv", "variant,tensor,shape,dtype,rows,cols,reshaped");
        this.checkpoints = open("checkpoints.csv", "variant,step,format,step_from,path");
    }

    /**
     * Starts the folder {@code out}, which must not exist or be an empty folder.
     *
     * @throws IOException naming the path when it is occupied or cannot be created (nothing is changed)
     */
    public static AnalysisFolderWriter create(Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null || target.getFileName() == null) {
            throw new IOException("cannot write an analysis folder at " + out + ": name a new folder");
        }
        if (Files.isRegularFile(target)) {
            throw new IllegalArgumentException(out + " is a file; --out must name a new or empty folder");
        }
        if (Files.isDirectory(target)) {
            try (Stream<Path> s = Files.list(target)) {
                if (s.findAny().isPresent()) {
                    throw new IllegalArgumentException(out + " is not empty; --out must name a new or empty folder");
                }
            }
        }
        Files.createDirectories(parent);
        Path temp = StagedFolder.createPartial(parent, target.getFileName().toString());
        try {
            return new AnalysisFolderWriter(target, temp);
        } catch (IOException e) {
            StagedFolder.deleteTree(temp);
            throw e;
        }
    }

    /** The hidden folder receiving the files until {@link #commit()} (figures are written into it). */
    public Path temporaryDirectory() {
        return temp;
    }

    /** Appends the rows of one checkpoint's measurements to metrics.csv. */
    public void append(CheckpointMetrics m) throws IOException {
        checkOpen();
        String prefix = m.step() + "," + field(m.series()) + ",";
        StringBuilder sb = new StringBuilder();
        for (TensorMetric t : m.metrics()) {
            String head = prefix + field(t.metric()) + "," + field(t.tensor()) + ",";
            double[] values = t.values();
            for (int i = 0; i < values.length; i++) {
                sb.append(head);
                if (t.indexed()) {
                    sb.append(i);
                }
                sb.append(',').append(format(values[i])).append('\n');
            }
        }
        metrics.write(sb.toString());
    }

    /** Records a checkpoint read (checkpoints.csv). */
    public void checkpoint(String series, Checkpoint c) throws IOException {
        checkOpen();
        checkpoints.write(String.join(
                        ",",
                        field(series),
                        Long.toString(c.step()),
                        c.format().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        c.stepFromMetadata() ? "metadata" : "name",
                        field(c.path().toAbsolutePath().toString()))
                + "\n");
    }

    /** Whether {@code dir} holds what this writer writes (metrics.csv and selection.csv): an analysis folder. */
    public static boolean isAnalysisFolder(Path dir) {
        return java.nio.file.Files.isRegularFile(dir.resolve("metrics.csv"))
                && java.nio.file.Files.isRegularFile(dir.resolve("selection.csv"));
    }

    /** Records the tensors of a series (selection.csv). */
    public void selection(String series, List<SelectedTensor> tensors) throws IOException {
        checkOpen();
        for (SelectedTensor t : tensors) {
            selection.write(String.join(
                            ",",
                            field(series),
                            field(t.name()),
                            field(Arrays.toString(t.shape()).replace(", ", "x").replaceAll("[\\[\\]]", "")),
                            field(t.dtypeName()),
                            Integer.toString(t.rows()),
                            Integer.toString(t.cols()),
                            Boolean.toString(t.reshaped()))
                    + "\n");
        }
    }

    /** Writes README.txt. */
    public void readme(String text) throws IOException {
        checkOpen();
        Files.writeString(temp.resolve("README.txt"), text, StandardCharsets.UTF_8);
    }

    /**
     * Closes the files and renames the hidden folder to the final one (an empty folder in the way is replaced).
     *
     * @return the final folder
     */
    public Path commit() throws IOException {
        checkOpen();
        metrics.close();
        selection.close();
        checkpoints.close();
        try {
            StagedFolder.moveIntoPlace(temp, target);
        } catch (DirectoryNotEmptyException e) {
            throw new IOException("cannot write " + target + ": something appeared in it meanwhile", e);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("cannot write " + target + ": it appeared meanwhile", e);
        }
        committed = true;
        return target;
    }

    /** Removes the hidden folder unless committed. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (!committed) {
            for (BufferedWriter w : new BufferedWriter[] {metrics, selection, checkpoints}) {
                try {
                    w.close();
                } catch (IOException ignored) {
                    // the folder is being removed anyway
                }
            }
            StagedFolder.deleteTree(temp);
        }
    }

    private BufferedWriter open(String name, String header) throws IOException {
        BufferedWriter w = Files.newBufferedWriter(temp.resolve(name), StandardCharsets.UTF_8);
        w.write(header);
        w.write('\n');
        return w;
    }

    private void checkOpen() {
        if (committed || closed) {
            throw new IllegalStateException("the analysis folder is already " + (committed ? "committed" : "closed"));
        }
    }

    /** As MetricsCsv writes values: Double.toString, or nan/inf/-inf. */
    static String format(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return Double.toString(v);
    }

    /** A CSV field, quoted (RFC 4180) when it holds a comma or a quote; line breaks are refused. */
    static String field(String s) {
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("name must not contain a line break: " + s.strip());
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
