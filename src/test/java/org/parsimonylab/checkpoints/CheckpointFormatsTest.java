package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.engine.linalg.LinAlgs;

/** Each checkpoint layout and dtype, read back exactly; steps from metadata and names; the tensor selection. */
class CheckpointFormatsTest {
    @TempDir
    static Path shared;

    static List<TrainedWeights.Step> steps;

    @BeforeAll
    static void train() throws IOException {
        steps = TrainedWeights.read(TrainedWeights.run(shared.resolve("run"), 4));
    }

    private static Map<String, CheckpointFiles.Raw> raw(TrainedWeights.Step s, String dtype) {
        Map<String, CheckpointFiles.Raw> m = new LinkedHashMap<>();
        for (int l = 0; l < s.weights().size(); l++) {
            DMatrixRMaj w = s.weights().get(l);
            m.put(
                    "W" + (l + 1),
                    CheckpointFiles.tensor(
                            dtype,
                            new long[] {w.numRows, w.numCols},
                            java.util.Arrays.copyOf(w.data, w.numRows * w.numCols)));
        }
        return m;
    }

    /** Every layout of the trained network's checkpoints, written by the test writers. */
    private static Path writeSeries(Path dir, String layout) throws IOException {
        Files.createDirectories(dir);
        for (TrainedWeights.Step s : steps) {
            Map<String, CheckpointFiles.Raw> t = raw(s, "F64");
            switch (layout) {
                case "safetensors" -> CheckpointFiles.writeSafetensors(
                        dir.resolve("model.safetensors".replace("model", "model-" + s.step())),
                        t,
                        Map.of("step", Long.toString(s.step()), "format", "pt"));
                case "npz-stored" -> CheckpointFiles.writeNpz(dir.resolve("ckpt_" + s.step() + ".npz"), t, false);
                case "npz-deflated" -> CheckpointFiles.writeNpz(
                        dir.resolve(String.format("epoch=0-step=%d.npz", s.step())), t, true);
                case "npy" -> CheckpointFiles.writeNpyFolder(dir.resolve(String.format("step-%06d", s.step())), t);
                default -> throw new IllegalArgumentException(layout);
            }
        }
        return dir;
    }

    @Test
    void everyLayoutReadsTheTrainedWeightsBitForBit() throws IOException {
        for (String layout : List.of("safetensors", "npz-stored", "npz-deflated", "npy")) {
            CheckpointSeries series = CheckpointSeries.scan(writeSeries(shared.resolve(layout), layout));
            assertEquals(steps.size(), series.checkpoints().size(), layout);
            for (int i = 0; i < steps.size(); i++) {
                Checkpoint c = series.checkpoints().get(i);
                assertEquals(steps.get(i).step(), c.step(), layout);
                assertEquals(layout.equals("safetensors"), c.stepFromMetadata(), layout);
                assertEquals(
                        List.of("W1", "W2", "W3"),
                        c.tensors().stream().map(TensorInfo::name).toList());
                for (int l = 0; l < 3; l++) {
                    DMatrixRMaj w = steps.get(i).weights().get(l);
                    assertArrayEquals(
                            java.util.Arrays.copyOf(w.data, w.numRows * w.numCols),
                            c.read("W" + (l + 1)),
                            0.0,
                            layout + " step " + c.step() + " W" + (l + 1));
                }
            }
        }
    }

    @Test
    void everyLayoutGivesTheSameAnalysis() throws IOException {
        List<List<CheckpointMetrics>> results = new ArrayList<>();
        for (String layout : List.of("safetensors", "npz-stored", "npz-deflated", "npy")) {
            Path dir = shared.resolve("same-" + layout);
            CheckpointSeries series = CheckpointSeries.scan(writeSeries(dir, layout));
            SeriesAnalyzer a = new SeriesAnalyzer("s", AnalysisOptions.defaults(), LinAlgs.create());
            List<CheckpointMetrics> ms = new ArrayList<>();
            for (Checkpoint c : series.checkpoints()) {
                ms.add(a.analyze(c));
            }
            results.add(ms);
        }
        for (int r = 1; r < results.size(); r++) {
            for (int i = 0; i < steps.size(); i++) {
                List<TensorMetric> want = results.get(0).get(i).metrics();
                List<TensorMetric> got = results.get(r).get(i).metrics();
                assertEquals(want.size(), got.size());
                for (int j = 0; j < want.size(); j++) {
                    assertEquals(want.get(j).metric(), got.get(j).metric());
                    assertArrayEquals(
                            want.get(j).values(),
                            got.get(j).values(),
                            0.0,
                            want.get(j).metric());
                }
            }
        }
    }

    @Test
    void float32AndBfloat16AndFloat16DecodeExactly() throws IOException {
        SplittableRandom rng = new SplittableRandom(7);
        double[] f32 = new double[12];
        double[] bf16 = new double[12];
        for (int i = 0; i < 12; i++) {
            f32[i] = (float) rng.nextGaussian();
            // A bfloat16 number: a float whose low 16 bits are zero.
            bf16[i] = Float.intBitsToFloat(Float.floatToIntBits((float) rng.nextGaussian()) & 0xFFFF0000);
        }
        // binary16 patterns: 1, -2, 65504 (largest), 2^-14 (smallest normal), 2^-24 (smallest subnormal),
        // 0x3555 = 1 + 341/1024 times 2^-2, -0, a subnormal 0x03FF = 1023·2^-24.
        short[] half = {0x3C00, (short) 0xC000, 0x7BFF, 0x0400, 0x0001, 0x3555, (short) 0x8000, 0x03FF};
        double[] halfValues = {
            1, -2, 65504, Math.pow(2, -14), Math.pow(2, -24), (1 + 341 / 1024.0) / 4, -0.0, 1023 * Math.pow(2, -24)
        };
        // bfloat16 patterns beyond the float-derived ones: 1, -123.5, the smallest subnormal 2^-133.
        short[] bfBits = {0x3F80, (short) 0xC2F7, 0x0001, 0x7F7F};
        double[] bfValues = {1, -123.5, Math.pow(2, -133), Float.intBitsToFloat(0x7F7F0000)};
        Path file = shared.resolve("dtypes").resolve("step-7.safetensors");
        Files.createDirectories(file.getParent());
        CheckpointFiles.writeSafetensors(
                file,
                CheckpointFiles.of(
                        Map.entry("f32", CheckpointFiles.tensor("F32", new long[] {3, 4}, f32)),
                        Map.entry("bf16", CheckpointFiles.tensor("BF16", new long[] {4, 3}, bf16)),
                        Map.entry("f16bits", CheckpointFiles.bits16("F16", new long[] {2, 4}, half)),
                        Map.entry("bf16bits", CheckpointFiles.bits16("BF16", new long[] {2, 2}, bfBits))),
                null);
        Checkpoint c = Checkpoint.open(file);
        assertEquals(7, c.step());
        assertFalse(c.stepFromMetadata());
        assertArrayEquals(f32, c.read("f32"), 0.0);
        assertArrayEquals(bf16, c.read("bf16"), 0.0);
        assertArrayEquals(halfValues, c.read("f16bits"), 0.0);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.read("f16bits")[6]));
        assertArrayEquals(bfValues, c.read("bf16bits"), 0.0);
        // The same half patterns through a .npy '<f2' member.
        Path npz = shared.resolve("dtypes").resolve("step-8.npz");
        CheckpointFiles.writeNpz(
                npz, CheckpointFiles.of(Map.entry("h", CheckpointFiles.bits16("F16", new long[] {2, 4}, half))), true);
        assertArrayEquals(halfValues, Checkpoint.open(npz).read("h"), 0.0);
    }

    @Test
    void everyHalfPatternMatchesItsDefinition() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int e = (bits >>> 10) & 0x1F;
            int m = bits & 0x3FF;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            double want;
            if (e == 0x1F) {
                want = m == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
            } else if (e == 0) {
                want = sign * m * Math.pow(2, -24);
            } else {
                want = sign * (1 + m / 1024.0) * Math.pow(2, e - 15);
            }
            assertEquals(want, Dtype.halfToDouble((short) bits), 0.0, Integer.toHexString(bits));
        }
    }

    @Test
    void stepsComeFromMetadataFirstThenFromTheName() throws IOException {
        assertEquals(100, StepNames.fromName("step-000100.safetensors"));
        assertEquals(100, StepNames.fromName("ckpt_100.npz"));
        assertEquals(1200, StepNames.fromName("epoch=3-step=1200.safetensors"));
        assertEquals(7, StepNames.fromName("model_epoch7"));
        assertEquals(42, StepNames.fromName("resnet50-global_step42.npz"));
        assertEquals(5, StepNames.fromName("checkpoint-5"));
        assertEquals(-1, StepNames.fromName("final.safetensors"));
        Path dir = shared.resolve("meta");
        Files.createDirectories(dir);
        Path file = dir.resolve("step-5.safetensors");
        CheckpointFiles.writeSafetensors(
                file,
                CheckpointFiles.of(Map.entry("w", CheckpointFiles.tensor("F32", new long[] {2, 2}, new double[4]))),
                Map.of("step", "900"));
        Checkpoint c = Checkpoint.open(file);
        assertEquals(900, c.step());
        assertTrue(c.stepFromMetadata());
        Path noStep = dir.resolve("final.safetensors");
        CheckpointFiles.writeSafetensors(
                noStep,
                CheckpointFiles.of(Map.entry("w", CheckpointFiles.tensor("F32", new long[] {2, 2}, new double[4]))),
                null);
        CheckpointException e =
                org.junit.jupiter.api.Assertions.assertThrows(CheckpointException.class, () -> Checkpoint.open(noStep));
        assertTrue(e.getMessage().startsWith(noStep.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("cannot tell the step"), e.getMessage());
    }

    @Test
    void selectionTakesMatricesAndConvKernelsByNameInNaturalOrder() throws IOException {
        SplittableRandom rng = new SplittableRandom(3);
        double[] conv = new double[4 * 3 * 2 * 2];
        for (int i = 0; i < conv.length; i++) {
            conv[i] = (float) rng.nextGaussian();
        }
        Path file = shared.resolve("sel").resolve("step-1.safetensors");
        Files.createDirectories(file.getParent());
        CheckpointFiles.writeSafetensors(
                file,
                CheckpointFiles.of(
                        Map.entry("layers.10.weight", CheckpointFiles.tensor("F32", new long[] {2, 3}, new double[6])),
                        Map.entry("layers.2.weight", CheckpointFiles.tensor("F32", new long[] {3, 5}, new double[15])),
                        Map.entry("layers.2.bias", CheckpointFiles.tensor("F32", new long[] {3}, new double[3])),
                        Map.entry("conv1.weight", CheckpointFiles.tensor("F32", new long[] {4, 3, 2, 2}, conv)),
                        Map.entry("norm.weight", CheckpointFiles.tensor("F32", new long[] {5, 5}, new double[25])),
                        Map.entry("step", CheckpointFiles.bits16("F16", new long[] {}, new short[] {0}))),
                null);
        Checkpoint c = Checkpoint.open(file);
        List<String> all = TensorSelection.all().select(c).stream()
                .map(SelectedTensor::name)
                .toList();
        assertEquals(List.of("conv1.weight", "layers.2.weight", "layers.10.weight", "norm.weight"), all);
        List<SelectedTensor> sel = TensorSelection.of("^layers\\.|conv", "norm").select(c);
        assertEquals(
                List.of("conv1.weight", "layers.2.weight", "layers.10.weight"),
                sel.stream().map(SelectedTensor::name).toList());
        SelectedTensor k = sel.get(0);
        assertEquals(4, k.rows());
        assertEquals(3 * 2 * 2, k.cols());
        assertTrue(k.reshaped());
        // out × (in·kh·kw): row o of the matrix is kernel o flattened in C order (in, kh, kw).
        double[] read = c.read("conv1.weight");
        for (int o = 0; o < 4; o++) {
            for (int ci = 0; ci < 3; ci++) {
                for (int y = 0; y < 2; y++) {
                    for (int x = 0; x < 2; x++) {
                        assertEquals(conv[((o * 3 + ci) * 2 + y) * 2 + x], read[o * 12 + (ci * 4 + y * 2 + x)], 0.0);
                    }
                }
            }
        }
        CheckpointException none = org.junit.jupiter.api.Assertions.assertThrows(
                CheckpointException.class,
                () -> TensorSelection.of("nothing-matches", null).select(c));
        assertTrue(none.getMessage().contains("no tensor is selected"), none.getMessage());
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> TensorSelection.of("(", null));
        assertTrue(bad.getMessage().startsWith("--tensors '('"), bad.getMessage());
    }
}
