package org.parsimonylab.engine.linalg;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.QRDecomposition;

/** Haar-distributed orthogonal matrices (docs/science.md §1.3, §7). */
public final class Orthogonal {
    private Orthogonal() {}

    /**
     * A Haar-random n×n orthogonal matrix: Q of the QR factorisation of an n×n standard Gaussian matrix, with column j
     * multiplied by sign(R_jj) so that the distribution is exactly Haar (docs/science.md §1.3).
     */
    public static DMatrixRMaj haar(int n, RandomGenerator rng) {
        return haarColumns(n, n, rng);
    }

    /**
     * The first {@code p} columns of a Haar n×n orthogonal matrix (n×p, orthonormal columns), drawn as the sign-fixed
     * QR factor of an n×p Gaussian matrix, which has the same distribution.
     */
    public static DMatrixRMaj haarColumns(int n, int p, RandomGenerator rng) {
        if (p > n) {
            throw new IllegalArgumentException("haarColumns needs p <= n (got n=" + n + ", p=" + p + ")");
        }
        DMatrixRMaj g = gaussian(n, p, rng);
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, p);
        if (!qr.decompose(g)) {
            throw new ArithmeticException("QR failed while drawing a Haar matrix");
        }
        DMatrixRMaj q = qr.getQ(null, true); // n x p
        DMatrixRMaj r = qr.getR(null, true); // p x p
        for (int j = 0; j < p; j++) {
            if (r.get(j, j) < 0) {
                for (int i = 0; i < n; i++) {
                    q.set(i, j, -q.get(i, j));
                }
            }
        }
        return q;
    }

    /**
     * ε·Q truncated to m×n, Q Haar of size max(m, n): the first n columns if m > n, otherwise the first m rows, as the
     * papers' {@code _init_weight_orth} does. All min(m, n) singular values equal ε.
     */
    public static DMatrixRMaj scaledTruncated(int m, int n, double scale, RandomGenerator rng) {
        int d = Math.max(m, n);
        DMatrixRMaj q = haar(d, rng);
        DMatrixRMaj out = new DMatrixRMaj(m, n);
        CommonOps_DDRM.extract(q, 0, m, 0, n, out, 0, 0);
        CommonOps_DDRM.scale(scale, out);
        return out;
    }

    /** An m×n matrix of independent standard normal entries, drawn row by row. */
    public static DMatrixRMaj gaussian(int m, int n, RandomGenerator rng) {
        DMatrixRMaj g = new DMatrixRMaj(m, n);
        double[] data = g.data;
        for (int i = 0; i < m * n; i++) {
            data[i] = rng.nextGaussian();
        }
        return g;
    }
}
