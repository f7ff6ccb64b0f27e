package org.parsimonylab.engine.net;

/**
 * The error function and its complement by W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23 (1969) 631–638; the SPECFUN routine CALERF), accurate to
 * about 1e-16 relative in double precision. Java has no erf; the exact GELU of docs/science.md §3.3 needs one.
 *
 * <p>Three intervals of |x|: [0, 0.46875] (erf directly), (0.46875, 4] and (4, 26.543) (erfc as exp(−x²)·R(x), with
 * exp(−x²) split as exp(−x₁²)·exp(−(x−x₁)(x+x₁)), x₁ = ⌊16x⌋/16, so that the large exponent loses no digits).
 */
public final class Erf {
    private static final double THRESH = 0.46875;
    private static final double XBIG = 26.543; // erfc(x) underflows beyond this
    private static final double SQRPI = 5.6418958354775628695e-1; // 1/√π

    // Cody's coefficients as scalar constants (C2 folds static final scalars, not array elements): A, B for erf on
    // [0, 0.46875]; C, D for erfc on (0.46875, 4]; P, Q for erfc on (4, 26.543). The evaluation order below is Cody's.
    private static final double A0 = 3.16112374387056560e00;
    private static final double A1 = 1.13864154151050156e02;
    private static final double A2 = 3.77485237685302021e02;
    private static final double A3 = 3.20937758913846947e03;
    private static final double A4 = 1.85777706184603153e-1;
    private static final double B0 = 2.36012909523441209e01;
    private static final double B1 = 2.44024637934444173e02;
    private static final double B2 = 1.28261652607737228e03;
    private static final double B3 = 2.84423683343917062e03;
    private static final double C0 = 5.64188496988670089e-1;
    private static final double C1 = 8.88314979438837594e00;
    private static final double C2 = 6.61191906371416295e01;
    private static final double C3 = 2.98635138197400131e02;
    private static final double C4 = 8.81952221241769090e02;
    private static final double C5 = 1.71204761263407058e03;
    private static final double C6 = 2.05107837782607147e03;
    private static final double C7 = 1.23033935479799725e03;
    private static final double C8 = 2.15311535474403846e-8;
    private static final double D0 = 1.57449261107098347e01;
    private static final double D1 = 1.17693950891312499e02;
    private static final double D2 = 5.37181101862009858e02;
    private static final double D3 = 1.62138957456669019e03;
    private static final double D4 = 3.29079923573345963e03;
    private static final double D5 = 4.36261909014324716e03;
    private static final double D6 = 3.43936767414372164e03;
    private static final double D7 = 1.23033935480374942e03;
    private static final double P0 = 3.05326634961232344e-1;
    private static final double P1 = 3.60344899949804439e-1;
    private static final double P2 = 1.25781726111229246e-1;
    private static final double P3 = 1.60837851487422766e-2;
    private static final double P4 = 6.58749161529837803e-4;
    private static final double P5 = 1.63153871373020978e-2;
    private static final double Q0 = 2.56852019228982242e00;
    private static final double Q1 = 1.87295284992346047e00;
    private static final double Q2 = 5.27905102951428412e-1;
    private static final double Q3 = 6.05183413124413191e-2;
    private static final double Q4 = 2.33520497626869185e-3;

    /**
     * exp(−x₁²) for x₁ = k/16, k = 0 … ⌊16·XBIG⌋: the first factor of Cody's split takes only these values, so it is
     * looked up; Math.exp of the same argument, so the product is bit for bit the one computed directly.
     */
    private static final double[] EXP_GRID = new double[(int) (XBIG * 16.0) + 1];

    static {
        for (int k = 0; k < EXP_GRID.length; k++) {
            double x1 = k / 16.0;
            EXP_GRID[k] = Math.exp(-x1 * x1);
        }
    }

    private Erf() {}

    /** erf(x) = (2/√π)·∫₀ˣ exp(−t²) dt. */
    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= THRESH) {
            return x * smallRatio(y);
        }
        double result = 1.0 - erfcPositive(y);
        return x < 0 ? -result : result;
    }

    /** erfc(x) = 1 − erf(x), computed without cancellation for large x (it is ≈ 2e-319 at x = 27). */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double y = Math.abs(x);
        if (y <= THRESH) {
            return 1.0 - x * smallRatio(y);
        }
        double tail = erfcPositive(y);
        return x < 0 ? 2.0 - tail : tail;
    }

    /** erfc(y) for 0.46875 &lt; y ≤ 4: the middle branch of {@link #erfc} for positive arguments. */
    private static double erfcMiddle(double y) {
        double xnum = C8 * y;
        double xden = y;
        xnum = (xnum + C0) * y;
        xden = (xden + D0) * y;
        xnum = (xnum + C1) * y;
        xden = (xden + D1) * y;
        xnum = (xnum + C2) * y;
        xden = (xden + D2) * y;
        xnum = (xnum + C3) * y;
        xden = (xden + D3) * y;
        xnum = (xnum + C4) * y;
        xden = (xden + D4) * y;
        xnum = (xnum + C5) * y;
        xden = (xden + D5) * y;
        xnum = (xnum + C6) * y;
        xden = (xden + D6) * y;
        return scaledTail(y, (xnum + C7) / (xden + D7));
    }

    /** erf(y)/y for 0 ≤ y ≤ 0.46875. */
    private static double smallRatio(double y) {
        double ysq = y > 1.11e-16 ? y * y : 0.0;
        double xnum = A4 * ysq;
        double xden = ysq;
        xnum = (xnum + A0) * ysq;
        xden = (xden + B0) * ysq;
        xnum = (xnum + A1) * ysq;
        xden = (xden + B1) * ysq;
        xnum = (xnum + A2) * ysq;
        xden = (xden + B2) * ysq;
        return (xnum + A3) / (xden + B3);
    }

    /** erfc(y) for y > 0.46875. */
    private static double erfcPositive(double y) {
        if (y >= XBIG) {
            return 0.0;
        }
        if (y <= 4.0) {
            return erfcMiddle(y);
        }
        double ysq = 1.0 / (y * y);
        double xnum = P5 * ysq;
        double xden = ysq;
        xnum = (xnum + P0) * ysq;
        xden = (xden + Q0) * ysq;
        xnum = (xnum + P1) * ysq;
        xden = (xden + Q1) * ysq;
        xnum = (xnum + P2) * ysq;
        xden = (xden + Q2) * ysq;
        xnum = (xnum + P3) * ysq;
        xden = (xden + Q3) * ysq;
        double result = ysq * (xnum + P4) / (xden + Q4);
        result = (SQRPI - result) / y;
        return scaledTail(y, result);
    }

    /** exp(−y²)·r with Cody's split exp(−x₁²)·exp(−(y−x₁)(y+x₁)), x₁ = ⌊16y⌋/16, for 0 ≤ y &lt; XBIG. */
    private static double scaledTail(double y, double r) {
        // x₁ exact: 16y only shifts the exponent and 0 ≤ 16y < 425; exp(−x₁²) comes from the grid
        int k = (int) (y * 16.0);
        double x1 = k / 16.0;
        double del = (y - x1) * (y + x1);
        return EXP_GRID[k] * Math.exp(-del) * r;
    }
}
