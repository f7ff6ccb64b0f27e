package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;

/**
 * A run folder can be re-checked without this program: from the exported files alone (weights, biases, low-rank
 * factors, a twin's outer factors, the test split's indices and the mini-batch order) a plain-Java forward pass, with
 * no EJML and no code of the app, recomputes the losses and accuracies the run recorded in metrics.csv.
 */
class RunFolderReplayTest {
    @TempDir
    static Path tmp;

    private static Path digits;
    private static final int STEPS = 3;
    private static final int BATCH = 100;

    @BeforeAll
    static void runTheDigitsPresetWithBiasesAndMiniBatches() {
        digits = tmp.resolve("digits");
        run(
                "run",
                "presets/p2-lowrank-mlp-digits.json",
                "--out",
                digits.toString(),
                "--steps",
                String.valueOf(STEPS),
                "--set",
                "network.bias=true",
                "--set",
                "network.activation=tanh",
                "--set",
                "training.batchSize=" + BATCH);
    }

    private static void run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
    }

    @Test
    void theExtraFilesArePresentWithTheirShapes() throws IOException {
        int n = Npy.read(digits.resolve("data/X.npy")).shape()[1];
        int[] testIdx = Npy.read(digits.resolve("data/test_indices.npy")).toInts();
        assertEquals(1797, n + testIdx.length, "train + test = the file's rows");
        assertArrayEquals(
                new int[] {64, testIdx.length},
                Npy.read(digits.resolve("data/X_test.npy")).shape());
        assertArrayEquals(
                new int[] {10, testIdx.length},
                Npy.read(digits.resolve("data/Y_test.npy")).shape());
        assertArrayEquals(
                new int[] {testIdx.length},
                Npy.read(digits.resolve("data/labels_test.npy")).shape());
        int m = (n + BATCH - 1) / BATCH;
        int epochs = (STEPS + 1 + m - 1) / m;
        int[] orderShape = Npy.read(digits.resolve("data/batch_order.npy")).shape();
        assertArrayEquals(new int[] {epochs, n}, orderShape);
        for (String variant : List.of("full", "lowrank-sbig", "lowrank-random")) {
            for (long step : new long[] {0, STEPS}) {
                Path dir = stepDir(digits, variant, step);
                assertArrayEquals(
                        new int[] {64, 64}, Npy.read(dir.resolve("W1.npy")).shape());
                assertArrayEquals(
                        new int[] {64, 1}, Npy.read(dir.resolve("b1.npy")).shape());
                assertArrayEquals(
                        new int[] {64, 1}, Npy.read(dir.resolve("b2.npy")).shape());
                assertArrayEquals(
                        new int[] {10, 1}, Npy.read(dir.resolve("b3.npy")).shape());
                assertEquals(variant.startsWith("lowrank"), Files.exists(dir.resolve("U1.npy")), variant);
            }
        }
        String readme = Files.readString(digits.resolve("README.txt"));
        for (String f : List.of(
                "data/test_indices.npy", "data/batch_order.npy", "b1.npy ... bL.npy", "U1.npy, S1.npy, V1.npy")) {
            assertTrue(readme.contains(f), "README.txt documents " + f);
        }
        assertFalse(readme.contains("U_L1.npy"), "no twin in this run, so README.txt does not describe one");
    }

    @Test
    void theLowRankFactorsMultiplyToTheExportedWeights() throws IOException {
        for (String variant : List.of("lowrank-sbig", "lowrank-random")) {
            Path dir = stepDir(digits, variant, STEPS);
            for (int l = 1; l <= 2; l++) {
                double[][] u = read(dir.resolve("U" + l + ".npy"));
                double[][] s = read(dir.resolve("S" + l + ".npy"));
                double[][] v = read(dir.resolve("V" + l + ".npy"));
                assertEquals(20, s.length, "rank 2K = 20");
                double[][] w = read(dir.resolve("W" + l + ".npy"));
                double[][] usvt = mult(mult(u, s), transpose(v));
                assertTrue(maxAbsDiff(w, usvt) <= 1e-13, variant + " W" + l + " = U S Vᵀ");
            }
            assertFalse(Files.exists(dir.resolve("U3.npy")), "the last layer stays dense");
        }
    }

    @Test
    void theRecordedMiniBatchLossIsReplayedFromWeightsBiasesAndTheBatchOrder() throws IOException {
        double[][] x = read(digits.resolve("data/X.npy"));
        int[] labels = Npy.read(digits.resolve("data/labels.npy")).toInts();
        int n = labels.length;
        int[] order = Npy.read(digits.resolve("data/batch_order.npy")).toInts();
        Map<String, Double> recorded = metrics(digits);
        int m = (n + BATCH - 1) / BATCH;
        for (String variant : List.of("full", "lowrank-sbig", "lowrank-random")) {
            for (int step : new int[] {0, STEPS}) {
                int e = step / m;
                int j = step % m;
                List<Integer> cols = new ArrayList<>();
                for (int k = j * BATCH; k < Math.min((j + 1) * BATCH, n); k++) {
                    cols.add(order[e * n + k]);
                }
                double[][] out = forward(stepDir(digits, variant, step), columns(x, cols));
                double loss = 0;
                for (int c = 0; c < cols.size(); c++) {
                    loss -= logSoftmax(out, c, labels[cols.get(c)]);
                }
                loss /= cols.size();
                double want = recorded.get(step + "," + variant + ",loss,,");
                assertEquals(want, loss, 1e-12 * Math.abs(want), variant + " batch loss at step " + step);
                // The batch order matters: the loss of the same number of columns taken in file order differs.
                List<Integer> wrong = new ArrayList<>();
                for (int k = j * BATCH; k < Math.min((j + 1) * BATCH, n); k++) {
                    wrong.add(k);
                }
                double[][] outWrong = forward(stepDir(digits, variant, step), columns(x, wrong));
                double lossWrong = 0;
                for (int c = 0; c < wrong.size(); c++) {
                    lossWrong -= logSoftmax(outWrong, c, labels[wrong.get(c)]);
                }
                assertTrue(Math.abs(lossWrong / wrong.size() - want) > 1e-6, "the replay can fail");
            }
        }
    }

    @Test
    void theRecordedTestAccuracyIsReplayedFromTheExportedIndicesAndTheDataFile() throws IOException {
        // Read the shipped table directly: 64 pixels 0..16, then the class; the app divides pixels by 16.
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(Path.of("presets/data/digits.csv.gz"))),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    String[] f = line.split(",");
                    double[] row = new double[f.length];
                    for (int i = 0; i < f.length; i++) {
                        row[i] = Double.parseDouble(f[i].strip());
                    }
                    rows.add(row);
                }
            }
        }
        int[] testIdx = Npy.read(digits.resolve("data/test_indices.npy")).toInts();
        double[][] xTest = new double[64][testIdx.length];
        int[] yTest = new int[testIdx.length];
        for (int c = 0; c < testIdx.length; c++) {
            double[] row = rows.get(testIdx[c]);
            for (int i = 0; i < 64; i++) {
                xTest[i][c] = row[i] / 16.0;
            }
            yTest[c] = (int) row[64];
        }
        assertTrue(maxAbsDiff(xTest, read(digits.resolve("data/X_test.npy"))) == 0, "X_test = file rows / 16");
        assertArrayEquals(
                yTest, Npy.read(digits.resolve("data/labels_test.npy")).toInts());
        // The training columns are the other rows, in file order.
        Set<Integer> held = new HashSet<>();
        for (int i : testIdx) {
            held.add(i);
        }
        double[][] x = read(digits.resolve("data/X.npy"));
        int col = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (!held.contains(i)) {
                assertEquals(rows.get(i)[10] / 16.0, x[10][col++], 0.0, "training column " + col);
            }
        }
        Map<String, Double> recorded = metrics(digits);
        for (String variant : List.of("full", "lowrank-sbig", "lowrank-random")) {
            double[][] out = forward(stepDir(digits, variant, STEPS), xTest);
            int right = 0;
            for (int c = 0; c < testIdx.length; c++) {
                right += argmax(out, c) == yTest[c] ? 1 : 0;
            }
            double want = recorded.get(STEPS + "," + variant + ",test-accuracy,,");
            assertEquals(want, (double) right / testIdx.length, 1e-15, variant + " test accuracy");
        }
    }

    @Test
    void aTwinsEndToEndMatrixIsRebuiltFromItsOuterFactors() throws IOException {
        Path twin = tmp.resolve("twin");
        run("run", "presets/e6-equivalent-trajectory.json", "--out", twin.toString(), "--steps", "2");
        Path dir = stepDir(twin, "compressed", 2);
        double[][] u = read(dir.resolve("U_L1.npy"));
        double[][] v = read(dir.resolve("V_11.npy"));
        assertEquals(100, u.length);
        assertEquals(10, u[0].length, "k = 2r̂ = 10");
        assertEquals(100, v.length);
        double[][] inner = read(dir.resolve("W1.npy"));
        assertEquals(10, inner.length);
        for (int l = 2; l <= 3; l++) {
            inner = mult(read(dir.resolve("W" + l + ".npy")), inner);
        }
        double[][] end = mult(mult(u, inner), transpose(v));
        double[][] phi = read(twin.resolve("data/Y.npy"));
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < 100; i++) {
            for (int jj = 0; jj < 100; jj++) {
                diff += (end[i][jj] - phi[i][jj]) * (end[i][jj] - phi[i][jj]);
                norm += phi[i][jj] * phi[i][jj];
            }
        }
        double want = metrics(twin).get("2,compressed,relative-error,,");
        assertEquals(want, Math.sqrt(diff / norm), 1e-12 * want, "‖U W̃ Vᵀ − Φ‖/‖Φ‖ as recorded");
        assertTrue(Files.readString(twin.resolve("README.txt")).contains("U_L1 @ WL @ ... @ W1 @ V_11.T"));
        assertFalse(Files.exists(stepDir(twin, "wide", 2).resolve("b1.npy")), "a deep linear network has no biases");
    }

    /** The MLP f(X) = W3 tanh(W2 tanh(W1 X + b1) + b2) + b3 from a checkpoint folder. */
    private static double[][] forward(Path dir, double[][] x) throws IOException {
        double[][] a = x;
        for (int l = 1; l <= 3; l++) {
            double[][] z = mult(read(dir.resolve("W" + l + ".npy")), a);
            double[][] b = read(dir.resolve("b" + l + ".npy"));
            for (int i = 0; i < z.length; i++) {
                for (int c = 0; c < z[i].length; c++) {
                    z[i][c] += b[i][0];
                    if (l < 3) {
                        z[i][c] = Math.tanh(z[i][c]);
                    }
                }
            }
            a = z;
        }
        return a;
    }

    private static double logSoftmax(double[][] out, int c, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] row : out) {
            max = Math.max(max, row[c]);
        }
        double sum = 0;
        for (double[] row : out) {
            sum += Math.exp(row[c] - max);
        }
        return out[label][c] - max - Math.log(sum);
    }

    private static int argmax(double[][] out, int c) {
        int best = 0;
        for (int i = 1; i < out.length; i++) {
            if (out[i][c] > out[best][c]) {
                best = i;
            }
        }
        return best;
    }

    private static Path stepDir(Path run, String variant, long step) {
        return run.resolve("weights").resolve(variant).resolve(String.format("step-%08d", step));
    }

    /** metrics.csv as "step,variant,metric,layer,index" → value. */
    private static Map<String, Double> metrics(Path run) throws IOException {
        Map<String, Double> out = new HashMap<>();
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        for (String line : lines.subList(1, lines.size())) {
            int cut = line.lastIndexOf(',');
            out.put(line.substring(0, cut), Double.parseDouble(line.substring(cut + 1)));
        }
        return out;
    }

    private static double[][] read(Path npy) throws IOException {
        NpyArray a = Npy.read(npy);
        int rows = a.shape()[0];
        int cols = a.shape().length > 1 ? a.shape()[1] : 1;
        double[][] out = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(a.data(), i * cols, out[i], 0, cols);
        }
        return out;
    }

    private static double[][] columns(double[][] x, List<Integer> cols) {
        double[][] out = new double[x.length][cols.size()];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < cols.size(); c++) {
                out[i][c] = x[i][cols.get(c)];
            }
        }
        return out;
    }

    private static double[][] mult(double[][] a, double[][] b) {
        double[][] out = new double[a.length][b[0].length];
        for (int i = 0; i < a.length; i++) {
            for (int k = 0; k < b.length; k++) {
                double aik = a[i][k];
                for (int j = 0; j < b[0].length; j++) {
                    out[i][j] += aik * b[k][j];
                }
            }
        }
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] out = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                out[j][i] = a[i][j];
            }
        }
        return out;
    }

    private static double maxAbsDiff(double[][] a, double[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
