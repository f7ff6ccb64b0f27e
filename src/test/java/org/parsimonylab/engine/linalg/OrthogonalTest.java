package org.parsimonylab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Haar orthogonal matrices and the scaled truncation of docs/science.md §1.3. */
class OrthogonalTest {

    @Test
    void haarIsOrthogonalAndDeterministic() {
        DMatrixRMaj q = Orthogonal.haar(12, Rng.stream(3, "x"));
        LinAlgTest.assertOrthonormalColumns(q);
        LinAlgTest.assertOrthonormalColumns(CommonOps_DDRM.transpose(q, null));
        assertArrayEquals(q.data, Orthogonal.haar(12, Rng.stream(3, "x")).data);
        assertNotEquals(q.get(0, 0), Orthogonal.haar(12, Rng.stream(4, "x")).get(0, 0));
    }

    @Test
    void signFixMakesTheDiagonalOfRPositive() {
        // Q·R = G with R_jj > 0 means Qᵀ·G has a positive diagonal.
        long seed = 5;
        DMatrixRMaj g = Orthogonal.gaussian(8, 8, Rng.stream(seed, "p"));
        DMatrixRMaj q = Orthogonal.haar(8, Rng.stream(seed, "p"));
        DMatrixRMaj r = new DMatrixRMaj(8, 8);
        CommonOps_DDRM.multTransA(q, g, r);
        for (int j = 0; j < 8; j++) {
            assertEquals(1.0, Math.signum(r.get(j, j)));
        }
    }

    @Test
    void truncatedRectanglesHaveAllSingularValuesEqualToScale() {
        LinAlg la = new EjmlLinAlg();
        for (int[] shape : new int[][] {{5, 9}, {9, 5}, {7, 7}}) {
            DMatrixRMaj w = Orthogonal.scaledTruncated(shape[0], shape[1], 0.25, Rng.stream(6, "t"));
            for (double s : la.singularValues(w)) {
                assertEquals(0.25, s, 1e-14);
            }
        }
    }

    @Test
    void streamsWithDifferentPurposesDiffer() {
        assertNotEquals(Rng.stream(0, "a").nextLong(), Rng.stream(0, "b").nextLong());
        assertEquals(Rng.stream(7, "a").nextLong(), Rng.stream(7, "a").nextLong());
    }

    @Test
    void randomizedSvdFindsTheTopValuesOfALowRankPlusSmallMatrix() {
        LinAlg la = new EjmlLinAlg();
        DMatrixRMaj u = Orthogonal.haarColumns(60, 5, Rng.stream(8, "u"));
        DMatrixRMaj v = Orthogonal.haarColumns(50, 5, Rng.stream(8, "v"));
        DMatrixRMaj a = new DMatrixRMaj(60, 50);
        double[] sigma = {9, 7, 5, 3, 2};
        for (int c = 0; c < 5; c++) {
            for (int i = 0; i < 60; i++) {
                for (int j = 0; j < 50; j++) {
                    a.add(i, j, u.get(i, c) * sigma[c] * v.get(j, c));
                }
            }
        }
        double[] top = new RandomizedSvd(10, 2, 1).topValues(a, 5, la);
        assertArrayEquals(sigma, top, 1e-10);
    }
}
