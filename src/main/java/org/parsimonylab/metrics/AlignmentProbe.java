package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.PrincipalAngles;
import org.parsimonylab.engine.linalg.Svd;

/**
 * Layer alignment (docs/science.md §1.6 M6, target T5): {@code alignment-rad} of layer l (1…L−1) is the largest principal
 * angle between the 2r left block (top r ∪ bottom r left singular vectors) of W_l and the 2r right block of
 * W_{l+1}; the theory says U_l = V_{l+1} on the moving block, so it stays 0. Needs singular vectors; measured
 * from the reference step on (docs/science.md §6 pitfall 2).
 */
public final class AlignmentProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "alignment-rad",
                    "largest principal angle in radians between the 2r left block of W_layer and the 2r right block of W_(layer+1), layer 1..L-1; 0 when U_l = V_(l+1) (target T5; index empty)"));

    private final LayerSvds svds;

    /** A probe reading the shared per-step {@code svds}. */
    public AlignmentProbe(LayerSvds svds) {
        this.svds = svds;
    }

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        DMatrixRMaj[] w = ctx.model().parameters();
        int r = ctx.metrics().blockRank();
        if (ctx.step() < ctx.metrics().referenceStep()) {
            return; // at t = 0 all singular values may be equal (ε-orthogonal init) and the vectors arbitrary
        }
        for (int l = 1; l < w.length; l++) {
            int k = Math.min(w[l - 1].numRows, w[l - 1].numCols);
            int kNext = Math.min(w[l].numRows, w[l].numCols);
            if (r < 1 || 2 * r > k || 2 * r > kNext || w[l - 1].numRows != w[l].numCols) {
                continue;
            }
            Svd here = svds.get(ctx, l, true);
            DMatrixRMaj left = PrincipalAngles.columns(here.u, PrincipalAngles.outerBlock(r, k));
            Svd next = svds.get(ctx, l + 1, true);
            DMatrixRMaj right = PrincipalAngles.columns(next.v, PrincipalAngles.outerBlock(r, kNext));
            out.add(MetricSeries.ofLayer("alignment-rad", l, PrincipalAngles.largestRad(left, right, ctx.linAlg())));
        }
    }
}
