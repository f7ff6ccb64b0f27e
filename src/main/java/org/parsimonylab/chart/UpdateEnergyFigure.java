package org.parsimonylab.chart;

/** The fraction of each update's energy inside the invariant 2r-dimensional subspace ({@code update-energy-in-block}). */
public final class UpdateEnergyFigure extends MetricLinesFigure {
    /** An empty figure. */
    public UpdateEnergyFigure() {
        super(
                "Update energy in block",
                "fraction of ‖ΔW‖²",
                "How much of each gradient step's energy falls inside the invariant subspace of the selected layer"
                        + " (1 = all learning happens in the 2r-dimensional block, as the theory predicts).",
                "no update-energy metric in this run",
                name -> name.equals("update-energy-in-block"));
    }
}
