package org.parsimonylab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/**
 * An SVD depends on its input alone, not on which SVDs the same backend ran before: EJML's implicit-QR SVD draws
 * exceptional shifts from a java.util.Random of its own, taken exactly on degenerate spectra such as the rank-40
 * layers U·Vᵀ (40 singular values equal to 1) of the low-rank MLP at step 0, where the app and {@code run} differed.
 */
class SvdHistoryTest {
    /** U·Vᵀ (n×n) with U, V n×r of Haar-orthonormal columns: r singular values 1, the rest 0. */
    private static DMatrixRMaj partialIsometry(int n, int r, long seed) {
        DMatrixRMaj u = Orthogonal.haarColumns(n, r, new Random(seed));
        DMatrixRMaj v = Orthogonal.haarColumns(n, r, new Random(seed + 1));
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        new EjmlLinAlg().gemm(false, true, 1.0, u, v, 0.0, out);
        return out;
    }

    @Test
    void valuesOfADegenerateSpectrumDoNotDependOnEarlierSvds() {
        DMatrixRMaj target = partialIsometry(64, 40, 7);
        for (LinAlg.SvdMode mode : new LinAlg.SvdMode[] {LinAlg.SvdMode.VALUES, LinAlg.SvdMode.THIN}) {
            Svd fresh = new Svd();
            new EjmlLinAlg().svd(target, mode, fresh);
            EjmlLinAlg used = new EjmlLinAlg();
            Svd scratch = new Svd();
            for (int i = 0; i < 6; i++) {
                used.svd(partialIsometry(64, 40, 100 + i), mode, scratch);
            }
            Svd after = new Svd();
            used.svd(target, mode, after);
            assertArrayEquals(fresh.s, after.s, 0.0, mode + ": same matrix, same values, whatever ran before");
        }
    }
}
