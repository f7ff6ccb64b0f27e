package org.parsimonylab.chart;

import java.util.Set;

/**
 * Lines over time of one family of scalar metrics (docs/science.md §1.6, §2, §3): the figures a paper draws for twin
 * distance, recovery and relative error, accuracy and the per-layer subspace metrics of an MLP.
 */
public final class MetricKindFigure extends MetricLinesFigure {
    /** The families, each with its export key, title, y axis and metric names. */
    public enum Kind {
        /** ‖W_{L:1} − W̃_{L:1}‖_F of a network and its compressed twin (E6, E7). */
        TWIN_DISTANCE("twin-distance", "Distance to the compressed twin", "‖W − W̃‖_F", true, "twin-distance"),
        /** Recovery error ½‖P_Ω(W − Φ)‖² and relative error ‖W − Φ‖_F / ‖Φ‖_F (E4, E5, E7). */
        ERRORS("errors", "Recovery and relative error", "error", true, "recovery-error", "relative-error"),
        /** Train and test accuracy. */
        ACCURACY("accuracy", "Accuracy", "fraction correct", false, "train-accuracy", "test-accuracy"),
        /** Share of the update's energy ‖ΔW_l‖²_F, ΔW_l = W_l(t) − W_l(0), inside the invariant block (paper 2). */
        ENERGY("energy", "Update energy in the invariant block", "fraction of ‖ΔW‖²_F", false, "energy-in-block"),
        /** How many singular values moved (paper 2). */
        MOVED("moved-sv", "Singular values that moved", "count", false, "moved-sv"),
        /** Angles of the top singular blocks to the start (paper 2). */
        BLOCK_ANGLES(
                "block-angles",
                "Rotation of the top singular blocks",
                "angle (rad)",
                false,
                "angle-vbig",
                "angle-ubig"),
        /** Effective and stable rank of each update (paper 2). */
        UPDATE_RANK("update-rank", "Rank of the updates", "rank", false, "update-effective-rank", "update-stable-rank");

        private final String key;
        private final String title;
        private final String yLabel;
        private final boolean logY;
        private final Set<String> metrics;

        Kind(String key, String title, String yLabel, boolean logY, String... metrics) {
            this.key = key;
            this.title = title;
            this.yLabel = yLabel;
            this.logY = logY;
            this.metrics = Set.of(metrics);
        }

        /** The export key ({@code errors}, {@code accuracy}, …). */
        public String key() {
            return key;
        }

        /** The metric names drawn. */
        public Set<String> metrics() {
            return metrics;
        }

        /** Whether the metrics are per layer (then a figure shows one layer). */
        public boolean perLayer() {
            return this == ENERGY || this == MOVED || this == BLOCK_ANGLES || this == UPDATE_RANK;
        }
    }

    private final Kind kind;

    /** An empty figure of {@code kind}. */
    public MetricKindFigure(Kind kind) {
        super(
                kind.title,
                kind.yLabel,
                kind.title + " against step: "
                        + String.join(
                                ", ",
                                kind.metrics.stream()
                                        .map(Labels::metric)
                                        .sorted()
                                        .toList()) + ".",
                "this run does not measure "
                        + String.join(" or ", kind.metrics.stream().sorted().toList()),
                kind.metrics::contains);
        this.kind = kind;
        if (kind.logY) {
            setLogY(true);
        }
        chart().getTitle().setText(kind.title);
        flush();
    }

    @Override
    protected boolean namesLayer() {
        return kind.perLayer();
    }

    /** The family drawn. */
    public Kind kind() {
        return kind;
    }
}
