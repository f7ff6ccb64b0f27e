package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.RandomMatrices_DDRM;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.PrincipalAngles;

/**
 * For complete orthonormal bases (k = n) the middle block is the complement of the outer block, so its largest
 * principal angle equals the outer block's (docs/science.md M2); SubspaceAngleProbe takes it from there. Checked here
 * against the direct middle-block computation, for small and for large rotations and asymmetric blocks.
 */
class SubspaceAngleMiddleTest {
    private final LinAlg la = new EjmlLinAlg();

    /** An orthonormal n×n basis: Q of a random matrix. */
    private static DMatrixRMaj orthogonal(int n, Random rng) {
        DMatrixRMaj q = RandomMatrices_DDRM.orthogonal(n, n, rng);
        return q;
    }

    /** b = C·a with C = (I + tS/2)⁻¹(I − tS/2) the Cayley rotation of a random skew-symmetric S (angle about t). */
    private static DMatrixRMaj rotate(DMatrixRMaj a, double t, Random rng) {
        int n = a.numRows;
        DMatrixRMaj g = RandomMatrices_DDRM.rectangle(n, n, -1, 1, rng);
        DMatrixRMaj skew = new DMatrixRMaj(n, n);
        CommonOps_DDRM.transpose(g, skew);
        CommonOps_DDRM.subtract(g, skew, skew);
        CommonOps_DDRM.scale(t / 2, skew);
        DMatrixRMaj plus = CommonOps_DDRM.identity(n);
        DMatrixRMaj minus = CommonOps_DDRM.identity(n);
        CommonOps_DDRM.addEquals(plus, skew);
        CommonOps_DDRM.subtractEquals(minus, skew);
        DMatrixRMaj inv = new DMatrixRMaj(n, n);
        CommonOps_DDRM.invert(plus, inv);
        DMatrixRMaj cayley = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(inv, minus, cayley);
        DMatrixRMaj b = new DMatrixRMaj(n, n);
        CommonOps_DDRM.mult(cayley, a, b);
        return b;
    }

    @Test
    void theMiddleAngleOfCompleteBasesIsTheOuterBlocksAngle() {
        Random rng = new Random(7);
        int n = 40;
        for (double t : new double[] {1e-9, 1e-4, 0.05, 0.5}) {
            DMatrixRMaj a = orthogonal(n, rng);
            DMatrixRMaj b = rotate(a, t, rng);
            for (int[] blocks : new int[][] {{3, 3}, {2, 5}, {0, 4}, {6, 0}}) {
                int top = blocks[0];
                int bottom = blocks[1];
                SubspaceAngleProbe.Sides sides = SubspaceAngleProbe.angles(a, b, top, bottom, n, la);
                int[] mid = PrincipalAngles.range(top, n - bottom);
                double direct = PrincipalAngles.largestRad(
                        PrincipalAngles.columns(a, mid), PrincipalAngles.columns(b, mid), la);
                assertTrue(direct > 0, "the rotation moves the middle block");
                assertEquals(
                        direct, sides.middle(), 1e-12 + 1e-9 * direct, "t = " + t + ", blocks " + top + "/" + bottom);
                assertEquals(sides.middle(), sides.indexed()[top], 0.0);
            }
        }
    }

    @Test
    void anIncompleteBasisStillMeasuresItsMiddleDirectly() {
        Random rng = new Random(8);
        int n = 30;
        int k = 12;
        DMatrixRMaj full = orthogonal(n, rng);
        DMatrixRMaj rotated = rotate(full, 0.1, rng);
        int[] first = PrincipalAngles.range(0, k);
        DMatrixRMaj a = PrincipalAngles.columns(full, first);
        DMatrixRMaj b = PrincipalAngles.columns(rotated, first);
        SubspaceAngleProbe.Sides sides = SubspaceAngleProbe.angles(a, b, 2, 2, k, la);
        int[] mid = PrincipalAngles.range(2, k - 2);
        double direct =
                PrincipalAngles.largestRad(PrincipalAngles.columns(a, mid), PrincipalAngles.columns(b, mid), la);
        assertEquals(
                direct, sides.middle(), 0.0, "k < n: the complement argument does not hold, the middle is computed");
    }
}
