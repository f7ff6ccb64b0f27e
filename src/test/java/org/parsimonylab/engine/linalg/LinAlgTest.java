package org.parsimonylab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.lapack.JavaLAPACK;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.stream.Stream;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both backends against naive products and against the SVD invariants (DESIGN.md §6). */
class LinAlgTest {

    static Stream<LinAlg> backends() {
        return Stream.of(
                new EjmlLinAlg(),
                new NetlibLinAlg(JavaBLAS.getInstance(), null),
                new NetlibLinAlg(JavaBLAS.getInstance(), JavaLAPACK.getInstance()),
                NetlibLinAlg.best());
    }

    private static DMatrixRMaj naive(boolean ta, boolean tb, DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj oa = ta ? CommonOps_DDRM.transpose(a, null) : a;
        DMatrixRMaj ob = tb ? CommonOps_DDRM.transpose(b, null) : b;
        DMatrixRMaj c = new DMatrixRMaj(oa.numRows, ob.numCols);
        for (int i = 0; i < oa.numRows; i++) {
            for (int j = 0; j < ob.numCols; j++) {
                double s = 0;
                for (int k = 0; k < oa.numCols; k++) {
                    s += oa.get(i, k) * ob.get(k, j);
                }
                c.set(i, j, s);
            }
        }
        return c;
    }

    @ParameterizedTest
    @MethodSource("backends")
    void gemmMatchesNaiveProductForEveryTransposeCombination(LinAlg la) {
        RandomGenerator rng = Rng.stream(1, "gemm");
        int m = 7;
        int k = 5;
        int n = 4;
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                DMatrixRMaj a = ta ? Orthogonal.gaussian(k, m, rng) : Orthogonal.gaussian(m, k, rng);
                DMatrixRMaj b = tb ? Orthogonal.gaussian(n, k, rng) : Orthogonal.gaussian(k, n, rng);
                DMatrixRMaj c0 = Orthogonal.gaussian(m, n, rng);
                DMatrixRMaj c = c0.copy();
                la.gemm(ta, tb, 0.5, a, b, 2.0, c);
                DMatrixRMaj expected = naive(ta, tb, a, b);
                for (int i = 0; i < m * n; i++) {
                    assertEquals(0.5 * expected.data[i] + 2.0 * c0.data[i], c.data[i], 1e-12, la.describe());
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("backends")
    void svdReconstructsSortsAndPreservesFrobeniusNorm(LinAlg la) {
        RandomGenerator rng = Rng.stream(2, "svd");
        for (int[] shape : List.of(new int[] {6, 6}, new int[] {9, 4}, new int[] {3, 8})) {
            DMatrixRMaj a = Orthogonal.gaussian(shape[0], shape[1], rng);
            for (LinAlg.SvdMode mode : LinAlg.SvdMode.values()) {
                Svd svd = new Svd();
                la.svd(a, mode, svd);
                double sumSq = 0;
                for (int i = 0; i < svd.s.length; i++) {
                    sumSq += svd.s[i] * svd.s[i];
                    if (i > 0) {
                        assertTrue(svd.s[i - 1] >= svd.s[i], "descending");
                    }
                }
                assertEquals(CommonOps_DDRM.elementSumAbs(elementSquare(a)), sumSq, 1e-10);
                if (mode == LinAlg.SvdMode.VALUES) {
                    continue;
                }
                int k = svd.s.length;
                int uCols = mode == LinAlg.SvdMode.FULL ? shape[0] : k;
                int vCols = mode == LinAlg.SvdMode.FULL ? shape[1] : k;
                assertEquals(uCols, svd.u.numCols);
                assertEquals(vCols, svd.v.numCols);
                assertOrthonormalColumns(svd.u);
                assertOrthonormalColumns(svd.v);
                DMatrixRMaj rebuilt = new DMatrixRMaj(shape[0], shape[1]);
                for (int i = 0; i < shape[0]; i++) {
                    for (int j = 0; j < shape[1]; j++) {
                        double s = 0;
                        for (int c = 0; c < k; c++) {
                            s += svd.u.get(i, c) * svd.s[c] * svd.v.get(j, c);
                        }
                        rebuilt.set(i, j, s);
                    }
                }
                for (int i = 0; i < a.data.length; i++) {
                    assertEquals(a.data[i], rebuilt.data[i], 1e-12, la.describe() + " " + mode);
                }
            }
        }
    }

    private static DMatrixRMaj elementSquare(DMatrixRMaj a) {
        DMatrixRMaj sq = new DMatrixRMaj(a.numRows, a.numCols);
        CommonOps_DDRM.elementMult(a, a, sq);
        return sq;
    }

    static void assertOrthonormalColumns(DMatrixRMaj q) {
        DMatrixRMaj gram = new DMatrixRMaj(q.numCols, q.numCols);
        CommonOps_DDRM.multTransA(q, q, gram);
        for (int i = 0; i < q.numCols; i++) {
            for (int j = 0; j < q.numCols; j++) {
                assertEquals(i == j ? 1.0 : 0.0, gram.get(i, j), 1e-12);
            }
        }
    }
}
