package org.parsimonylab.metrics;

import java.util.List;

/**
 * Measures something of a network at a recorded step. A probe belongs to one variant's run and may keep state
 * (reference singular vectors, the initial weights) between calls; it never changes training (DESIGN.md §4).
 */
public interface Probe {
    /** Appends this probe's metrics at {@code ctx.step()} to {@code out}. */
    void measure(ProbeContext ctx, List<MetricSeries> out);
}
