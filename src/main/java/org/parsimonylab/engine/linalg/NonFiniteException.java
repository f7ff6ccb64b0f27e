package org.parsimonylab.engine.linalg;

import org.ejml.data.DMatrixRMaj;

/**
 * A matrix handed to a decomposition (SVD, QR) holds NaN, ±∞ or values so large that the decomposition's own norms
 * overflow: the run has diverged or its input is out of range. Thrown before LAPACK or EJML sees the matrix, so the
 * message says what happened instead of a LAPACK error code.
 */
public final class NonFiniteException extends ArithmeticException {
    private static final long serialVersionUID = 1L;

    /** Largest |a_ij| a decomposition is given: sums of squares of m·n such entries stay finite up to 1e300. */
    public static final double MAX_ENTRY = 1e145;

    /** Creates the exception with its one-line message. */
    public NonFiniteException(String message) {
        super(message);
    }

    /**
     * Throws when {@code a} (the input of {@code what}, e.g. "the SVD") has an entry that is not finite or exceeds
     * {@link #MAX_ENTRY} in magnitude; the message gives the shape, the position and the value.
     */
    public static void check(DMatrixRMaj a, String what) {
        int n = a.getNumElements();
        double[] d = a.data;
        for (int i = 0; i < n; i++) {
            double v = d[i];
            if (!(Math.abs(v) <= MAX_ENTRY)) {
                throw new NonFiniteException(String.format(
                        java.util.Locale.ROOT,
                        "%s of a %dx%d matrix got %s at (%d, %d)%s",
                        what,
                        a.numRows,
                        a.numCols,
                        v,
                        i / a.numCols,
                        i % a.numCols,
                        Double.isFinite(v) ? " (too large: squares overflow)" : ""));
            }
        }
    }
}
