package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints written by the real NumPy (np.savez, np.savez_compressed, np.save; float16, big-endian float32, a
 * Fortran-ordered float64) read back exactly; skipped without python3 and numpy.
 */
class NumpyCheckpointsTest {
    @TempDir
    Path dir;

    private static final String SCRIPT =
            """
            import os
            import numpy as np
            rng = np.random.default_rng(0)
            t = {"a": rng.standard_normal((3, 4)).astype(np.float16),
                 "b": rng.standard_normal((2, 5)).astype(">f4"),
                 "c": np.asfortranarray(rng.standard_normal((4, 3)))}
            np.savez_compressed("ckpt_3.npz", **t)
            np.savez("ckpt_4.npz", **t)
            os.makedirs("step-7", exist_ok=True)
            for n, x in t.items():
                np.save(f"step-7/{n}.npy", x)
            for n, x in t.items():
                print(n, np.ascontiguousarray(x, dtype="<f8").tobytes().hex())
            """;

    @Test
    void numpyWrittenCheckpointsReadExactly() throws IOException, InterruptedException {
        String out;
        try {
            Process p = new ProcessBuilder("python3", "-c", SCRIPT)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
            p.getOutputStream().close();
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assumeTrue(p.waitFor() == 0, "python3 with numpy is not available: " + out);
        } catch (IOException e) {
            assumeTrue(false, "python3 is not available");
            return;
        }
        Map<String, double[]> want = new HashMap<>();
        for (String line : out.strip().split("\\R")) {
            String[] f = line.split(" ");
            ByteBuffer b = ByteBuffer.wrap(HexFormat.of().parseHex(f[1])).order(ByteOrder.LITTLE_ENDIAN);
            double[] v = new double[b.remaining() / 8];
            b.asDoubleBuffer().get(v);
            want.put(f[0], v);
        }
        CheckpointSeries series = CheckpointSeries.scan(dir);
        assertEquals(
                List.of(3L, 4L, 7L),
                series.checkpoints().stream().map(Checkpoint::step).toList());
        for (Checkpoint c : series.checkpoints()) {
            for (String name : List.of("a", "b", "c")) {
                assertArrayEquals(want.get(name), c.read(name), 0.0, c.path() + " " + name);
            }
            assertEquals("<f2", c.tensor("a").dtypeName());
            assertEquals(">f4", c.tensor("b").dtypeName());
        }
    }
}
