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
 *   <li>{@code trajectory} (runs with a wide network and a compressed twin, E6/E7; index j = 0, 1): u_jᵀ W v_j, the
 *       end-to-end matrix projected on the top two directions u_j v_jᵀ of Φ ({@link TrajectoryProjection#ofTarget}),
 *       the same axes for every variant, so the two trajectories can be drawn on one plane (docs/science.md M5).
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
                    "compressed variants: ||W_ref(t) - W(t)||_F / ||Phi||_F against the reference (first uncompressed) variant at the same step (target T7; layer and index empty)"),
            new MetricDoc(
                    "trajectory",
                    "runs with a wide network and a compressed twin: u_j^T W_{L:1} v_j, the end-to-end matrix projected on the direction u_j v_j^T of the j-th singular pair of Phi (index j = 0, 1; the same axes for every variant; layer empty; docs/science.md M5)"));

    /** The number of trajectory coordinates recorded (a plane). */
    public static final int TRAJECTORY_AXES = 2;

    private final EndToEnd endToEnd = new EndToEnd();
    private final TwinStore twins;
    private final boolean feedsStore;
    private final boolean comparesToTwin;
    private double phiNorm = Double.NaN;
    private TrajectoryProjection projection;

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
            if (twins != null && twins.reference() != null && Math.min(phi.numRows, phi.numCols) >= TRAJECTORY_AXES) {
                if (projection == null) {
                    // Every variant computes the same axes: the same Φ through the same deterministic SVD.
                    projection = TrajectoryProjection.ofTarget(phi, TRAJECTORY_AXES, ctx.linAlg());
                }
                double[] coords = projection.project(List.of(w), new int[] {0, 1})[0];
                out.add(new MetricSeries("trajectory", MetricSeries.NO_LAYER, coords, true));
            }
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
