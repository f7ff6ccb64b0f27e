package org.parsimonylab.metrics;

import java.util.ArrayList;
import java.util.List;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.net.CompressionKind;
import org.parsimonylab.engine.net.NetworkKind;
import org.parsimonylab.engine.net.NetworkSpec;

/** The probes a variant's run records, chosen from its network, metrics settings and data. */
public final class Probes {
    private Probes() {}

    /**
     * Spectra of every layer, class separation when the data have labels; for MLPs also train/test accuracy, and the
     * two-layer invariant-subspace metrics (papers.md §3.3) for a depth-2 MLP with a frozen last layer.
     */
    public static List<Probe> standard(NetworkSpec network, MetricsSpec metrics, Dataset data) {
        List<Probe> probes = new ArrayList<>();
        LayerSvds svds = new LayerSvds();
        probes.add(new SpectrumProbe(svds));
        if (data.labels() != null) {
            probes.add(new SeparationProbe());
        }
        if (network.kind() == NetworkKind.MLP) {
            probes.add(new AccuracyProbe());
            if (network.depth() == 2
                    && !network.trainLast()
                    && network.compression().kind() == CompressionKind.NONE) {
                probes.add(new TwoLayerSubspaceProbe());
            }
        }
        return probes;
    }
}
