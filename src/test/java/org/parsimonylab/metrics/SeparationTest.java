package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

/** The D_l formula of docs/science.md §1.6 (M3) and the geometric fit on hand-made inputs. */
class SeparationTest {

    @Test
    void handComputedTwoClassExample() {
        // 1-D features: class 0 at {0, 2}, class 1 at {10, 12}. μ0 = 1, μ1 = 11, μG = 6.
        DMatrixRMaj h = new DMatrixRMaj(new double[][] {{0, 2, 10, 12}});
        double within = (1 + 1 + 1 + 1) / 4.0;
        double between = (25 + 25) / 2.0;
        assertEquals(within / between, Separation.measure(h, new int[] {0, 0, 1, 1}, 2), 1e-15);
    }

    @Test
    void fitRecoversAnExactGeometricSequence() {
        double[] d = {8, 4, 2, 1, 0.5};
        GeometricFit fit = GeometricFit.fit(d);
        assertEquals(0.5, fit.ratio(), 1e-14);
        assertEquals(8, fit.intercept(), 1e-12);
        assertEquals(1.0, fit.rSquared(), 1e-14);
        assertEquals(1.0, fit.at(3), 1e-12);
    }

    @Test
    void fitOfANonGeometricSequenceHasLowerRSquared() {
        GeometricFit fit = GeometricFit.fit(new double[] {1, 10, 1, 10, 1});
        assertEquals(true, fit.rSquared() < 0.2);
        assertThrows(IllegalArgumentException.class, () -> GeometricFit.fit(new double[] {1}));
    }
}
