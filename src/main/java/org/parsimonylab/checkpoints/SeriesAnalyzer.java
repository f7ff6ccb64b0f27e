package org.parsimonylab.checkpoints;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.PrincipalAngles;
import org.parsimonylab.engine.linalg.Subspaces;
import org.parsimonylab.engine.linalg.Svd;
import org.parsimonylab.metrics.SubspaceAngleProbe;
import org.parsimonylab.metrics.UpdateRank;

/**
 * Analyses the checkpoints of one series, fed in ascending step order, with the app's measurements defined for a
 * general W(t) (m×n; docs/science.md §1.6 M1, M2, M6, §3.2), k = min(topK, m, n):
 *
 * <ul>
 *   <li>{@code sv} (indexed): singular values, all of them when min(m, n) ≤ fullSvdMaxDim, else the top
 *       max(2k, 32) by {@link TopSvd} with {@code sv-residual} (indexed) = its measured accuracy ‖Wv_i − σ_i u_i‖/σ_1;
 *   <li>{@code frobenius-norm} ‖W‖_F, {@code stable-rank} ‖W‖²_F/σ_1², {@code effective-rank} exp(−Σ p_i ln p_i)
 *       with p_i = σ_i/Σσ_j (Roy and Vetterli 2007; only with all singular values);
 *   <li>from the reference step on: {@code angle-top-left-rad}, {@code angle-top-right-rad} (indexed, ascending): the
 *       k principal angles between the top-k left (right) singular subspaces of W(t) and W(ref);
 *   <li>with all singular values and 2k ≤ min(m, n), the app's own angle series with r = k ({@code angle-left-rad},
 *       {@code angle-right-rad}, {@code angle-middle-*-rad}, {@code angle-block-*-rad}, as {@code SubspaceAngleProbe});
 *   <li>{@code update-norm} ‖ΔW‖_F with ΔW = W(t) − W(ref); {@code update-energy-top-k} Σ_{i&lt;k} σ_i(ΔW)²/‖ΔW‖²_F,
 *       the share of the update inside its own top-k block; {@code update-energy-ref-block}
 *       ‖U_k(ref)ᵀ·ΔW·V_k(ref)‖²_F/‖ΔW‖²_F, the share inside the reference's top-k singular block;
 *       {@code update-rank-90}, the smallest r with Σ_{i&lt;r} σ_i(ΔW)² ≥ 0.9‖ΔW‖²_F (the one-number summary;
 *       NaN when the computed top values of a large matrix do not reach it);
 *   <li>{@code alignment-top-rad} of tensor W_l when the next selected tensor W_{l+1} chains (its columns = W_l's
 *       rows): the largest principal angle between the top-k left subspace of W_l and the top-k right subspace of
 *       W_{l+1}; with all singular values also the app's {@code alignment-rad} (the 2k outer blocks, from the
 *       reference on, as {@code AlignmentProbe}).
 * </ul>
 *
 * Memory: one tensor of the current checkpoint at a time plus the reference's matrices and singular bases; nothing
 * grows with the number of checkpoints. Not thread-safe.
 */
public final class SeriesAnalyzer {
    private final String series;
    private final AnalysisOptions options;
    private final LinAlg la;
    private final TopSvd topSvd = new TopSvd(10, 3, 0x5eed);
    private List<SelectedTensor> selection;
    private Path firstPath;
    private long referenceStep = -1;
    private long lastStep = Long.MIN_VALUE;
    private final Map<String, Reference> references = new HashMap<>();

    /** The reference's matrix and singular bases of one tensor (full thin or top-k). */
    private record Reference(DMatrixRMaj w, DMatrixRMaj u, DMatrixRMaj v, boolean full) {}

    /** What one tensor's SVD left for the alignment with the next tensor. */
    private record Bases(SelectedTensor tensor, DMatrixRMaj u, DMatrixRMaj v, boolean full) {}

    /** An analyzer of series {@code series}; {@code la} is owned by this analyzer's thread. */
    public SeriesAnalyzer(String series, AnalysisOptions options, LinAlg la) {
        this.series = series;
        this.options = options;
        this.la = la;
    }

    /** The tensors analysed (fixed by the first checkpoint), or an empty list before it. */
    public List<SelectedTensor> selection() {
        return selection == null ? List.of() : selection;
    }

    /** The series' name. */
    public String series() {
        return series;
    }

    /** The reference step in use, or -1 before it was seen. */
    public long referenceStep() {
        return referenceStep;
    }

    /**
     * Measures checkpoint {@code c}, whose step must be above every step fed before.
     *
     * @throws CheckpointException naming the file (and tensor) for unreadable data, a changed shape, a missing tensor,
     *     or a step past the requested reference when the reference step was never seen
     */
    public CheckpointMetrics analyze(Checkpoint c) throws IOException {
        if (c.step() <= lastStep) {
            throw new IllegalArgumentException(
                    c.path() + ": step " + c.step() + " is not after the previous step " + lastStep);
        }
        if (selection == null) {
            selection = options.selection().select(c);
            firstPath = c.path();
        } else {
            TensorSelection.checkSame(c, selection, firstPath);
        }
        long wanted = options.referenceStep();
        boolean isReference = references.isEmpty() && (wanted < 0 || c.step() == wanted);
        if (references.isEmpty() && wanted >= 0 && c.step() > wanted) {
            throw new CheckpointException(c.path() + ": the series has no checkpoint at the reference step " + wanted
                    + " (the steps jump from " + (lastStep == Long.MIN_VALUE ? "none" : lastStep) + " to " + c.step()
                    + "); choose --reference among the checkpoints' steps");
        }
        lastStep = c.step();
        if (isReference) {
            referenceStep = c.step();
        }
        List<TensorMetric> out = new ArrayList<>();
        Bases previous = null;
        for (SelectedTensor t : selection) {
            DMatrixRMaj w = DMatrixRMaj.wrap(t.rows(), t.cols(), c.read(t.name()));
            checkFinite(c, t, w);
            Bases here = measure(t, w, isReference, out);
            if (previous != null && previous.tensor.rows() == t.cols()) {
                alignment(previous, here, out);
            }
            previous = here;
        }
        return new CheckpointMetrics(series, c.step(), c.path(), out);
    }

    private Bases measure(SelectedTensor t, DMatrixRMaj w, boolean isReference, List<TensorMetric> out) {
        String name = t.name();
        int minDim = Math.min(t.rows(), t.cols());
        int k = Math.min(options.topK(), minDim);
        boolean full = minDim <= options.fullSvdMaxDim();
        double fro2 = sumOfSquares(w);
        double[] s;
        DMatrixRMaj u;
        DMatrixRMaj v;
        if (full) {
            Svd svd = new Svd();
            la.svd(w, LinAlg.SvdMode.THIN, svd);
            s = svd.s;
            u = svd.u;
            v = svd.v;
            out.add(TensorMetric.indexed(name, "sv", s));
        } else {
            TopSvd.Result r = topSvd.compute(w, Math.min(minDim, Math.max(2 * k, 32)), la);
            s = r.s();
            u = r.u();
            v = r.v();
            out.add(TensorMetric.indexed(name, "sv", s));
            out.add(TensorMetric.indexed(name, "sv-residual", r.residuals()));
        }
        out.add(TensorMetric.scalar(name, "frobenius-norm", Math.sqrt(fro2)));
        out.add(TensorMetric.scalar(name, "stable-rank", s[0] == 0 ? 0 : fro2 / (s[0] * s[0])));
        if (full) {
            out.add(TensorMetric.scalar(name, "effective-rank", UpdateRank.effectiveRank(s)));
        }
        DMatrixRMaj uk = Subspaces.leadingColumns(u, k);
        DMatrixRMaj vk = Subspaces.leadingColumns(v, k);
        if (isReference) {
            references.put(name, new Reference(w, full ? u.copy() : uk, full ? v.copy() : vk, full));
        }
        Reference ref = references.get(name);
        if (ref != null) {
            DMatrixRMaj refUk = Subspaces.leadingColumns(ref.u, k);
            DMatrixRMaj refVk = Subspaces.leadingColumns(ref.v, k);
            out.add(TensorMetric.indexed(name, "angle-top-left-rad", PrincipalAngles.anglesRad(refUk, uk, la)));
            out.add(TensorMetric.indexed(name, "angle-top-right-rad", PrincipalAngles.anglesRad(refVk, vk, la)));
            if (full && ref.full && 2 * k <= minDim) {
                appAngles(name, ref, u, v, k, minDim, out);
            }
            update(name, w, ref, refUk, refVk, k, full, out);
        }
        return new Bases(t, full ? u : uk, full ? v : vk, full);
    }

    /** The angle series of the app's SubspaceAngleProbe with block rank r = k. */
    private void appAngles(
            String name, Reference ref, DMatrixRMaj u, DMatrixRMaj v, int r, int k, List<TensorMetric> out) {
        SubspaceAngleProbe.Sides right = SubspaceAngleProbe.angles(ref.v, v, r, k, la);
        SubspaceAngleProbe.Sides left = SubspaceAngleProbe.angles(ref.u, u, r, k, la);
        out.add(TensorMetric.indexed(name, "angle-right-rad", right.indexed()));
        out.add(TensorMetric.indexed(name, "angle-left-rad", left.indexed()));
        out.add(TensorMetric.scalar(name, "angle-middle-right-rad", right.middle()));
        out.add(TensorMetric.scalar(name, "angle-middle-left-rad", left.middle()));
        out.add(TensorMetric.scalar(name, "angle-block-right-rad", right.block()));
        out.add(TensorMetric.scalar(name, "angle-block-left-rad", left.block()));
    }

    private void update(
            String name,
            DMatrixRMaj w,
            Reference ref,
            DMatrixRMaj refUk,
            DMatrixRMaj refVk,
            int k,
            boolean full,
            List<TensorMetric> out) {
        DMatrixRMaj delta = new DMatrixRMaj(w.numRows, w.numCols);
        for (int i = 0; i < delta.data.length; i++) {
            delta.data[i] = w.data[i] - ref.w.data[i];
        }
        double total = sumOfSquares(delta);
        out.add(TensorMetric.scalar(name, "update-norm", Math.sqrt(total)));
        if (total == 0) {
            // Nothing moved: by convention (as the app's update energy) all of it is "inside", and rank 0 holds it.
            out.add(TensorMetric.scalar(name, "update-energy-top-k", 1.0));
            out.add(TensorMetric.scalar(name, "update-energy-ref-block", 1.0));
            out.add(TensorMetric.scalar(name, "update-rank-90", 0.0));
            return;
        }
        double[] s;
        if (full) {
            Svd svd = new Svd();
            la.svd(delta, LinAlg.SvdMode.VALUES, svd);
            s = svd.s;
        } else {
            int minDim = Math.min(w.numRows, w.numCols);
            s = topSvd.compute(delta, Math.min(minDim, Math.max(4 * k, 64)), la).s();
        }
        double top = 0;
        for (int i = 0; i < Math.min(k, s.length); i++) {
            top += s[i] * s[i];
        }
        out.add(TensorMetric.scalar(name, "update-energy-top-k", Math.min(1.0, top / total)));
        DMatrixRMaj dv = new DMatrixRMaj(delta.numRows, refVk.numCols);
        la.mult(delta, refVk, dv);
        DMatrixRMaj core = new DMatrixRMaj(refUk.numCols, refVk.numCols);
        la.gemm(true, false, 1.0, refUk, dv, 0.0, core);
        out.add(TensorMetric.scalar(name, "update-energy-ref-block", Math.min(1.0, sumOfSquares(core) / total)));
        double cumulative = 0;
        double rank = Double.NaN;
        for (int i = 0; i < s.length; i++) {
            cumulative += s[i] * s[i];
            if (cumulative >= options.energyShare() * total * (1 - 1e-12)) {
                rank = i + 1;
                break;
            }
        }
        out.add(TensorMetric.scalar(name, "update-rank-90", rank));
    }

    private void alignment(Bases a, Bases b, List<TensorMetric> out) {
        int k = Math.min(options.topK(), Math.min(a.u.numCols, b.v.numCols));
        DMatrixRMaj left = Subspaces.leadingColumns(a.u, k);
        DMatrixRMaj right = Subspaces.leadingColumns(b.v, k);
        String name = a.tensor.name();
        out.add(TensorMetric.scalar(name, "alignment-top-rad", PrincipalAngles.largestRad(left, right, la)));
        int r = options.topK();
        int ka = a.u.numCols;
        int kb = b.v.numCols;
        if (a.full && b.full && !references.isEmpty() && 2 * r <= ka && 2 * r <= kb) {
            DMatrixRMaj l = PrincipalAngles.columns(a.u, PrincipalAngles.outerBlock(r, ka));
            DMatrixRMaj rr = PrincipalAngles.columns(b.v, PrincipalAngles.outerBlock(r, kb));
            out.add(TensorMetric.scalar(name, "alignment-rad", PrincipalAngles.largestRad(l, rr, la)));
        }
    }

    private static double sumOfSquares(DMatrixRMaj m) {
        double sum = 0;
        int n = m.numRows * m.numCols;
        for (int i = 0; i < n; i++) {
            sum += m.data[i] * m.data[i];
        }
        return sum;
    }

    private static void checkFinite(Checkpoint c, SelectedTensor t, DMatrixRMaj w) throws CheckpointException {
        int n = w.numRows * w.numCols;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(w.data[i])) {
                throw new CheckpointException(c.path() + ": tensor '" + t.name() + "' holds " + w.data[i]
                        + " at flat index " + i + " (the analysis needs finite values)");
            }
        }
    }
}
