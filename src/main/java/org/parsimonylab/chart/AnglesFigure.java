package org.parsimonylab.chart;

/**
 * Principal angles over time of the selected layer's singular subspaces against the reference step (top r, middle,
 * bottom r: metrics {@code angle-*-rad}) and the alignment of adjacent layers ({@code alignment-rad}), when measured.
 */
public final class AnglesFigure extends MetricLinesFigure {
    /** An empty figure. */
    public AnglesFigure() {
        super(
                "Principal angles",
                "angle (rad)",
                "Largest principal angle between the selected layer's singular subspaces now and at the reference"
                        + " step: top r, middle block, bottom r; plus the alignment of adjacent layers. The law of"
                        + " parsimony predicts the middle block does not rotate (angle 0).",
                "no principal angles in this run (they need svd = full and the angle probes)",
                name -> name.equals("alignment-rad") || name.startsWith("angle-") && name.endsWith("-rad"));
    }
}
