package org.parsimonylab.engine.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The unrolled {@link Erf} (scalar coefficients, exp(−x₁²) from a grid) returns the same bits as Cody's loops in
 * {@link ErfReference}, and the exact GELU built on it the same bits as the reference formulas, so trained numbers do
 * not move.
 */
class ErfBitsTest {

    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private static void assertSameBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual), what);
    }

    private static double[] arguments() {
        SplittableRandom rng = new SplittableRandom(11);
        double[] edges = {
            0.0,
            -0.0,
            1e-300,
            1.1e-16,
            1.2e-16,
            0.46875,
            Math.nextUp(0.46875),
            Math.nextDown(0.46875),
            0.5,
            1.0,
            3.9375,
            4.0,
            Math.nextUp(4.0),
            4.0625,
            10.0,
            26.5,
            26.543,
            Math.nextDown(26.543),
            27.0,
            1e300,
            Double.POSITIVE_INFINITY,
            Double.MIN_VALUE
        };
        double[] xs = new double[2 * edges.length + 200_000];
        int k = 0;
        for (double e : edges) {
            xs[k++] = e;
            xs[k++] = -e;
        }
        while (k < xs.length) {
            // normal draws of several scales cover every interval; a grid step of 1/16 is hit by the uniform ones
            xs[k++] = k % 3 == 0 ? 30 * (rng.nextDouble() - 0.5) : (1 + k % 7) * gaussian(rng);
        }
        return xs;
    }

    private static double gaussian(SplittableRandom rng) {
        return Math.sqrt(-2 * Math.log(1 - rng.nextDouble())) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    @Test
    void erfAndErfcAreBitForBitTheReference() {
        for (double x : arguments()) {
            assertSameBits(ErfReference.erf(x), Erf.erf(x), "erf(" + x + ")");
            assertSameBits(ErfReference.erfc(x), Erf.erfc(x), "erfc(" + x + ")");
        }
        assertSameBits(Double.NaN, Erf.erfc(Double.NaN), "NaN");
    }

    @Test
    void geluValueAndDerivativeAreBitForBitTheReferenceFormulas() {
        double[] xs = arguments();
        double[] out = new double[xs.length];
        double[] deriv = new double[xs.length];
        Activation.GELU.apply(xs, out, deriv, xs.length);
        double[] valueOnly = new double[xs.length];
        Activation.GELU.apply(xs, valueOnly, null, xs.length);
        double[] inPlace = xs.clone();
        double[] derivInPlace = new double[xs.length];
        Activation.GELU.apply(inPlace, inPlace, derivInPlace, xs.length);
        for (int i = 0; i < xs.length; i++) {
            double x = xs[i];
            if (Double.isInfinite(x) || Math.abs(x) > 1e200) {
                continue; // x·Φ(x) and x·φ(x) give ∞·0 there, in both forms alike
            }
            double cdf = 0.5 * ErfReference.erfc(-x * INV_SQRT2);
            assertSameBits(x * cdf, out[i], "GELU(" + x + ")");
            assertSameBits(cdf + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI, deriv[i], "GELU'(" + x + ")");
            assertSameBits(x * cdf, Activation.GELU.value(x), "GELU.value(" + x + ")");
            assertSameBits(x * cdf, valueOnly[i], "GELU(" + x + ") without the derivative");
            assertSameBits(x * cdf, inPlace[i], "GELU(" + x + ") in place");
            assertSameBits(deriv[i], derivInPlace[i], "GELU'(" + x + ") in place");
        }
    }
}
