package org.parsimonylab.metrics;

/**
 * Least-squares line through (l, log D_l), l = 0…n−1, as {@code best_fit_line} in the papers' {@code collapse.py}
 * (docs/science.md §1.6): D_l ≈ D_0fit·ratioˡ. R² measures how geometric the decay is (target T13: R² &gt; 0.995).
 *
 * @param ratio e^slope, the factor by which D falls per layer
 * @param intercept e^intercept, the fitted D_0
 * @param rSquared coefficient of determination of the fit in log space
 */
public record GeometricFit(double ratio, double intercept, double rSquared) {

    /** Fits {@code values} (all &gt; 0) against their index; needs at least two values. */
    public static GeometricFit fit(double[] values) {
        int n = values.length;
        if (n < 2) {
            throw new IllegalArgumentException("a geometric fit needs at least two values (got " + n + ")");
        }
        double meanX = (n - 1) / 2.0;
        double meanY = 0;
        double[] logs = new double[n];
        for (int i = 0; i < n; i++) {
            logs[i] = Math.log(values[i]);
            meanY += logs[i];
        }
        meanY /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanX;
            double dy = logs[i] - meanY;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        double slope = sxy / sxx;
        double intercept = meanY - slope * meanX;
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double e = logs[i] - (intercept + slope * i);
            residual += e * e;
        }
        double r2 = syy == 0 ? 1.0 : 1.0 - residual / syy;
        return new GeometricFit(Math.exp(slope), Math.exp(intercept), r2);
    }

    /** The fitted value at layer {@code l}. */
    public double at(int l) {
        return intercept * Math.pow(ratio, l);
    }
}
