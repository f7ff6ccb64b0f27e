package org.parsimonylab.metrics;

import java.util.List;

/**
 * Records why a variant's theory lines are not drawn, so that a chart (live, or from a run folder) can say so: {@code
 * theory-absent} with index 0 for ρ(t) ({@code rho-predicted}) and index 1 for σ_i(Φ)^{1/L} ({@code
 * sv-predicted-top}), each the {@link TheoryAssumption#code() code} of the first broken assumption, 0 when the line
 * is drawn. Written at every recorded step, since a chart shows the newest snapshot only.
 */
public final class TheoryAbsenceProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "theory-absent",
                    "why a theory line is not drawn: index 0 = rho-predicted, index 1 = sv-predicted-top; value 0 = drawn, otherwise the first broken assumption: 1 not linear, 2 compressed (no complement block), 3 not plain gradient descent, 4 init not orthogonal, 5 lastScale differs from scale, 6 gamma not 1, 7 W_L frozen, 8 layers not square, 9 target partly observed, 10 X not whitened, 11 no target map Phi (layer empty)"));

    private final double[] codes;

    /** A probe for the given broken assumptions (null: that line is drawn); at least one must be non-null. */
    public TheoryAbsenceProbe(TheoryAssumption rho, TheoryAssumption top) {
        if (rho == null && top == null) {
            throw new IllegalArgumentException("a theory-absent probe needs an absent line");
        }
        this.codes = new double[] {rho == null ? 0 : rho.code(), top == null ? 0 : top.code()};
    }

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        out.add(MetricSeries.indexed("theory-absent", MetricSeries.NO_LAYER, codes));
    }
}
