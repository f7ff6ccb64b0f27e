package org.parsimonylab.ui;

import java.util.ArrayList;
import java.util.List;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.SessionStatus;

/** Synthetic snapshots for view tests: L = 3 layers of d singular values, a loss, optionally theory metrics. */
final class Synthetic {
    private Synthetic() {}

    static StepSnapshot snap(long step, int d, boolean extras) {
        List<MetricSeries> s = new ArrayList<>();
        s.add(MetricSeries.scalar("loss", 1.0 / (step + 1)));
        for (int layer = 1; layer <= 3; layer++) {
            double[] sv = new double[d];
            for (int i = 0; i < d; i++) {
                sv[i] = i < 3 ? 1 + 0.01 * step : i >= d - 3 ? 1 - 0.005 * step : 1.0;
            }
            s.add(MetricSeries.indexed("sv", layer, sv));
        }
        if (extras) {
            s.add(MetricSeries.ofLayer("angle-top-rad", 1, 0.01 * step));
            s.add(MetricSeries.ofLayer("alignment-rad", 1, 0.001 * step));
            for (int l = 0; l < 3; l++) {
                s.add(MetricSeries.ofLayer("separation", l, Math.pow(0.5, l)));
            }
            s.add(MetricSeries.scalar("separation-fit-ratio", 0.5));
            s.add(MetricSeries.scalar("separation-fit-r2", 1.0));
        }
        return new StepSnapshot(step, step * 1e-3, s);
    }

    static List<SessionSnapshot> run(
            long runId, int fromStep, int toStep, int d, boolean extras, SessionStatus status) {
        List<SessionSnapshot> out = new ArrayList<>();
        for (int t = fromStep; t <= toStep; t++) {
            out.add(new SessionSnapshot(runId, "main", snap(t, d, extras), status, 2500, ""));
        }
        return out;
    }
}
