package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.parsimonylab.engine.data.Dataset;

/**
 * Errors of the end-to-end matrix W = W_{L:1} against the target map Φ (docs/science.md §1.6 M4, §2):
 *
 * <ul>
 *   <li>{@code recovery-error} (completion only): ½·mean over all d_out·d_in entries of ((W − Φ)∘(1 − mask))², the
 *       authors' "test loss"; the denominator counts every entry, not just the unobserved ones.
 *   <li>{@code relative-error}: ‖W − Φ‖_F/‖Φ‖_F (Kwon et al.'s {@code reconstruction_loss}).
 *   <li>{@code twin-distance} (compressed variants): ‖W_ref(t) − W(t)‖_F/‖Φ‖_F against the reference (wide) variant
 *       at the same step, from the {@link TwinStore}; the reference variant feeds the store.
 * </ul>
 */
public final class EndToEndProbe implements Probe {
    /** The metrics this probe writes, with their meaning (README.txt of a run folder lists them). */
    public static final List<MetricDoc> METRICS = List.of(
            new MetricDoc(
                    "recovery-error",
                    "completion only: 1/2 mean over all d_out*d_in entries of ((W_{L:1} - Phi) at the unobserved entries)^2, the authors' test loss (docs/science.md M4; layer and index empty)"),
            new MetricDoc(
                    "relative-error",
                    "||W_{L:1} - Phi||_F / ||Phi||_F, the end-to-end matrix against the target map (layer and index empty)"),
            new MetricDoc(
                    "twin-distance",
                    "compressed variants: ||W_ref(t) - W(t)||_F / ||Phi||_F against the reference (first uncompressed) variant at the same step (target T7; layer and index empty)"));

    private final EndToEnd endToEnd = new EndToEnd();
    private final TwinStore twins;
    private final boolean feedsStore;
    private final boolean comparesToTwin;
    private double phiNorm = Double.NaN;

    /**
     * @param twins the run's store, or null
     * @param feedsStore this variant is the reference
     * @param comparesToTwin this variant reports its distance to the reference
     */
    public EndToEndProbe(TwinStore twins, boolean feedsStore, boolean comparesToTwin) {
        this.twins = twins;
        this.feedsStore = feedsStore;
        this.comparesToTwin = comparesToTwin;
    }

    @Override
    public void measure(ProbeContext ctx, List<MetricSeries> out) {
        if (!EndToEnd.supports(ctx.model())) {
            return;
        }
        Dataset data = ctx.data();
        DMatrixRMaj w = endToEnd.of(ctx);
        DMatrixRMaj phi = data.phi();
        boolean shapesMatch = phi != null && phi.numRows == w.numRows && phi.numCols == w.numCols;
        if (shapesMatch) {
            if (Double.isNaN(phiNorm)) {
                phiNorm = NormOps_DDRM.normF(phi);
            }
            double all = 0;
            double hidden = 0;
            double[] m = data.mask() == null ? null : data.mask().data;
            int size = w.getNumElements();
            for (int i = 0; i < size; i++) {
                double e = w.data[i] - phi.data[i];
                all += e * e;
                if (m != null) {
                    hidden += e * e * (1.0 - m[i]);
                }
            }
            if (m != null) {
                out.add(MetricSeries.scalar("recovery-error", 0.5 * hidden / size));
            }
            out.add(MetricSeries.scalar("relative-error", Math.sqrt(all) / phiNorm));
        }
        if (twins == null) {
            return;
        }
        if (feedsStore) {
            twins.put(ctx.step(), w);
        } else if (comparesToTwin && shapesMatch) {
            DMatrixRMaj ref = twins.at(ctx.step());
            if (ref != null && ref.numRows == w.numRows && ref.numCols == w.numCols) {
                double sum = 0;
                for (int i = 0; i < w.getNumElements(); i++) {
                    double e = ref.data[i] - w.data[i];
                    sum += e * e;
                }
                out.add(MetricSeries.scalar("twin-distance", Math.sqrt(sum) / phiNorm));
            }
        }
    }
}
