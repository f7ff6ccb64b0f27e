package org.parsimonylab.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.NormOps_DDRM;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;

/** docs/science.md §1.6 M5: uncentered shared axes and projections of end-to-end trajectories. */
class TrajectoryProjectionTest {

    @Test
    void snapshotsAreReproducedByTheirCoordinatesOnAllAxes() {
        List<DMatrixRMaj> snapshots = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
            snapshots.add(Orthogonal.gaussian(7, 5, Rng.stream(t, "traj")));
        }
        TrajectoryProjection p = TrajectoryProjection.fit(snapshots, new EjmlLinAlg());
        assertEquals(6, p.axes().numCols);
        assertTrue(p.singularValues()[0] >= p.singularValues()[5]);
        double[][] coords = p.project(snapshots, new int[] {0, 1, 2, 3, 4, 5});
        for (int t = 0; t < 6; t++) {
            double sum = 0;
            for (double c : coords[t]) {
                sum += c * c;
            }
            double norm = NormOps_DDRM.normF(snapshots.get(t));
            assertEquals(norm * norm, sum, 1e-10, "a snapshot lies in the span of the axes");
        }
        // Uncentered: the first axis of positive multiples of one matrix is that matrix, not a difference.
        DMatrixRMaj base = snapshots.get(0);
        List<DMatrixRMaj> line = new ArrayList<>();
        for (int t = 1; t <= 3; t++) {
            DMatrixRMaj m = base.copy();
            org.ejml.dense.row.CommonOps_DDRM.scale(t, m);
            line.add(m);
        }
        TrajectoryProjection q = TrajectoryProjection.fit(line, new EjmlLinAlg());
        double[][] c = q.project(line, new int[] {0});
        double n = NormOps_DDRM.normF(base);
        assertArrayEquals(
                new double[] {n, 2 * n, 3 * n},
                new double[] {Math.abs(c[0][0]), Math.abs(c[1][0]), Math.abs(c[2][0])},
                1e-10);
    }
}
