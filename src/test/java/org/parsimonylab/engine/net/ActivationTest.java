package org.parsimonylab.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parsimonylab.engine.Labeled;

/** Erf golden values and φ, φ′ of every activation (docs/science.md §3.2, §3.4). */
class ActivationTest {

    /** x, erf(x), erfc(x) from mpmath at 30 digits. */
    private static final double[][] ERF_GOLDEN = {
        {1e-10, 1.1283791670955125739e-10, 0.99999999988716208329},
        {0.1, 0.1124629160182848922, 0.8875370839817151078},
        {0.3, 0.32862675945912742764, 0.67137324054087257236},
        {0.46875, 0.49261347321793799159, 0.50738652678206200841},
        {0.5, 0.52049987781304653768, 0.47950012218695346232},
        {1, 0.84270079294971486934, 0.15729920705028513066},
        {2, 0.99532226501895273416, 0.0046777349810472658379},
        {3, 0.99997790950300141456, 0.000022090496998585441373},
        {4, 0.99999998458274209972, 1.5417257900280018852e-8},
        {4.5, 0.99999999980338395585, 1.9661604415428874763e-10},
        {6, 0.99999999999999997848, 2.1519736712498913117e-17},
        {10, 1.0, 2.088487583762544757e-45},
        {-0.7, -0.67780119383741847298, 1.677801193837418473},
        {-2.5, -0.99959304798255504106, 1.9995930479825550411},
    };

    @Test
    void erfMatchesGoldenValuesToAboutOneUlp() {
        for (double[] row : ERF_GOLDEN) {
            double x = row[0];
            assertEquals(row[1], Erf.erf(x), 4e-16 * Math.abs(row[1]), "erf(" + x + ")");
            assertEquals(row[2], Erf.erfc(x), 4e-15 * Math.abs(row[2]), "erfc(" + x + ")");
        }
        assertEquals(0.0, Erf.erf(0.0));
        assertEquals(1.0, Erf.erf(30.0));
        assertEquals(0.0, Erf.erfc(30.0));
        assertEquals(2.0, Erf.erfc(-30.0));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertEquals(-Erf.erf(1.3), Erf.erf(-1.3), 0.0, "odd");
    }

    @Test
    void geluIsExactNotTheTanhApproximation() {
        // GELU(1) = Φ(1) = 0.841344746068542948585...; the tanh approximation gives 0.8411919906...
        assertEquals(0.8413447460685429, Activation.GELU.value(1.0), 2e-16);
        assertEquals(-0.15865525393145705, Activation.GELU.value(-1.0), 2e-16);
        // far left tail: x·Φ(x) with Φ(−10) = 7.619853024160526e-24, computed without cancellation
        assertEquals(-7.619853024160526e-23, Activation.GELU.value(-10.0), 1e-36);
    }

    @Test
    void shiftedSoftplusIsZeroAtZeroAndAccurateNearIt() {
        assertEquals(0.0, Activation.SOFTPLUS.value(0.0));
        // ln((1 + e^x)/2) = x/2 + x²/8 + O(x⁴)
        assertEquals(5.00000000000125e-13, Activation.SOFTPLUS.value(1e-12), 1e-28);
        assertEquals(-Math.log(2), Activation.SOFTPLUS.value(-800.0), 1e-16);
        assertEquals(800 - Math.log(2), Activation.SOFTPLUS.value(800.0), 1e-12);
        assertEquals(Math.log1p(Math.exp(2.0)) - Math.log(2), Activation.SOFTPLUS.value(2.0), 1e-15);
    }

    @Test
    void labelsAreThoseOfTheDesign() {
        assertEquals("identity|tanh|gelu|silu|elu|softplus|sigmoid|relu|leaky-relu", Labeled.allowed(Activation.class));
    }

    @ParameterizedTest
    @EnumSource(Activation.class)
    void derivativeMatchesCentralDifferences(Activation phi) {
        double h = 1e-6;
        for (double x = -4.05; x <= 4.0; x += 0.37) {
            double fd = (phi.value(x + h) - phi.value(x - h)) / (2 * h);
            assertEquals(fd, phi.derivative(x), 1e-8 * Math.max(1, Math.abs(fd)), phi + " at " + x);
        }
        double[] in = {-3, -0.5, 0.2, 2.5};
        double[] out = new double[4];
        double[] d = new double[4];
        phi.apply(in, out, d, 4);
        for (int i = 0; i < 4; i++) {
            assertEquals(phi.value(in[i]), out[i], 0.0);
            assertEquals(phi.derivative(in[i]), d[i], 0.0);
        }
        if (phi.zeroAtZero()) {
            assertEquals(0.0, phi.value(0.0), 0.0, phi + "(0)");
        }
    }
}
