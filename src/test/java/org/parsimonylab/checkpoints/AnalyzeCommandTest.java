package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.cli.Main;
import org.parsimonylab.export.MetricsCsv;

/** {@code analyze} as a user meets it: the analysis folder, figures, and bad input as one line with nothing written. */
class AnalyzeCommandTest {
    @TempDir
    Path tmp;

    record Result(int code, String out, String err) {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    private static double[] gaussian(SplittableRandom rng, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rng.nextGaussian();
        }
        return x;
    }

    /** A series of a small MLP-like model: two linear layers, a bias and a conv kernel, F32, steps 0, 5, 10. */
    private Path series(Path dir) throws IOException {
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(1);
        for (int s = 0; s <= 10; s += 5) {
            CheckpointFiles.writeSafetensors(
                    dir.resolve(String.format("epoch=0-step=%d.safetensors", s)),
                    CheckpointFiles.of(
                            Map.entry(
                                    "conv.weight",
                                    CheckpointFiles.tensor("F32", new long[] {6, 2, 3, 3}, gaussian(rng, 108))),
                            Map.entry(
                                    "fc1.weight",
                                    CheckpointFiles.tensor("F32", new long[] {16, 8}, gaussian(rng, 128))),
                            Map.entry("fc1.bias", CheckpointFiles.tensor("F32", new long[] {16}, gaussian(rng, 16))),
                            Map.entry(
                                    "fc2.weight",
                                    CheckpointFiles.tensor("F32", new long[] {4, 16}, gaussian(rng, 64)))),
                    Map.of("step", Integer.toString(s)));
        }
        return dir;
    }

    @Test
    void analyzeWritesAnAnalysisFolderWithFigures() throws IOException {
        Path out = tmp.resolve("out");
        Result r = cli(
                "analyze", series(tmp.resolve("mlp")).toString(), "--out", out.toString(), "--top-k", "2", "--figures");
        assertEquals(0, r.code(), r.err());
        assertEquals(out.toAbsolutePath().normalize().toString(), r.out().strip());
        assertTrue(r.err().contains("3/3 checkpoints"), r.err());
        assertTrue(r.err().contains("ETA"), r.err());
        for (String f : List.of("metrics.csv", "selection.csv", "checkpoints.csv", "README.txt")) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        List<String> selection = Files.readAllLines(out.resolve("selection.csv"));
        assertEquals(
                List.of(
                        "variant,tensor,shape,dtype,rows,cols,reshaped",
                        "mlp,conv.weight,6x2x3x3,F32,6,18,true",
                        "mlp,fc1.weight,16x8,F32,16,8,false",
                        "mlp,fc2.weight,4x16,F32,4,16,false"),
                selection);
        List<String> metrics = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, metrics.get(0));
        assertTrue(metrics.contains("0,mlp,update-rank-90,fc1.weight,,0.0"), "reference step has no update");
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("10,mlp,alignment-top-rad,fc1.weight,,")));
        assertTrue(metrics.stream().anyMatch(l -> l.startsWith("5,mlp,angle-top-left-rad,conv.weight,1,")));
        assertFalse(metrics.stream().anyMatch(l -> l.contains("fc1.bias")));
        assertTrue(Files.readString(out.resolve("checkpoints.csv")).contains("mlp,10,safetensors,metadata,"));
        try (Stream<Path> figures = Files.list(out.resolve("figures"))) {
            List<String> names =
                    figures.map(p -> p.getFileName().toString()).sorted().toList();
            assertTrue(names.contains("mlp-sv-W2.png"), names.toString());
            assertTrue(names.contains("mlp-angles-W3.png"), names.toString());
        }
        assertNoPartials();

        // `figures` on the analysis folder draws the same files, with the same pixels (topK 2 read back from the
        // recorded angles).
        Path again = tmp.resolve("again");
        Result f = cli("figures", out.toString(), "--out", again.toString(), "--format", "png");
        assertEquals(0, f.code(), f.err());
        try (Stream<Path> figures = Files.list(out.resolve("figures"))) {
            List<Path> first = figures.sorted().toList();
            assertFalse(first.isEmpty());
            for (Path p : first) {
                Path q = again.resolve(p.getFileName());
                assertTrue(Files.exists(q), q.toString());
                java.awt.image.BufferedImage a = javax.imageio.ImageIO.read(p.toFile());
                java.awt.image.BufferedImage b = javax.imageio.ImageIO.read(q.toFile());
                assertEquals(a.getWidth(), b.getWidth(), p.toString());
                assertEquals(a.getHeight(), b.getHeight(), p.toString());
                int differ = 0;
                for (int y = 0; y < a.getHeight(); y++) {
                    for (int x = 0; x < a.getWidth(); x++) {
                        differ += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
                    }
                }
                assertEquals(0, differ, p + ": pixels that differ from the analysis' own figure");
            }
        }
        Result bad = cli("figures", out.toString(), "--out", tmp.resolve("x").toString(), "--steps", "3");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("analysis folder"), bad.err());
    }

    private void assertNoPartials() throws IOException {
        try (Stream<Path> s = Files.list(tmp)) {
            List<String> hidden = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("."))
                    .toList();
            assertEquals(List.of(), hidden);
        }
    }

    /** Runs analyze on {@code dir} and checks the one-line error naming {@code named}, and that nothing was written. */
    private void refused(Path dir, String named, String... fragments) throws IOException {
        Path out = tmp.resolve("never");
        Result r = cli("analyze", dir.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        assertEquals(1, lines.length, r.err());
        assertTrue(lines[0].startsWith("error: "), lines[0]);
        assertTrue(lines[0].contains(named), lines[0]);
        for (String f : fragments) {
            assertTrue(lines[0].contains(f), lines[0]);
        }
        assertFalse(Files.exists(out), "nothing may be written");
        assertNoPartials();
    }

    private static Map<String, CheckpointFiles.Raw> two() {
        return CheckpointFiles.of(
                Map.entry("a", CheckpointFiles.tensor("F32", new long[] {3, 4}, new double[12])),
                Map.entry("b", CheckpointFiles.tensor("F32", new long[] {4, 3}, new double[12])));
    }

    @Test
    void aTruncatedSafetensorsFileIsNamedWithItsTensor() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("trunc"));
        byte[] full = CheckpointFiles.safetensors(two(), null);
        Files.write(dir.resolve("step-1.safetensors"), Arrays.copyOf(full, full.length - 5));
        refused(dir, "step-1.safetensors", "tensor 'b'", "truncated");
    }

    @Test
    void aHeaderLengthBeyondTheFileIsNamed() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("header"));
        byte[] full = CheckpointFiles.safetensors(two(), null);
        ByteBuffer.wrap(full).order(ByteOrder.LITTLE_ENDIAN).putLong(0, full.length);
        Files.write(dir.resolve("step-1.safetensors"), full);
        refused(dir, "step-1.safetensors", "header length", "beyond the end");
    }

    @Test
    void anUnsupportedDtypeIsNamedWithItsTensor() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dtype"));
        Map<String, CheckpointFiles.Raw> t = two();
        t.put("emb", new CheckpointFiles.Raw("I32", new long[] {2, 2}, new byte[16]));
        CheckpointFiles.writeSafetensors(dir.resolve("step-1.safetensors"), t, null);
        refused(dir, "step-1.safetensors", "tensor 'emb'", "I32", "F64, F32, F16, BF16");
        // Excluded, it is no longer in the way.
        Path out = tmp.resolve("ok");
        Result r = cli("analyze", dir.toString(), "--out", out.toString(), "--exclude", "^emb$");
        assertEquals(0, r.code(), r.err());
    }

    @Test
    void aShapeChangeBetweenStepsIsNamedAndNothingIsWrittenHalf() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("shape"));
        CheckpointFiles.writeSafetensors(dir.resolve("step-0.safetensors"), two(), null);
        Map<String, CheckpointFiles.Raw> grown = two();
        grown.put("b", CheckpointFiles.tensor("F32", new long[] {5, 3}, new double[15]));
        CheckpointFiles.writeSafetensors(dir.resolve("step-1.safetensors"), grown, null);
        refused(dir, "step-1.safetensors", "tensor 'b'", "[5, 3]", "[4, 3]");
    }

    @Test
    void aFailureMidwayRemovesThePartialFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("nan"));
        CheckpointFiles.writeSafetensors(dir.resolve("step-0.safetensors"), two(), null);
        CheckpointFiles.writeSafetensors(dir.resolve("step-1.safetensors"), two(), null);
        Map<String, CheckpointFiles.Raw> bad = two();
        double[] values = new double[12];
        values[7] = Double.NaN;
        bad.put("b", CheckpointFiles.tensor("F32", new long[] {4, 3}, values));
        CheckpointFiles.writeSafetensors(dir.resolve("step-2.safetensors"), bad, null);
        Path out = tmp.resolve("never");
        Result r = cli("analyze", dir.toString(), "--out", out.toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        String[] lines = r.err().strip().split("\\R");
        String last = lines[lines.length - 1];
        assertTrue(
                last.startsWith("error: ") && last.contains("step-2.safetensors") && last.contains("tensor 'b'"), last);
        assertFalse(Files.exists(out), "nothing may be written");
        assertNoPartials();
    }

    @Test
    void anEmptyFolderATruncatedNpzAndATruncatedNpyAreNamed() throws IOException {
        refused(Files.createDirectories(tmp.resolve("empty")), "empty", "no checkpoints found");
        Path npz = Files.createDirectories(tmp.resolve("npz"));
        byte[] zip = CheckpointFiles.npz(two(), true);
        Files.write(npz.resolve("ckpt_3.npz"), Arrays.copyOf(zip, zip.length - 30));
        refused(npz, "ckpt_3.npz", "not a complete .npz");
        Path npy = Files.createDirectories(tmp.resolve("npy"));
        CheckpointFiles.writeNpyFolder(npy.resolve("step-2"), two());
        byte[] b = Files.readAllBytes(npy.resolve("step-2").resolve("b.npy"));
        Files.write(npy.resolve("step-2").resolve("b.npy"), Arrays.copyOf(b, b.length - 4));
        refused(npy, "b.npy", "truncated");
    }

    @Test
    void badOptionsAreOneLine() throws IOException {
        Path dir = series(tmp.resolve("opts"));
        for (String[] args : List.of(
                new String[] {"--top-k", "0"},
                new String[] {"--tensors", "("},
                new String[] {"--reference", "3"},
                new String[] {"--format", "gif"})) {
            String[] all = new String[args.length + 4];
            all[0] = "analyze";
            all[1] = dir.toString();
            all[2] = "--out";
            all[3] = tmp.resolve("never").toString();
            System.arraycopy(args, 0, all, 4, args.length);
            Result r = cli(all);
            assertEquals(Main.EXIT_USER_ERROR, r.code(), String.join(" ", args) + ": " + r.err());
            assertTrue(r.err().strip().startsWith("error: "), r.err());
            assertFalse(Files.exists(tmp.resolve("never")));
        }
        assertNoPartials();
    }
}
