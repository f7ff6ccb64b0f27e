package org.parsimonylab.session;

import org.parsimonylab.engine.Check;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;

/**
 * One network of an experiment: every variant sees the same data and seed (DESIGN.md §5).
 *
 * @param name unique within the experiment, used in metrics.csv and weights/&lt;variant&gt;/
 */
public record VariantSpec(String name, NetworkSpec network, TrainingSpec training, MetricsSpec metrics) {
    public VariantSpec {
        Check.present("name", name);
        Check.that(
                name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"),
                "variant name must be 1-64 letters, digits, '.', '_' or '-' and start with a letter or digit (got '"
                        + name + "')");
        Check.present("network", network);
        Check.present("training", training);
        Check.present("metrics", metrics);
    }

    /** This variant with training {@code newTraining}. */
    public VariantSpec withTraining(TrainingSpec newTraining) {
        return new VariantSpec(name, network, newTraining, metrics);
    }

    /** This variant with network {@code newNetwork}. */
    public VariantSpec withNetwork(NetworkSpec newNetwork) {
        return new VariantSpec(name, newNetwork, training, metrics);
    }
}
