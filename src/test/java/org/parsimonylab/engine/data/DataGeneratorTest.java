package org.parsimonylab.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;

/** The data sets of docs/science.md §1.1 and §2: shapes, ranks, whitening, masks, labels. */
class DataGeneratorTest {
    private static final LinAlg LA = new EjmlLinAlg();

    private static DataSpec spec(
            DataKind kind,
            int dim,
            int out,
            int rank,
            int samples,
            boolean whiten,
            TargetSpectrum spectrum,
            TargetKind target) {
        return new DataSpec(kind, dim, out, rank, samples, 5, 10, 0.3, whiten, 0.5, spectrum, target);
    }

    private static int numericalRank(DMatrixRMaj m) {
        double[] s = LA.singularValues(m);
        int r = 0;
        for (double v : s) {
            if (v > 1e-10 * s[0]) {
                r++;
            }
        }
        return r;
    }

    @Test
    void factorizationTargetHasTheRequestedRankAndImplicitIdentityInput() {
        Dataset ds = DataGenerator.generate(
                spec(
                        DataKind.FACTORIZATION,
                        20,
                        12,
                        4,
                        1,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP),
                1,
                LA);
        assertTrue(ds.identityInput());
        assertEquals(20, ds.sampleCount());
        assertEquals(4, numericalRank(ds.y()));
        assertEquals(12, ds.y().numRows);
    }

    @Test
    void spreadSpectrumHasDistinctValuesTakenBelowHalfTheDimension() {
        DataSpec s = spec(DataKind.FACTORIZATION, 40, 40, 5, 1, true, TargetSpectrum.SPREAD, TargetKind.LOW_RANK_MAP);
        Dataset ds = DataGenerator.generate(s, 2, LA);
        double[] sv = LA.singularValues(ds.y());
        assertEquals(5, numericalRank(ds.y()));
        for (int i = 1; i < 5; i++) {
            assertTrue(sv[i - 1] - sv[i] > 1e-6, "distinct");
        }
        Dataset truncated = DataGenerator.generate(
                spec(
                        DataKind.FACTORIZATION,
                        40,
                        40,
                        5,
                        1,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP),
                2,
                LA);
        // Same Gaussian draw: the spread target skips values, so its largest equals the truncation's largest
        // and its second is smaller than the truncation's second.
        double[] tv = LA.singularValues(truncated.y());
        assertEquals(tv[0], sv[0], 1e-9);
        assertTrue(sv[1] < tv[1]);
    }

    @Test
    void completionMaskObservesExactlyIntPTimesEntries() {
        Dataset ds = DataGenerator.generate(
                spec(
                        DataKind.COMPLETION,
                        17,
                        13,
                        3,
                        1,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP),
                3,
                LA);
        assertEquals((int) (0.3 * 17 * 13), (int) CommonOps_DDRM.elementSum(ds.mask()));
        for (double v : ds.mask().data) {
            assertTrue(v == 0.0 || v == 1.0);
        }
    }

    @Test
    void whitenedRegressionHasOrthonormalRowsAndRealizableTarget() {
        Dataset ds = DataGenerator.generate(
                spec(
                        DataKind.REGRESSION,
                        8,
                        5,
                        2,
                        30,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP),
                4,
                LA);
        DMatrixRMaj xxt = new DMatrixRMaj(8, 8);
        CommonOps_DDRM.multTransB(ds.x(), ds.x(), xxt);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentity(xxt, 1e-12));
        DMatrixRMaj phiX = new DMatrixRMaj(5, 30);
        CommonOps_DDRM.mult(ds.phi(), ds.x(), phiX);
        assertArrayEquals(ds.y().data, phiX.data, 1e-12);
    }

    @Test
    void nonWhitenedGaussianInputsCarryTheScaleAndGaussianTargetsHaveNoMap() {
        Dataset ds = DataGenerator.generate(
                spec(
                        DataKind.REGRESSION,
                        30,
                        3,
                        0,
                        3000,
                        false,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.GAUSSIAN),
                5,
                LA);
        double meanSq =
                CommonOps_DDRM.elementSumAbs(elementSquare(ds.x())) / ds.x().getNumElements();
        assertEquals(0.25, meanSq, 0.01);
        assertNull(ds.phi());
        assertEquals(3, ds.y().numRows);
    }

    @Test
    void classificationIsClassSortedOneHotWithOrthogonalInputs() {
        Dataset ds = DataGenerator.generate(
                spec(
                        DataKind.CLASSIFICATION,
                        50,
                        5,
                        0,
                        1,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP),
                6,
                LA);
        assertEquals(50, ds.sampleCount());
        assertEquals(5, ds.classCount());
        for (int i = 0; i < 50; i++) {
            assertEquals(i / 10, ds.labels()[i]);
            assertEquals(1.0, ds.y().get(i / 10, i));
        }
        DMatrixRMaj xtx = new DMatrixRMaj(50, 50);
        CommonOps_DDRM.multTransA(ds.x(), ds.x(), xtx);
        assertTrue(org.ejml.dense.row.MatrixFeatures_DDRM.isIdentity(xtx, 1e-12));
    }

    @Test
    void sameSeedSameDataDifferentSeedDifferentData() {
        DataSpec s = DataSpec.defaults();
        assertArrayEquals(
                DataGenerator.generate(s, 9, LA).y().data,
                DataGenerator.generate(s, 9, LA).y().data);
        assertTrue(DataGenerator.generate(s, 9, LA).y().get(0, 0)
                != DataGenerator.generate(s, 10, LA).y().get(0, 0));
    }

    @Test
    void invalidSpecsNameTheField() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> spec(
                        DataKind.FACTORIZATION,
                        10,
                        10,
                        11,
                        1,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP));
        assertTrue(e.getMessage().startsWith("rank must be in [1, 10]"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> spec(
                        DataKind.REGRESSION,
                        10,
                        10,
                        2,
                        5,
                        true,
                        TargetSpectrum.TRUNCATED_GAUSSIAN,
                        TargetKind.LOW_RANK_MAP));
        assertTrue(e.getMessage().startsWith("samples must be >= dim"), e.getMessage());
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj a) {
        DMatrixRMaj sq = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, a, sq);
        return sq;
    }
}
