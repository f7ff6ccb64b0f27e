package org.parsimonylab.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Svd;

/**
 * Shared axes for drawing several end-to-end trajectories in 3-D (docs/science.md §1.6 M5, the "equiv_traj" figures): the
 * snapshots W_{L:1}(t_1…t_k) of one run are flattened (row-major) into the columns of M (d_out·d_in × k) and the
 * axes are the left singular vectors of M, <em>without centering</em> (docs/science.md §6 pitfall 11); every trajectory is
 * then projected onto chosen axes, coordinate j of a point W being u_jᵀ·vec(W). The authors picked axes by hand
 * ([7, 8, 9] for E6, [12, 0, 2] for E7). Those axes come from the end of the run, so a probe cannot use them while
 * training; {@link #ofTarget} gives axes known from the start, the top singular directions u_j v_jᵀ of the target Φ,
 * on which {@code EndToEndProbe} records every variant's trajectory (metric {@code trajectory}).
 *
 * @param axes the left singular vectors of M as columns (d_out·d_in × k), descending singular values
 * @param singularValues σ_1 ≥ … ≥ σ_k of M
 */
public record TrajectoryProjection(DMatrixRMaj axes, double[] singularValues) {

    /** The axes of {@code snapshots} (each d_out×d_in, same shape; not modified). */
    public static TrajectoryProjection fit(List<DMatrixRMaj> snapshots, LinAlg linAlg) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("a trajectory projection needs at least one snapshot");
        }
        int size = snapshots.get(0).getNumElements();
        int k = snapshots.size();
        DMatrixRMaj m = new DMatrixRMaj(size, k);
        for (int j = 0; j < k; j++) {
            DMatrixRMaj w = snapshots.get(j);
            if (w.getNumElements() != size) {
                throw new IllegalArgumentException(
                        "snapshot " + j + " has " + w.getNumElements() + " entries; the first has " + size);
            }
            for (int i = 0; i < size; i++) {
                m.data[i * k + j] = w.data[i];
            }
        }
        Svd svd = new Svd();
        linAlg.svd(m, LinAlg.SvdMode.THIN, svd);
        return new TrajectoryProjection(svd.u, svd.s.clone());
    }

    /**
     * Axes vec(u_j v_jᵀ), j &lt; {@code count}, from the SVD Φ = Σ σ_j u_j v_jᵀ (d_out×d_in, not modified): orthonormal
     * directions in the space of end-to-end matrices, coordinate j of W being u_jᵀ W v_j (σ_j at W = Φ). {@code
     * singularValues} are σ_1…σ_count of Φ.
     */
    public static TrajectoryProjection ofTarget(DMatrixRMaj phi, int count, LinAlg linAlg) {
        int k = Math.min(phi.numRows, phi.numCols);
        if (count < 1 || count > k) {
            throw new IllegalArgumentException("count must be in [1, " + k + "] (got " + count + ")");
        }
        Svd svd = new Svd();
        linAlg.svd(phi.copy(), LinAlg.SvdMode.THIN, svd);
        int m = phi.numRows;
        int n = phi.numCols;
        DMatrixRMaj axes = new DMatrixRMaj(m * n, count);
        for (int j = 0; j < count; j++) {
            for (int a = 0; a < m; a++) {
                double u = svd.u.get(a, j);
                for (int b = 0; b < n; b++) {
                    axes.data[(a * n + b) * count + j] = u * svd.v.get(b, j);
                }
            }
        }
        return new TrajectoryProjection(axes, java.util.Arrays.copyOf(svd.s, count));
    }

    /** Coordinates [point][c] = u_{axis[c]}ᵀ·vec(W_point) of every matrix of {@code trajectory}. */
    public double[][] project(List<DMatrixRMaj> trajectory, int[] axisIndices) {
        int k = axes.numCols;
        double[][] out = new double[trajectory.size()][axisIndices.length];
        for (int p = 0; p < trajectory.size(); p++) {
            DMatrixRMaj w = trajectory.get(p);
            if (w.getNumElements() != axes.numRows) {
                throw new IllegalArgumentException(
                        "trajectory point " + p + " has " + w.getNumElements() + " entries; axes have " + axes.numRows);
            }
            for (int c = 0; c < axisIndices.length; c++) {
                int a = axisIndices[c];
                if (a < 0 || a >= k) {
                    throw new IllegalArgumentException("axis index must be in [0, " + (k - 1) + "] (got " + a + ")");
                }
                double dot = 0;
                for (int i = 0; i < axes.numRows; i++) {
                    dot += axes.data[i * k + a] * w.data[i];
                }
                out[p][c] = dot;
            }
        }
        return out;
    }
}
