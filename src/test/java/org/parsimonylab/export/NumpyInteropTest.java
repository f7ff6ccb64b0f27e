package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written here are loaded by the real NumPy (and the other way round); skipped without python3 and numpy. */
class NumpyInteropTest {
    private static boolean numpy;
    private static boolean pandas;

    @TempDir
    Path dir;

    @BeforeAll
    static void probePython() throws InterruptedException {
        numpy = run(null, "import numpy").exitCode == 0;
        pandas = numpy && run(null, "import pandas").exitCode == 0;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(Path cwd, String script, String... args) throws InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            pb.directory(cwd.toFile());
        }
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Result(p.waitFor(), output.strip());
        } catch (IOException e) {
            // No python3 on the PATH.
            return new Result(-1, e.getMessage());
        }
    }

    private static String python(Path cwd, String script, String... args) throws InterruptedException {
        Result r = run(cwd, script, args);
        assertEquals(0, r.exitCode, r.output);
        return r.output;
    }

    private static String littleEndianHex(double[] values, int n) {
        ByteBuffer buf = ByteBuffer.allocate(8 * n).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n; i++) {
            buf.putDouble(values[i]);
        }
        return HexFormat.of().formatHex(buf.array());
    }

    @Test
    void numpyLoadsWhatNpyWrites() throws Exception {
        assumeTrue(numpy, "python3 with numpy is not available");
        DMatrixRMaj small = NpyTest.random(3, 5, 42);
        DMatrixRMaj tall = new DMatrixRMaj(1000, 7);
        for (int i = 0; i < tall.data.length; i++) {
            tall.data[i] = i % 13 - 6; // small integers: numpy's sum is exact whatever order it adds in
        }
        Npy.write(dir.resolve("small.npy"), small);
        Npy.write(dir.resolve("tall.npy"), tall);
        Npy.write(dir.resolve("empty.npy"), new DMatrixRMaj(0, 4));
        Npy.writeInts(dir.resolve("labels.npy"), new int[] {3, -1, 7, Integer.MAX_VALUE});
        String out = python(
                dir,
                """
                import numpy as np
                for name in ["small", "tall", "empty", "labels"]:
                    a = np.load(name + ".npy", allow_pickle=False)
                    print(name, a.dtype, a.shape, a.flags["C_CONTIGUOUS"], repr(a.sum().item()))
                print(np.load("small.npy").tobytes().hex())
                print(np.load("tall.npy")[999, 6].item(), np.load("labels.npy").tolist())
                """);
        double tallSum = 0;
        for (double v : tall.data) {
            tallSum += v;
        }
        List<String> lines = out.lines().toList();
        assertEquals("small float64 (3, 5) True nan", lines.get(0));
        assertEquals("tall float64 (1000, 7) True " + tallSum, lines.get(1));
        assertEquals("empty float64 (0, 4) True 0.0", lines.get(2));
        assertEquals("labels int64 (4,) True 2147483656", lines.get(3));
        assertEquals(littleEndianHex(small.data, 15), lines.get(4), "numpy sees the same bits");
        assertEquals(tall.get(999, 6) + " [3, -1, 7, 2147483647]", lines.get(5));
    }

    @Test
    void npyReadsWhatNumpyWrites() throws Exception {
        assumeTrue(numpy, "python3 with numpy is not available");
        python(
                dir,
                """
                import numpy as np
                np.save("f.npy", np.arange(12, dtype=np.float64).reshape(3, 4) / 8 - 0.5)
                np.save("i.npy", np.array([5, -2, 2**40], dtype=np.int64))
                np.save("v.npy", np.array([np.nan, np.inf, -0.0]))
                np.save("s.npy", np.float64(2.5))
                np.save("fortran.npy", np.asfortranarray(np.ones((2, 3))))
                np.save("f4.npy", np.ones(3, dtype=np.float32))
                """);
        NpyArray f = Npy.read(dir.resolve("f.npy"));
        assertArrayEquals(new int[] {3, 4}, f.shape());
        for (int i = 0; i < 12; i++) {
            assertEquals(i / 8.0 - 0.5, f.data()[i]);
        }
        assertArrayEquals(
                new double[] {5, -2, Math.pow(2, 40)},
                Npy.read(dir.resolve("i.npy")).data());
        NpyArray v = Npy.read(dir.resolve("v.npy"));
        assertEquals(Double.doubleToLongBits(Double.NaN), Double.doubleToLongBits(v.data()[0]));
        assertEquals(Double.POSITIVE_INFINITY, v.data()[1]);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(v.data()[2]));
        NpyArray s = Npy.read(dir.resolve("s.npy"));
        assertArrayEquals(new int[0], s.shape());
        assertArrayEquals(new double[] {2.5}, s.data());
        IOException fortran = assertThrows(IOException.class, () -> Npy.read(dir.resolve("fortran.npy")));
        assertTrue(fortran.getMessage().contains("fortran_order"), fortran.getMessage());
        IOException f4 = assertThrows(IOException.class, () -> Npy.read(dir.resolve("f4.npy")));
        assertTrue(f4.getMessage().contains("'<f4' is not supported"), f4.getMessage());
    }

    private Path runFolder() throws IOException {
        Path out = dir.resolve("run");
        try (RunFolderWriter writer = RunFolderWriter.create(out)) {
            writer.writeData(RunFolderWriterTest.completion());
            writer.writeWeights("wide", 0, RunFolderWriterTest.weights(1));
            for (long step = 0; step < 2; step++) {
                writer.appendMetrics("wide", RunFolderWriterTest.snapshot(step));
            }
            writer.writeReadme("t", List.of());
            writer.commit();
        }
        return out;
    }

    @Test
    void theReadmesNumpyRecipeLoadsTheRunFolder() throws Exception {
        assumeTrue(numpy, "python3 with numpy is not available");
        Path out = runFolder();
        String result = python(
                out,
                """
                import numpy as np
                X = np.load("data/X.npy")
                W1 = np.load("weights/wide/step-00000000/W1.npy")
                m = np.genfromtxt("metrics.csv", delimiter=",", names=True, dtype=None, encoding="utf-8")
                sv1 = m[(m["variant"] == "wide") & (m["metric"] == "sv") & (m["layer"] == 1)]
                loss = m[m["metric"] == "loss"]
                sv2 = m[(m["metric"] == "sv") & (m["layer"] == 2)]
                print(X.shape, np.array_equal(X, np.eye(4)), W1.shape, len(m))
                print(sv1["index"].tolist(), sv1["value"].tolist())
                print(loss["layer"].tolist(), loss["index"].tolist(), loss["value"].tolist())
                print(np.isnan(sv2["value"][0]), sv2["value"][1])
                """);
        assertEquals(
                List.of(
                        "(4, 4) True (5, 4) 16",
                        "[0, 1, 2, 0, 1, 2] [3.0, 1e-300, -0.0, 3.0, 1e-300, -0.0]",
                        "[-1, -1] [-1, -1] [0.5, 0.25]",
                        "True inf"),
                result.lines().toList());
    }

    @Test
    void theReadmesPandasRecipeLoadsMetrics() throws Exception {
        assumeTrue(pandas, "python3 with pandas is not available");
        Path out = runFolder();
        String result = python(
                out,
                """
                import pandas as pd
                m = pd.read_csv("metrics.csv", dtype={"layer": "Int64", "index": "Int64"})
                loss = m[(m.variant == "wide") & (m.metric == "loss")][["step", "value"]]
                print(len(m), loss["value"].tolist(), m["layer"].isna().sum(), m["value"].isna().sum())
                """);
        assertEquals("16 [0.5, 0.25] 2 2", result);
    }
}
