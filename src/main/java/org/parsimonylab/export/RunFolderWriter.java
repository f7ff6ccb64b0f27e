package org.parsimonylab.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.train.BatchOrder;
import org.parsimonylab.engine.train.CheckpointParameters;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/**
 * Writes a run folder, layout 1 of DESIGN.md §5 (preset.json, metrics.csv, data/*.npy,
 * weights/&lt;variant&gt;/step-&lt;8 digits&gt;/W1.npy…WL.npy, README.txt), into a hidden sibling directory that
 * {@link #commit()} renames to the final folder, so that the folder appears complete or not at all. Not thread-safe.
 */
public final class RunFolderWriter implements AutoCloseable {
    /** The run folder layout this class writes. */
    public static final int LAYOUT = 1;

    private static final String METRICS = "metrics.csv";
    private static final String TIMINGS = "timings.csv";
    /** File in the partial folder naming the process that writes it (pid and start time), removed at commit. */
    static final String OWNER = ".owner";
    /** Characters that cannot appear in a folder name on some supported OS (Windows forbids the most). */
    private static final String FORBIDDEN_IN_NAMES = "/\\:*?\"<>|";

    private enum State {
        OPEN,
        COMMITTED,
        CLOSED,
        /** A commit failed after metrics.csv was closed: further writes would be lost, only close() is allowed. */
        FAILED
    }

    private final Path out;
    private final Path target;
    private final Path temp;
    private final Set<String> variants = new LinkedHashSet<>();
    /** Every metric name appended, for README.txt. */
    private final Set<String> written = new LinkedHashSet<>();
    /** The optional files written, for README.txt. */
    private final Set<Extra> files = java.util.EnumSet.noneOf(Extra.class);

    /** Optional parts of a run folder that README.txt describes only when present. */
    private enum Extra {
        TEST_SPLIT,
        BATCH_ORDER,
        BIASES,
        FACTORS,
        TWIN
    }

    private List<String> removedStale = List.of();
    private BufferedWriter metrics;
    private BufferedWriter timings;
    private State state = State.OPEN;

    private RunFolderWriter(Path out, Path target, Path temp) {
        this.out = out;
        this.target = target;
        this.temp = temp;
    }

    /**
     * Starts a run folder at {@code out}, which must not exist or be an empty directory; creates missing parents and
     * a temporary sibling {@code .<name>.partial-<random>}.
     *
     * @throws RunFolderExistsException if {@code out} is a file or a non-empty directory (nothing is changed)
     * @throws IOException with a one-line message naming the path when the file system refuses
     */
    public static RunFolderWriter create(Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        Path name = target.getFileName();
        Path parent = target.getParent();
        if (name == null || parent == null) {
            throw new IOException("cannot write a run folder at " + out + ": name a new folder inside it");
        }
        refuseOccupied(out, target);
        try {
            Files.createDirectories(parent);
        } catch (FileAlreadyExistsException e) {
            // createDirectories reports a file in the way as "already exists", which reads like success.
            throw new IOException("cannot create " + parent + ": " + e.getFile() + " is not a folder", e);
        } catch (IOException e) {
            throw IoMessages.failure("create", parent, e);
        }
        List<String> stale = removeStale(parent, name.toString());
        RunFolderWriter writer = new RunFolderWriter(out, target, createTemporary(parent, name.toString()));
        writer.removedStale = stale;
        return writer;
    }

    /** The hidden partial folders of earlier, killed runs into the same folder that {@link #create} removed. */
    public List<String> removedStale() {
        return removedStale;
    }

    /**
     * Removes {@code .<name>.partial-*} siblings whose owner process (the pid in their {@value #OWNER} file) is gone:
     * a run killed with SIGKILL or a power cut cannot clean up after itself. A partial folder without an owner file is
     * removed when it is older than a day; one whose owner still runs is left alone.
     */
    private static List<String> removeStale(Path parent, String name) {
        List<String> removed = new java.util.ArrayList<>();
        String prefix = StagedFolder.partialPrefix(name);
        try (DirectoryStream<Path> entries =
                Files.newDirectoryStream(parent, p -> p.getFileName().toString().startsWith(prefix))) {
            for (Path dir : entries) {
                if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || ownerAlive(dir)) {
                    continue;
                }
                try {
                    StagedFolder.deleteTree(dir);
                    removed.add(dir.toString());
                } catch (IOException e) {
                    // someone else's folder we cannot delete: leave it
                }
            }
        } catch (IOException e) {
            // an unreadable parent fails later with a clear message
        }
        return List.copyOf(removed);
    }

    private static boolean ownerAlive(Path dir) {
        Path owner = dir.resolve(OWNER);
        try {
            if (!Files.exists(owner)) {
                long age = System.currentTimeMillis()
                        - Files.getLastModifiedTime(dir).toMillis();
                return age < 24L * 3600 * 1000;
            }
            String[] parts =
                    Files.readString(owner, StandardCharsets.UTF_8).strip().split("\\s+");
            long pid = Long.parseLong(parts[0]);
            java.util.Optional<ProcessHandle> h = ProcessHandle.of(pid);
            if (h.isEmpty() || !h.get().isAlive()) {
                return false;
            }
            // A reused pid: the start time recorded by the owner tells it apart.
            if (parts.length > 1) {
                long started = Long.parseLong(parts[1]);
                return h.get()
                        .info()
                        .startInstant()
                        .map(i -> i.toEpochMilli() == started)
                        .orElse(true);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return true; // unsure: keep it
        }
    }

    /** The hidden directory that receives the files until {@link #commit()}. */
    public synchronized Path temporaryDirectory() {
        return temp;
    }

    /** Writes preset.json: the resolved preset as given (UTF-8, a final line break is added when missing). */
    public synchronized void writePreset(String resolvedJson) throws IOException {
        checkOpen();
        Path file = temp.resolve("preset.json");
        String text = resolvedJson.endsWith("\n") ? resolvedJson : resolvedJson + "\n";
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoMessages.failure("write", file, e);
        }
    }

    /**
     * Writes data/X.npy (always, the identity materialised when X is implicit), data/Y.npy (the full target),
     * data/mask.npy when the data has a mask, and data/labels.npy (int64, one per column) when it has labels.
     */
    public synchronized void writeData(Dataset data) throws IOException {
        checkOpen();
        Path dir = directory(temp.resolve("data"));
        Npy.write(dir.resolve("X.npy"), data.inputMatrix());
        Npy.write(dir.resolve("Y.npy"), data.y());
        if (data.mask() != null) {
            Npy.write(dir.resolve("mask.npy"), data.mask());
        }
        if (data.labels() != null) {
            Npy.writeInts(dir.resolve("labels.npy"), data.labels());
        }
        writeTestSplit(data, dir);
    }

    /**
     * With a test split: data/test_indices.npy (int64, ascending: the position of each held-out sample among all
     * samples before the split, i.e. the row of a data file), data/X_test.npy, data/Y_test.npy and
     * data/labels_test.npy, the held-out columns exactly as the run evaluated them.
     */
    private void writeTestSplit(Dataset data, Path dir) throws IOException {
        if (!data.hasTest()) {
            return;
        }
        if (data.testIndices() != null) {
            Npy.writeInts(dir.resolve("test_indices.npy"), data.testIndices());
        }
        Npy.write(dir.resolve("X_test.npy"), data.xTest());
        if (data.yTest() != null) {
            Npy.write(dir.resolve("Y_test.npy"), data.yTest());
        }
        Npy.writeInts(dir.resolve("labels_test.npy"), data.labelsTest());
        files.add(Extra.TEST_SPLIT);
    }

    /**
     * Writes data/batch_order.npy (int64, shape (epochs, N)) when some variant trains on mini-batches (an MLP with 0
     * &lt; training.batchSize &lt; N): row e is the sample order of epoch e, enough epochs for the longest such variant
     * ({@link BatchOrder}); step t trains on columns order[e][jB : (j+1)B] of X.npy, e = t // m, j = t % m, m =
     * ceil(N / B). Every variant draws the same order from the seed; only how far it gets differs.
     *
     * @param maxSteps the step cap of the run (0: each variant's training.steps)
     */
    public synchronized void writeBatchOrder(ExperimentSpec experiment, Dataset data, long maxSteps)
            throws IOException {
        checkOpen();
        int samples = data.sampleCount();
        long epochs = 0;
        for (VariantSpec v : experiment.variants()) {
            int b = v.training().batchSize();
            if (v.network().kind() == NetworkKind.MLP && b > 0 && b < samples) {
                long steps = maxSteps > 0
                        ? Math.min(maxSteps, v.training().steps())
                        : v.training().steps();
                // Steps 0..T each draw a batch: the last evaluation at step T takes one too.
                epochs = Math.max(epochs, BatchOrder.epochsFor(steps + 1, samples, b));
            }
        }
        if (epochs == 0) {
            return;
        }
        if (epochs * samples > Integer.MAX_VALUE - 8) {
            throw new IOException("cannot write data/batch_order.npy: " + epochs + " epochs of " + samples
                    + " samples are too many values for one array");
        }
        int[][] orders = BatchOrder.epochs(experiment.seed(), samples, (int) epochs);
        int[] flat = new int[(int) epochs * samples];
        for (int e = 0; e < orders.length; e++) {
            System.arraycopy(orders[e], 0, flat, e * samples, samples);
        }
        Path dir = directory(temp.resolve("data"));
        Npy.writeInts(dir.resolve("batch_order.npy"), flat, new long[] {epochs, samples});
        files.add(Extra.BATCH_ORDER);
    }

    /**
     * Writes the parameters the weights alone do not give, beside W1.npy … in
     * weights/&lt;variant&gt;/step-&lt;8 digits&gt;/, one &lt;name&gt;.npy (float64, C order) each: biases b1 … bL
     * (shape (out_l, 1), so W @ A + b broadcasts), low-rank factors U_l, S_l, V_l, a twin's U_L1 and V_11 ({@link
     * CheckpointParameters}).
     *
     * @throws IllegalStateException if one of the files exists already
     */
    public synchronized void writeCheckpointParameters(String variant, long step, Map<String, DMatrixRMaj> parameters)
            throws IOException {
        checkOpen();
        checkVariant(variant);
        if (parameters.isEmpty()) {
            return;
        }
        Path dir = directory(temp.resolve("weights").resolve(variant).resolve(stepFolder(step)));
        for (Map.Entry<String, DMatrixRMaj> e : parameters.entrySet()) {
            String name = e.getKey();
            if (!name.matches("[A-Za-z][A-Za-z0-9_]*") || name.matches("W[0-9]+")) {
                throw new IllegalArgumentException("parameter name '" + IoMessages.oneLine(name)
                        + "' must be letters, digits and '_', and not a weight name W<l>");
            }
            Path file = dir.resolve(name + ".npy");
            if (Files.exists(file)) {
                throw new IllegalStateException(
                        "parameter " + name + " of variant " + variant + " at step " + step + " already written");
            }
            Npy.write(file, e.getValue());
            files.add(
                    name.startsWith("b")
                            ? Extra.BIASES
                            : name.endsWith("_L1") || name.endsWith("_11") ? Extra.TWIN : Extra.FACTORS);
        }
    }

    /**
     * Appends one row per value of {@code snap} to metrics.csv, creating it with its header on first use; the timing
     * metrics (wall time, steps/s) go to timings.csv in the same format, so that metrics.csv of two runs of a preset
     * is identical byte for byte.
     */
    public synchronized void appendMetrics(String variant, StepSnapshot snap) throws IOException {
        checkOpen();
        checkVariant(variant);
        // Names are checked before anything is written so that a bad name cannot leave half a snapshot in the file.
        for (MetricSeries s : snap.series()) {
            MetricsCsv.field(s.name());
        }
        variants.add(variant);
        for (MetricSeries s : snap.series()) {
            written.add(s.name());
        }
        Path file = temp.resolve(METRICS);
        try {
            MetricsCsv.appendRows(metricsWriter(), variant, snap, false);
            file = temp.resolve(TIMINGS);
            MetricsCsv.appendRows(timingsWriter(), variant, snap, true);
        } catch (IOException e) {
            throw IoMessages.failure("write", file, e);
        }
    }

    /**
     * Writes weights/&lt;variant&gt;/step-&lt;step, 8 digits zero padded&gt;/W1.npy … WL.npy, float64 matrices in
     * C order with the shapes they have ({@code weights[0]} is W1, the first layer).
     *
     * @throws IllegalStateException if this variant's weights at this step were written already
     */
    public synchronized void writeWeights(String variant, long step, DMatrixRMaj[] weights) throws IOException {
        checkOpen();
        checkVariant(variant);
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0 (got " + step + ")");
        }
        Path dir = temp.resolve("weights").resolve(variant).resolve(stepFolder(step));
        if (Files.exists(dir)) {
            throw new IllegalStateException("weights of variant " + variant + " at step " + step + " already written");
        }
        variants.add(variant);
        directory(dir);
        for (int l = 0; l < weights.length; l++) {
            Npy.write(dir.resolve("W" + (l + 1) + ".npy"), weights[l]);
        }
    }

    /** The checkpoint folder name of a step: {@code step-} and at least 8 digits, so that names sort by step. */
    public static String stepFolder(long step) {
        return String.format(Locale.ROOT, "step-%08d", step);
    }

    /**
     * Writes README.txt: what each file holds (the optional ones only when written), how to load it with NumPy or
     * pandas, and the meaning of every metric this folder's metrics.csv and timings.csv contain, as its probe declares
     * it ({@link MetricCatalog}); {@code metricDocs} ("name: meaning" lines) describe names no probe declares. Call it
     * after the metrics and files are written.
     */
    public synchronized void writeReadme(String title, List<String> metricDocs) throws IOException {
        checkOpen();
        Path file = temp.resolve("README.txt");
        try {
            Files.writeString(file, readme(title, metricDocs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw IoMessages.failure("write", file, e);
        }
    }

    /**
     * Finishes metrics.csv (header only when nothing was appended) and renames the temporary directory to the final
     * folder (atomically where the file system allows; an empty folder in the way is removed first).
     *
     * @return the run folder, as passed to {@link #create(Path)}
     * @throws RunFolderExistsException if something appeared at the final path meanwhile
     */
    public synchronized Path commit() throws IOException {
        checkOpen();
        // Every failure below leaves the temporary directory for close() to remove.
        state = State.FAILED;
        Path file = temp.resolve(METRICS);
        try {
            metricsWriter().close();
            file = temp.resolve(TIMINGS);
            timingsWriter().close();
        } catch (IOException e) {
            throw IoMessages.failure("write", file, e);
        }
        try {
            Files.deleteIfExists(temp.resolve(OWNER));
        } catch (IOException e) {
            throw IoMessages.failure("write", temp.resolve(OWNER), e);
        }
        refuseOccupied(out, target);
        try {
            StagedFolder.moveIntoPlace(temp, target);
        } catch (DirectoryNotEmptyException | FileAlreadyExistsException e) {
            throw new RunFolderExistsException(out, "is not empty");
        }
        state = State.COMMITTED;
        return out;
    }

    /** Without a successful {@link #commit()}, deletes the temporary directory and everything in it. */
    @Override
    public synchronized void close() throws IOException {
        if (state == State.COMMITTED || state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        for (BufferedWriter w : new BufferedWriter[] {metrics, timings}) {
            if (w != null) {
                try {
                    w.close();
                } catch (IOException e) {
                    // The file is deleted next; a failed flush of rows nobody will read does not matter.
                }
            }
        }
        try {
            StagedFolder.deleteTree(temp);
        } catch (IOException e) {
            throw IoMessages.failure("delete", temp, e);
        }
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            String why =
                    switch (state) {
                        case COMMITTED -> "was committed";
                        case CLOSED -> "was closed";
                        default -> "failed to commit";
                    };
            throw new IllegalStateException("run folder " + out + " " + why + "; nothing more can be written");
        }
    }

    /** Variant names become folder names under weights/, so they must be one portable path segment. */
    private static void checkVariant(String variant) {
        boolean ok = variant != null
                && !variant.isEmpty()
                && variant.equals(variant.strip())
                && !variant.endsWith(".")
                && variant.chars().noneMatch(c -> c < 0x20 || c == 0x7f || FORBIDDEN_IN_NAMES.indexOf(c) >= 0);
        if (!ok) {
            throw new IllegalArgumentException(
                    "variant name '" + (variant == null ? "null" : IoMessages.oneLine(variant))
                            + "' cannot be a folder name: use letters, digits, spaces, '-', '_' or '.', not "
                            + FORBIDDEN_IN_NAMES
                            + ", control characters, surrounding spaces or a final '.'");
        }
    }

    private BufferedWriter metricsWriter() throws IOException {
        if (metrics == null) {
            metrics = Files.newBufferedWriter(temp.resolve(METRICS), StandardCharsets.UTF_8);
            metrics.write(MetricsCsv.HEADER);
            metrics.write('\n');
        }
        return metrics;
    }

    private BufferedWriter timingsWriter() throws IOException {
        if (timings == null) {
            timings = Files.newBufferedWriter(temp.resolve(TIMINGS), StandardCharsets.UTF_8);
            timings.write(MetricsCsv.HEADER);
            timings.write('\n');
        }
        return timings;
    }

    private static Path directory(Path dir) throws IOException {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw IoMessages.failure("create", dir, e);
        }
    }

    private static void refuseOccupied(Path out, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(target)) {
                if (entries.iterator().hasNext()) {
                    throw new RunFolderExistsException(out, "is not empty");
                }
            } catch (RunFolderExistsException e) {
                throw e;
            } catch (IOException e) {
                throw IoMessages.failure("list", target, e);
            }
        } else if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new RunFolderExistsException(out, "is not a folder");
        }
    }

    private static Path createTemporary(Path parent, String name) throws IOException {
        Path dir = StagedFolder.createPartial(parent, name);
        try {
            ProcessHandle self = ProcessHandle.current();
            long started = self.info().startInstant().map(i -> i.toEpochMilli()).orElse(0L);
            Files.writeString(dir.resolve(OWNER), self.pid() + " " + started + "\n", StandardCharsets.UTF_8);
            return dir;
        } catch (IOException e) {
            try {
                StagedFolder.deleteTree(dir);
            } catch (IOException ignored) {
                // nothing more to do; the next run removes it
            }
            throw IoMessages.failure("write to", dir, e);
        }
    }

    private String readme(String title, List<String> metricDocs) {
        String variant = variants.isEmpty() ? "<variant>" : variants.iterator().next();
        StringBuilder sb = new StringBuilder();
        sb.append(title).append("\n\n");
        sb.append("Parsimony Lab run folder, layout ").append(LAYOUT).append(".\n");
        if (!variants.isEmpty()) {
            sb.append("Variants: ").append(String.join(", ", variants)).append(".\n");
        }
        sb.append(
                """

                Files
                  preset.json      the resolved preset (JSON, every default filled in); running it again
                                   reproduces this run
                  metrics.csv      the metrics in long format, one value per row:
                                   step,variant,metric,layer,index,value
                                   layer and index are empty where they do not apply; values are exact decimal
                                   doubles, with nan, inf and -inf for the special values
                  timings.csv      the same format for the measurements of time (wall-seconds: training time so
                                   far, steps-per-second), which differ from run to run
                  events.csv       step,variant,field,value: each change of a training field during the run,
                                   applied before the update of that step (the learning-rate schedule of
                                   preset.json, live changes in the app included)
                  data/X.npy       the (training) inputs X, float64, shape (input dim, N); the identity for
                                   factorization and completion
                  data/Y.npy       the full target Y, float64, shape (output dim, N); for completion the whole
                                   matrix, observed or not
                  data/mask.npy    completion only: float64, the shape of Y, 1 where Y is observed, 0 elsewhere
                  data/labels.npy  classification only: int64, shape (N,), the class of each column of X
                """);
        if (files.contains(Extra.TEST_SPLIT)) {
            sb.append(
                    """
                      data/test_indices.npy
                                       int64, shape (N_test,): the held-out samples, as positions among all samples
                                       before the split (the row of the data file; 0-based, ascending); the other
                                       samples, in file order, are the columns of X.npy
                      data/X_test.npy, data/Y_test.npy, data/labels_test.npy
                                       the held-out inputs (input dim, N_test) as the run evaluated them (after the
                                       same scaling or whitening as X), one-hot targets and classes; test-accuracy is
                                       measured on them
                    """);
        }
        if (files.contains(Extra.BATCH_ORDER)) {
            sb.append(
                    """
                      data/batch_order.npy
                                       int64, shape (epochs, N): the sample order of each epoch of mini-batch
                                       training; step t (from 0, every step including the last draws a batch) trains
                                       on X[:, order[e, j*B:(j+1)*B]] with m = ceil(N/B) batches per epoch, e = t // m,
                                       j = t % m, B = training.batchSize; the recorded loss is that batch's loss
                    """);
        }
        sb.append(
                """
                  weights/<variant>/step-<8 digits>/W1.npy ... WL.npy
                                   the weights after that many steps, float64, C order; Wl has shape
                                   (width of layer l, width of layer l-1), so the first layer computes W1 @ X
                """);
        if (files.contains(Extra.BIASES)) {
            sb.append(
                    """
                      weights/<variant>/step-<8 digits>/b1.npy ... bL.npy
                                       MLPs with network.bias: the biases, float64, shape (width of layer l, 1), so
                                       layer l computes Wl @ A + bl (activation after every layer but the last)
                    """);
        }
        if (files.contains(Extra.FACTORS)) {
            sb.append(
                    """
                      weights/<variant>/step-<8 digits>/U1.npy, S1.npy, V1.npy ... (layers 1..L-1)
                                       low-rank MLPs: the trained factors of Wl = Ul @ Sl @ Vl.T, Ul (out, k),
                                       Sl (k, k), Vl (in, k); Wl.npy holds their product
                    """);
        }
        if (files.contains(Extra.TWIN)) {
            sb.append(
                    """
                      weights/<variant>/step-<8 digits>/U_L1.npy, V_11.npy
                                       parsimony twins trained in their k x k reduction: the frozen outer factors
                                       U_{L,1} (output dim, k) and V_{1,1} (input dim, k); the network's end-to-end
                                       matrix is U_L1 @ WL @ ... @ W1 @ V_11.T
                    """);
        }
        sb.append(
                """
                  README.txt       this file

                Loading in Python (run from this folder)
                  import numpy as np
                  X = np.load("data/X.npy")
                  Y = np.load("data/Y.npy")
                  W1 = np.load("weights/%1$s/step-00000000/W1.npy")

                  import pandas as pd
                  m = pd.read_csv("metrics.csv", dtype={"layer": "Int64", "index": "Int64"})
                  loss = m[(m.variant == "%1$s") & (m.metric == "loss")][["step", "value"]]

                  # without pandas; empty layer and index columns read as -1
                  m = np.genfromtxt("metrics.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
                  sv1 = m[(m["variant"] == "%1$s") & (m["metric"] == "sv") & (m["layer"] == 1)]

                Metrics (every metric this run wrote, as its probe declares it)
                """
                        .formatted(variant));
        for (String doc : metricLines(metricDocs)) {
            sb.append("  ").append(IoMessages.oneLine(doc)).append('\n');
        }
        return sb.toString();
    }

    /** "name: meaning" for every written metric: catalogue order first, then names only {@code extra} knows. */
    private List<String> metricLines(List<String> extra) {
        List<String> out = new java.util.ArrayList<>();
        Set<String> left = new LinkedHashSet<>(written);
        for (org.parsimonylab.metrics.MetricDoc doc : MetricCatalog.all()) {
            if (left.remove(doc.name())) {
                out.add(doc.name() + ": " + doc.meaning());
            }
        }
        for (String name : left) {
            String line = extra.stream()
                    .filter(d -> d.startsWith(name + ": "))
                    .findFirst()
                    .orElse(name + ": (not declared by any probe)");
            out.add(line);
        }
        if (out.isEmpty()) {
            out.add("(no metrics were recorded)");
        }
        return out;
    }
}
