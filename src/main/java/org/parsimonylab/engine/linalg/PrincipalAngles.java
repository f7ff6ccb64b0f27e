package org.parsimonylab.engine.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * Principal angles between the column spans of two matrices with orthonormal columns, robust at small angles
 * (docs/science.md §6 pitfall 3, §7). For A (n×p) and B (n×q) with p ≥ q the q angles satisfy cos θ_i = σ_i(AᵀB) and
 * sin θ_i = σ_{q−1−i}((I − AAᵀ)B); each angle is θ_i = atan2(sin θ_i, cos θ_i). arccos alone saturates at about
 * 1.5e-8 rad in double precision; the sine form resolves angles down to about 1e-16 rad and the cosine form keeps
 * angles near π/2 accurate, so the atan2 of the pair is accurate over the whole range. Both are invariant under
 * any change of orthonormal basis of either subspace and under sign flips of the columns. Radians throughout.
 *
 * <p>When p &lt; q the roles of A and B are swapped (principal angles are symmetric), so min(p, q) angles come back.
 */
public final class PrincipalAngles {
    private PrincipalAngles() {}

    /**
     * All min(p, q) principal angles between span(A) (n×p) and span(B) (n×q), ascending, in radians. A and B must
     * have orthonormal columns; neither is modified.
     */
    public static double[] anglesRad(DMatrixRMaj a, DMatrixRMaj b, LinAlg linAlg) {
        if (a.numRows != b.numRows) {
            throw new IllegalArgumentException(
                    "principal angles need bases of the same space (got " + a.numRows + " and " + b.numRows + " rows)");
        }
        if (a.numCols < b.numCols) {
            return anglesRad(b, a, linAlg);
        }
        int q = b.numCols;
        if (q == 0) {
            return new double[0];
        }
        DMatrixRMaj atb = new DMatrixRMaj(a.numCols, q);
        linAlg.gemm(true, false, 1.0, a, b, 0.0, atb); // p×q
        DMatrixRMaj residual = b.copy(); // n×q: B − A(AᵀB) = (I − AAᵀ)B
        linAlg.gemm(false, false, -1.0, a, atb, 1.0, residual);
        Svd svd = new Svd();
        linAlg.svd(atb, LinAlg.SvdMode.VALUES, svd);
        double[] cos = svd.s.clone(); // descending: smallest angle first
        linAlg.svd(residual, LinAlg.SvdMode.VALUES, svd);
        double[] sin = svd.s; // descending: largest angle first
        double[] theta = new double[q];
        for (int i = 0; i < q; i++) {
            double c = Math.min(1.0, Math.max(0.0, cos[i]));
            double s = Math.min(1.0, Math.max(0.0, sin[q - 1 - i]));
            theta[i] = Math.atan2(s, c);
        }
        java.util.Arrays.sort(theta); // the pairing is exact in theory; sorting guards against rounding ties
        return theta;
    }

    /** The largest principal angle between span(A) and span(B) in radians (as the papers' {@code compute_angle}). */
    public static double largestRad(DMatrixRMaj a, DMatrixRMaj b, LinAlg linAlg) {
        double[] theta = anglesRad(a, b, linAlg);
        return theta.length == 0 ? 0.0 : theta[theta.length - 1];
    }

    /**
     * The angle between the lines spanned by unit vectors a and b (length n), sign-invariant:
     * θ = atan2(‖b − a·(aᵀb)‖, |aᵀb|). Arrays are not modified.
     */
    public static double vectorAngleRad(double[] a, double[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        double rest = 0;
        for (int i = 0; i < a.length; i++) {
            double e = b[i] - a[i] * dot;
            rest += e * e;
        }
        return Math.atan2(Math.sqrt(rest), Math.abs(dot));
    }

    /**
     * The columns {@code cols} of {@code m} (rows×cols), in the given order, as a new rows×cols.length matrix; used
     * to cut singular-vector blocks out of a basis.
     */
    public static DMatrixRMaj columns(DMatrixRMaj m, int[] cols) {
        DMatrixRMaj out = new DMatrixRMaj(m.numRows, cols.length);
        for (int i = 0; i < m.numRows; i++) {
            int base = i * m.numCols;
            int outBase = i * cols.length;
            for (int j = 0; j < cols.length; j++) {
                out.data[outBase + j] = m.data[base + cols[j]];
            }
        }
        return out;
    }

    /** Column {@code j} of {@code m} as a new array. */
    public static double[] column(DMatrixRMaj m, int j) {
        double[] out = new double[m.numRows];
        for (int i = 0; i < m.numRows; i++) {
            out[i] = m.data[i * m.numCols + j];
        }
        return out;
    }

    /** The index range [from, to) as an array. */
    public static int[] range(int from, int to) {
        int[] out = new int[Math.max(0, to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = from + i;
        }
        return out;
    }

    /** Indices [0, r) ∪ [k − r, k): the 2r block of top r and bottom r singular vectors (docs/science.md §6 pitfall 5). */
    public static int[] outerBlock(int r, int k) {
        int[] out = new int[2 * r];
        for (int i = 0; i < r; i++) {
            out[i] = i;
            out[r + i] = k - r + i;
        }
        return out;
    }
}
