package org.parsimonylab.engine.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.junit.jupiter.api.Test;

/** Angle invariants of DESIGN.md §6 and docs/science.md §6 pitfall 3. */
class PrincipalAnglesTest {
    private final LinAlg la = new EjmlLinAlg();

    private DMatrixRMaj cols(DMatrixRMaj q, int from, int to) {
        DMatrixRMaj out = new DMatrixRMaj(q.numRows, to - from);
        CommonOps_DDRM.extract(q, 0, q.numRows, from, to, out, 0, 0);
        return out;
    }

    @Test
    void subspaceWithItselfIsZero() {
        DMatrixRMaj q = Orthogonal.haar(40, Rng.stream(1, "t"));
        DMatrixRMaj a = cols(q, 0, 7);
        double[] theta = PrincipalAngles.anglesRad(a, a, la);
        assertEquals(7, theta.length);
        for (double t : theta) {
            assertEquals(0.0, t, 1e-14);
        }
    }

    @Test
    void subspaceWithItsComplementIsRightAngle() {
        DMatrixRMaj q = Orthogonal.haar(30, Rng.stream(2, "t"));
        double[] theta = PrincipalAngles.anglesRad(cols(q, 0, 6), cols(q, 6, 30), la);
        assertEquals(6, theta.length);
        for (double t : theta) {
            assertEquals(Math.PI / 2, t, 1e-12);
        }
    }

    @Test
    void anglesDoNotDependOnTheBasisChosen() {
        DMatrixRMaj q = Orthogonal.haar(25, Rng.stream(3, "t"));
        DMatrixRMaj a = cols(q, 0, 5);
        DMatrixRMaj b = Orthogonal.haarColumns(25, 4, Rng.stream(4, "t"));
        double[] before = PrincipalAngles.anglesRad(a, b, la);
        DMatrixRMaj ra = new DMatrixRMaj(25, 5);
        CommonOps_DDRM.mult(a, Orthogonal.haar(5, Rng.stream(5, "t")), ra);
        DMatrixRMaj rb = new DMatrixRMaj(25, 4);
        CommonOps_DDRM.mult(b, Orthogonal.haar(4, Rng.stream(6, "t")), rb);
        CommonOps_DDRM.scale(-1, rb); // sign flips too
        double[] after = PrincipalAngles.anglesRad(ra, rb, la);
        assertArrayEquals(before, after, 1e-12);
        assertArrayEquals(before, PrincipalAngles.anglesRad(rb, ra, la), 1e-12, "symmetric in A and B");
        assertTrue(before[3] > 0.1, "random subspaces are far apart");
    }

    @Test
    void tinyAnglesAreResolvedBelowTheArccosFloor() {
        // span{e1 cos t + e2 sin t} vs span{e1}: exact angle t = 1e-12, far below arccos's ~1.5e-8 floor.
        double t = 1e-12;
        DMatrixRMaj a = new DMatrixRMaj(3, 1, true, 1, 0, 0);
        DMatrixRMaj b = new DMatrixRMaj(3, 1, true, Math.cos(t), Math.sin(t), 0);
        assertEquals(t, PrincipalAngles.largestRad(a, b, la), 1e-20);
        assertEquals(t, PrincipalAngles.vectorAngleRad(a.data, b.data), 1e-20);
        assertEquals(t, PrincipalAngles.vectorAngleRad(a.data, new double[] {-b.data[0], -b.data[1], 0}), 1e-20);
    }

    @Test
    void knownAnglesAreReturnedAscending() {
        double t1 = 0.3;
        double t2 = 1.1;
        DMatrixRMaj a = new DMatrixRMaj(4, 2, true, 1, 0, 0, 1, 0, 0, 0, 0);
        DMatrixRMaj b = new DMatrixRMaj(4, 2, true, Math.cos(t2), 0, 0, Math.cos(t1), Math.sin(t2), 0, 0, Math.sin(t1));
        assertArrayEquals(new double[] {t1, t2}, PrincipalAngles.anglesRad(a, b, la), 1e-14);
    }
}
