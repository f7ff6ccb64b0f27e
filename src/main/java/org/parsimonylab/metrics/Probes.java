package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.List;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.net.NetworkSpec;

/** The probes a variant's run records, chosen from its network, metrics settings and data. */
public final class Probes {
    private Probes() {}

    /** Spectra of every layer, and class separation when the data have labels. */
    public static List<Probe> standard(NetworkSpec network, MetricsSpec metrics, Dataset data) {
        List<Probe> probes = new ArrayList<>();
        LayerSvds svds = new LayerSvds();
        probes.add(new SpectrumProbe(svds));
        if (data.labels() != null) {
            probes.add(new SeparationProbe());
        }
        return probes;
    }
}
