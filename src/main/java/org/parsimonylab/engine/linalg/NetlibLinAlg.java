package org.parsimonylab.engine.linalg;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import dev.ludovic.netlib.lapack.LAPACK;
import dev.ludovic.netlib.lapack.NativeLAPACK;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.netlib.util.intW;

/**
 * Backend on dev.ludovic.netlib BLAS (native OpenBLAS through JNI when installed, VectorBLAS or pure Java otherwise)
 * and, when a native LAPACK is present, LAPACK {@code dgesdd} for SVDs; without a native LAPACK the SVD falls back to
 * EJML, which is faster than the F2J translation (performance.md §9).
 *
 * <p>Row-major EJML storage of A is column-major storage of Aᵀ, so {@code C = op(A)·op(B)} is computed as the
 * column-major {@code Cᵀ = op(B)ᵀ·op(A)ᵀ} without copying.
 */
public final class NetlibLinAlg implements LinAlg {
    private final BLAS blas;
    private final LAPACK lapack;
    private final EjmlLinAlg svdFallback;
    private final intW info = new intW(0);
    private double[] work = new double[1];
    private int[] iwork = new int[1];
    private double[] input = new double[1];
    private double[] leftBuffer = new double[1];
    private double[] rightBuffer = new double[1];

    /** Uses the given BLAS, and LAPACK when {@code lapackOrNull} is non-null (otherwise EJML's SVD). */
    public NetlibLinAlg(BLAS blas, LAPACK lapackOrNull) {
        this.blas = blas;
        this.lapack = lapackOrNull;
        this.svdFallback = lapackOrNull == null ? new EjmlLinAlg() : null;
    }

    /** The best the system offers: native BLAS/LAPACK when installed, otherwise VectorBLAS/Java BLAS + EJML SVD. */
    public static NetlibLinAlg best() {
        LAPACK lp = LAPACK.getInstance();
        return new NetlibLinAlg(BLAS.getInstance(), lp instanceof NativeLAPACK ? lp : null);
    }

    /** True when the BLAS in use is a native library reached through JNI. */
    public boolean isNative() {
        return blas instanceof NativeBLAS;
    }

    @Override
    public void gemm(
            boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
        int m = transA ? a.numCols : a.numRows;
        int k = transA ? a.numRows : a.numCols;
        int kb = transB ? b.numCols : b.numRows;
        int n = transB ? b.numRows : b.numCols;
        if (k != kb || c.numRows != m || c.numCols != n) {
            throw new IllegalArgumentException("gemm shapes do not match: op(A) " + m + "x" + k + ", op(B) " + kb + "x"
                    + n + ", C " + c.numRows + "x" + c.numCols);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            CommonOps_DDRM.scale(beta, c);
            return;
        }
        // Column-major view: C' (n x m) = op(B)' (n x k) * op(A)' (k x m), with B' stored as b.data (ld = b.numCols).
        blas.dgemm(
                transB ? "T" : "N",
                transA ? "T" : "N",
                n,
                m,
                k,
                alpha,
                b.data,
                Math.max(1, b.numCols),
                a.data,
                Math.max(1, a.numCols),
                beta,
                c.data,
                Math.max(1, n));
    }

    @Override
    public void svd(DMatrixRMaj a, SvdMode mode, Svd out) {
        NonFiniteException.check(a, "the SVD");
        if (lapack == null) {
            svdFallback.svd(a, mode, out);
            return;
        }
        int m = a.numRows;
        int n = a.numCols;
        int k = Math.min(m, n);
        out.ensureValues(k);
        if (k == 0) {
            return;
        }
        // LAPACK sees B = A' (n x m, column-major): B = Ub S Vb', so A = Vb S Ub'.
        int size = m * n;
        if (input.length < size) {
            input = new double[size];
        }
        System.arraycopy(a.data, 0, input, 0, size);
        String jobz;
        int uCols;
        int vtRows;
        switch (mode) {
            case VALUES -> {
                jobz = "N";
                uCols = 1;
                vtRows = 1;
            }
            case THIN -> {
                jobz = "S";
                uCols = k;
                vtRows = k;
            }
            default -> {
                jobz = "A";
                uCols = n;
                vtRows = m;
            }
        }
        int ldu = Math.max(1, n);
        int ldvt = Math.max(1, vtRows);
        if (leftBuffer.length < ldu * uCols) {
            leftBuffer = new double[ldu * uCols];
        }
        if (rightBuffer.length < ldvt * m) {
            rightBuffer = new double[ldvt * m];
        }
        if (iwork.length < 8 * k) {
            iwork = new int[8 * k];
        }
        lapack.dgesdd(jobz, n, m, input, n, out.s, leftBuffer, ldu, rightBuffer, ldvt, work, -1, iwork, info);
        int lwork = (int) work[0];
        if (work.length < lwork) {
            work = new double[lwork];
        }
        lapack.dgesdd(jobz, n, m, input, n, out.s, leftBuffer, ldu, rightBuffer, ldvt, work, lwork, iwork, info);
        if (info.val != 0) {
            throw new ArithmeticException(
                    "LAPACK dgesdd failed (info = " + info.val + ") for a " + m + "x" + n + " matrix");
        }
        if (mode == SvdMode.VALUES) {
            out.u = null;
            out.v = null;
            return;
        }
        // Vb' (vtRows x m, column-major) is Vb (m x vtRows) row-major: that is U of A.
        out.u = Svd.ensure(out.u, m, vtRows);
        System.arraycopy(rightBuffer, 0, out.u.data, 0, m * vtRows);
        // Ub (n x uCols, column-major) is Ub' (uCols x n) row-major: V of A is its transpose.
        out.v = Svd.ensure(out.v, n, uCols);
        double[] v = out.v.data;
        for (int col = 0; col < uCols; col++) {
            int base = col * n;
            for (int row = 0; row < n; row++) {
                v[row * uCols + col] = leftBuffer[base + row];
            }
        }
    }

    @Override
    public String describe() {
        String lp = lapack == null ? "EJML SVD" : lapack.getClass().getSimpleName();
        return "netlib " + blas.getClass().getSimpleName() + " + " + lp + (isNative() ? " (native)" : " (Java)");
    }
}
