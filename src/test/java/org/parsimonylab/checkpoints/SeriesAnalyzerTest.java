package org.parsimonylab.checkpoints;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.engine.linalg.LinAlgs;

/** The analysis of a checkpoint series against a direct computation with EJML's SVD. */
class SeriesAnalyzerTest {
    @TempDir
    Path tmp;

    /** A 3-step series of two chained layers (20×12 then 9×20) with low-rank updates plus noise. */
    private List<double[][]> series(SplittableRandom rng) {
        double[] w1 = gaussian(rng, 20 * 12, 1.0);
        double[] w2 = gaussian(rng, 9 * 20, 1.0);
        List<double[][]> out = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            out.add(new double[][] {w1.clone(), w2.clone()});
            double[] a = gaussian(rng, 20, 1.0);
            double[] b = gaussian(rng, 12, 1.0);
            for (int i = 0; i < 20; i++) {
                for (int j = 0; j < 12; j++) {
                    w1[i * 12 + j] += 0.5 * a[i] * b[j] + 0.01 * rng.nextGaussian();
                }
            }
            for (int i = 0; i < w2.length; i++) {
                w2[i] += 0.1 * rng.nextGaussian();
            }
        }
        return out;
    }

    private static double[] gaussian(SplittableRandom rng, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * rng.nextGaussian();
        }
        return x;
    }

    private Path write(List<double[][]> steps, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int s = 0; s < steps.size(); s++) {
            CheckpointFiles.writeSafetensors(
                    dir.resolve("step-" + (10 * s) + ".safetensors"),
                    CheckpointFiles.of(
                            Map.entry("a.weight", CheckpointFiles.tensor("F64", new long[] {20, 12}, steps.get(s)[0])),
                            Map.entry("b.weight", CheckpointFiles.tensor("F64", new long[] {9, 20}, steps.get(s)[1]))),
                    null);
        }
        return dir;
    }

    private record Direct(double[] s, DMatrixRMaj u, DMatrixRMaj v) {}

    /** EJML's SVD, sorted descending, thin. */
    private static Direct svd(DMatrixRMaj a) {
        SingularValueDecomposition_F64<DMatrixRMaj> d =
                DecompositionFactory_DDRM.svd(a.numRows, a.numCols, true, true, true);
        assertTrue(d.decompose(a.copy()));
        DMatrixRMaj u = d.getU(null, false);
        DMatrixRMaj w = d.getW(null);
        DMatrixRMaj v = d.getV(null, false);
        org.ejml.dense.row.SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        int k = Math.min(a.numRows, a.numCols);
        double[] s = new double[k];
        for (int i = 0; i < k; i++) {
            s[i] = w.get(i, i);
        }
        return new Direct(s, cols(u, k), cols(v, k));
    }

    private static DMatrixRMaj cols(DMatrixRMaj m, int k) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, k);
        CommonOps_DDRM.extract(m, 0, m.numRows, 0, k, out, 0, 0);
        return out;
    }

    /** Principal angles by the textbook formula θ_i = arccos σ_i(AᵀB), ascending (fine away from 0). */
    private static double[] anglesByArccos(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj atb = new DMatrixRMaj(a.numCols, b.numCols);
        CommonOps_DDRM.multTransA(a, b, atb);
        double[] cos = svd(atb).s;
        double[] theta = new double[cos.length];
        for (int i = 0; i < cos.length; i++) {
            theta[i] = Math.acos(Math.min(1, cos[i]));
        }
        return theta;
    }

    @Test
    void metricsMatchADirectComputation() throws IOException {
        List<double[][]> steps = series(new SplittableRandom(11));
        int k = 3;
        AnalysisOptions options = new AnalysisOptions(TensorSelection.all(), k, 10, 1024, 0.9);
        SeriesAnalyzer a = new SeriesAnalyzer("s", options, LinAlgs.create());
        CheckpointSeries cs = CheckpointSeries.scan(write(steps, tmp.resolve("s")));
        List<CheckpointMetrics> got = new ArrayList<>();
        for (Checkpoint c : cs.checkpoints()) {
            got.add(a.analyze(c));
        }
        // Step 0 lies before the reference 10: spectra only, no angles.
        assertNull(got.get(0).find("a.weight", "angle-top-left-rad"));
        assertTrue(got.get(0).find("a.weight", "sv") != null);
        DMatrixRMaj ref1 = DMatrixRMaj.wrap(20, 12, steps.get(1)[0]);
        Direct r1 = svd(ref1);
        for (int s = 1; s < 3; s++) {
            DMatrixRMaj w1 = DMatrixRMaj.wrap(20, 12, steps.get(s)[0]);
            DMatrixRMaj w2 = DMatrixRMaj.wrap(9, 20, steps.get(s)[1]);
            Direct d1 = svd(w1);
            Direct d2 = svd(w2);
            CheckpointMetrics m = got.get(s);
            assertEquals(10L * s, m.step());
            assertArrayEquals(d1.s, m.find("a.weight", "sv").values(), 1e-12 * d1.s[0]);
            double fro2 = CommonOps_DDRM.elementSumAbs(elementSquare(w1));
            assertEquals(Math.sqrt(fro2), m.find("a.weight", "frobenius-norm").value(), 1e-12);
            assertEquals(
                    fro2 / (d1.s[0] * d1.s[0]),
                    m.find("a.weight", "stable-rank").value(),
                    1e-12);
            double sum = 0;
            for (double x : d1.s) {
                sum += x;
            }
            double h = 0;
            for (double x : d1.s) {
                h -= x / sum * Math.log(x / sum);
            }
            assertEquals(Math.exp(h), m.find("a.weight", "effective-rank").value(), 1e-12);
            if (s == 2) {
                assertArrayEquals(
                        anglesByArccos(cols(r1.u, k), cols(d1.u, k)),
                        m.find("a.weight", "angle-top-left-rad").values(),
                        1e-7);
                assertArrayEquals(
                        anglesByArccos(cols(r1.v, k), cols(d1.v, k)),
                        m.find("a.weight", "angle-top-right-rad").values(),
                        1e-7);
            } else {
                assertArrayEquals(
                        new double[k], m.find("a.weight", "angle-top-left-rad").values(), 1e-7);
            }
            // The update against the reference.
            DMatrixRMaj delta = new DMatrixRMaj(20, 12);
            CommonOps_DDRM.subtract(w1, ref1, delta);
            double total = CommonOps_DDRM.elementSumAbs(elementSquare(delta));
            if (total == 0) {
                assertEquals(1.0, m.find("a.weight", "update-energy-top-k").value());
                assertEquals(0.0, m.find("a.weight", "update-rank-90").value());
            } else {
                double[] ds = svd(delta).s;
                double top = 0;
                for (int i = 0; i < k; i++) {
                    top += ds[i] * ds[i];
                }
                assertEquals(
                        top / total, m.find("a.weight", "update-energy-top-k").value(), 1e-12);
                double cum = 0;
                int rank = 0;
                while (cum < 0.9 * total) {
                    cum += ds[rank] * ds[rank];
                    rank++;
                }
                assertEquals(rank, m.find("a.weight", "update-rank-90").value());
                DMatrixRMaj core = new DMatrixRMaj(k, k);
                DMatrixRMaj dv = new DMatrixRMaj(20, k);
                CommonOps_DDRM.mult(delta, cols(r1.v, k), dv);
                CommonOps_DDRM.multTransA(cols(r1.u, k), dv, core);
                assertEquals(
                        CommonOps_DDRM.elementSumAbs(elementSquare(core)) / total,
                        m.find("a.weight", "update-energy-ref-block").value(),
                        1e-12);
                assertEquals(Math.sqrt(total), m.find("a.weight", "update-norm").value(), 1e-12);
            }
            // a.weight (20×12) chains into b.weight (9×20): top-k left of a vs top-k right of b.
            double[] align = anglesByArccos(cols(d1.u, k), cols(d2.v, k));
            assertEquals(align[k - 1], m.find("a.weight", "alignment-top-rad").value(), 1e-7);
            assertNull(m.find("b.weight", "alignment-top-rad"));
        }
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj m) {
        DMatrixRMaj out = m.copy();
        CommonOps_DDRM.elementMult(out, m);
        return out;
    }

    @Test
    void largeMatricesGetTheTopValuesWithAMeasuredAccuracy() throws IOException {
        // 120×80 with singular values 2^-i/4: the randomized path (full SVD only up to min dim 16) must find the top
        // ones to high relative accuracy, and say how accurate it was.
        SplittableRandom rng = new SplittableRandom(5);
        DMatrixRMaj u = org.parsimonylab.engine.linalg.Orthogonal.haarColumns(
                120, 80, java.util.random.RandomGenerator.of("L64X128MixRandom"));
        DMatrixRMaj v = org.parsimonylab.engine.linalg.Orthogonal.haarColumns(
                80, 80, java.util.random.RandomGenerator.of("L64X128MixRandom"));
        DMatrixRMaj us = u.copy();
        for (int j = 0; j < 80; j++) {
            double s = Math.pow(2, -j / 4.0);
            for (int i = 0; i < 120; i++) {
                us.set(i, j, us.get(i, j) * s);
            }
        }
        DMatrixRMaj w = new DMatrixRMaj(120, 80);
        CommonOps_DDRM.multTransB(us, v, w);
        double[] next = w.data.clone();
        for (int i = 0; i < next.length; i++) {
            next[i] += 1e-3 * rng.nextGaussian();
        }
        Path dir = tmp.resolve("big");
        Files.createDirectories(dir);
        CheckpointFiles.writeSafetensors(
                dir.resolve("step-0.safetensors"),
                CheckpointFiles.of(Map.entry("w", CheckpointFiles.tensor("F64", new long[] {120, 80}, w.data))),
                null);
        CheckpointFiles.writeSafetensors(
                dir.resolve("step-1.safetensors"),
                CheckpointFiles.of(Map.entry("w", CheckpointFiles.tensor("F64", new long[] {120, 80}, next))),
                null);
        AnalysisOptions options = new AnalysisOptions(TensorSelection.all(), 4, -1, 16, 0.9);
        SeriesAnalyzer a = new SeriesAnalyzer("big", options, LinAlgs.create());
        CheckpointSeries cs = CheckpointSeries.scan(dir);
        a.analyze(cs.checkpoints().get(0));
        CheckpointMetrics m = a.analyze(cs.checkpoints().get(1));
        double[] direct = svd(DMatrixRMaj.wrap(120, 80, next)).s;
        double[] top = m.find("w", "sv").values();
        assertEquals(32, top.length);
        for (int i = 0; i < 8; i++) {
            assertEquals(direct[i], top[i], 1e-9 * direct[0], "sigma_" + i);
        }
        // Each triplet's residual |W v_i - s_i u_i| / s_1 is stated; the top k ones are accurate.
        double[] residual = m.find("w", "sv-residual").values();
        assertEquals(32, residual.length);
        for (int i = 0; i < 4; i++) {
            assertTrue(residual[i] >= 0 && residual[i] < 1e-6, "residual " + i + ": " + residual[i]);
        }
        assertNull(m.find("w", "effective-rank"));
        Direct before = svd(w);
        Direct after = svd(DMatrixRMaj.wrap(120, 80, next));
        assertArrayEquals(
                anglesByArccos(cols(before.u, 4), cols(after.u, 4)),
                m.find("w", "angle-top-left-rad").values(),
                1e-6);
        assertArrayEquals(
                anglesByArccos(cols(before.v, 4), cols(after.v, 4)),
                m.find("w", "angle-top-right-rad").values(),
                1e-6);
    }

    @Test
    void aMissingReferenceStepIsNamed() throws IOException {
        List<double[][]> steps = series(new SplittableRandom(2));
        CheckpointSeries cs = CheckpointSeries.scan(write(steps, tmp.resolve("r")));
        SeriesAnalyzer a =
                new SeriesAnalyzer("s", new AnalysisOptions(TensorSelection.all(), 3, 5, 1024, 0.9), LinAlgs.create());
        a.analyze(cs.checkpoints().get(0));
        CheckpointException e = org.junit.jupiter.api.Assertions.assertThrows(
                CheckpointException.class, () -> a.analyze(cs.checkpoints().get(1)));
        assertTrue(e.getMessage().contains("reference step 5"), e.getMessage());
        assertTrue(e.getMessage().startsWith(cs.checkpoints().get(1).path().toString()), e.getMessage());
    }
}
