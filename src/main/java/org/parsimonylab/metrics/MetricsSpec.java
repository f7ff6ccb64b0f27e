package org.parsimonylab.metrics;

import org.parsimonylab.engine.Check;

/**
 * The {@code metrics} section of a preset (DESIGN.md §5).
 *
 * @param every record metrics every this many steps (step 0, the last step and, with full SVDs, the reference step
 *     are always recorded); 0 = auto, a cadence that keeps monitoring within 10 % of training ({@link Probes#cadence})
 * @param referenceStep the step whose singular vectors angles are measured against (docs/science.md §6 pitfall 2: 1)
 * @param blockRank r of the [0,r) ∪ [r,d−r) ∪ [d−r,d) partition of singular indices (docs/science.md §6 pitfall 5)
 * @param svd full, values or randomized
 */
public record MetricsSpec(int every, int referenceStep, int blockRank, SvdKind svd) {
    public MetricsSpec {
        Check.present("svd", svd);
        Check.range("every", every, 0, Integer.MAX_VALUE);
        Check.range("referenceStep", referenceStep, 0, Integer.MAX_VALUE);
        Check.range("blockRank", blockRank, 0, 10_000);
    }

    /** Automatic cadence, reference step 1, block rank 3, values-only SVDs. */
    public static MetricsSpec defaults() {
        return new MetricsSpec(0, 1, 3, SvdKind.VALUES);
    }
}
