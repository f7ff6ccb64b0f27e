package org.parsimonylab.engine.linalg;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Portable backend on EJML. Products with a transposed right factor go through an explicit transpose into a cached
 * buffer and {@code mult}, never {@code multTransB}, which is 2.6x slower (performance.md §3.2).
 */
public final class EjmlLinAlg implements LinAlg {
    private final DMatrixRMaj transposeBuffer = new DMatrixRMaj(1, 1);
    private final Map<Long, DMatrixRMaj> productBuffers = new HashMap<>();
    private DMatrixRMaj svdInput = new DMatrixRMaj(1, 1);

    @Override
    public void gemm(
            boolean transA, boolean transB, double alpha, DMatrixRMaj a, DMatrixRMaj b, double beta, DMatrixRMaj c) {
        DMatrixRMaj right = b;
        if (transB) {
            // reshape keeps the array when it is large enough: no allocation once the largest shape was seen
            transposeBuffer.reshape(b.numCols, b.numRows);
            right = transposeBuffer;
            CommonOps_DDRM.transpose(b, right);
        }
        if (beta == 0.0) {
            if (transA) {
                CommonOps_DDRM.multTransA(alpha, a, right, c);
            } else {
                CommonOps_DDRM.mult(alpha, a, right, c);
            }
            return;
        }
        if (beta != 1.0) {
            CommonOps_DDRM.scale(beta, c);
        }
        if (transA) {
            CommonOps_DDRM.multAddTransA(alpha, a, right, c);
        } else {
            CommonOps_DDRM.multAdd(alpha, a, right, c);
        }
    }

    private static DMatrixRMaj buffer(Map<Long, DMatrixRMaj> cache, int rows, int cols) {
        return cache.computeIfAbsent(((long) rows << 32) | cols, k -> new DMatrixRMaj(rows, cols));
    }

    @Override
    public void svd(DMatrixRMaj a, SvdMode mode, Svd out) {
        NonFiniteException.check(a, "the SVD");
        int m = a.numRows;
        int n = a.numCols;
        int k = Math.min(m, n);
        boolean vectors = mode != SvdMode.VALUES;
        boolean compact = mode == SvdMode.THIN;
        // A fresh decomposer per call: EJML's implicit-QR SVD keeps a java.util.Random for its exceptional shifts, and
        // a reused decomposer carries that stream from one matrix to the next, so the values of a degenerate spectrum
        // (all equal, where the shifts are taken) depended in the last digit on which SVDs this instance ran before
        // (the app and `run` differed by 1e-16 on the rank-40 layers of p2-fashion-mnist-lowrank-trials).
        SingularValueDecomposition_F64<DMatrixRMaj> svd =
                DecompositionFactory_DDRM.svd(m, n, vectors, vectors, compact);
        svdInput.setTo(a);
        if (!svd.decompose(svdInput)) {
            throw new ArithmeticException("SVD did not converge for a " + m + "x" + n + " matrix");
        }
        out.ensureValues(k);
        if (!vectors) {
            double[] values = svd.getSingularValues();
            System.arraycopy(values, 0, out.s, 0, k);
            Arrays.sort(out.s);
            reverse(out.s);
            out.u = null;
            out.v = null;
            return;
        }
        out.u = svd.getU(Svd.ensure(out.u, m, compact ? k : m), false);
        out.v = svd.getV(Svd.ensure(out.v, n, compact ? k : n), false);
        // EJML leaves the values unsorted; sort them together with their vectors.
        DMatrixRMaj w = compact ? buffer(productBuffers, k, k) : buffer(productBuffers, m, n);
        w.zero();
        double[] values = svd.getSingularValues();
        for (int i = 0; i < k; i++) {
            w.set(i, i, values[i]);
        }
        SingularOps_DDRM.descendingOrder(out.u, false, w, out.v, false);
        for (int i = 0; i < k; i++) {
            out.s[i] = w.get(i, i);
        }
    }

    private static void reverse(double[] x) {
        for (int i = 0, j = x.length - 1; i < j; i++, j--) {
            double t = x[i];
            x[i] = x[j];
            x[j] = t;
        }
    }

    @Override
    public String describe() {
        return "EJML 0.46 (pure Java)";
    }
}
