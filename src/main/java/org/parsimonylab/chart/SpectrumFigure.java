package org.parsimonylab.chart;

import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.TheoryAssumption;

/**
 * The current singular values of the selected layer W_l against their index, coloured by block: top r, middle
 * d − 2r, bottom r (docs/science.md §6 pitfall 5). When the snapshot has them, the theory lines are drawn too: the
 * predicted middle value ρ(t) ({@code rho-predicted}) and the predicted top values σ_i(Φ)^{1/L} ({@code
 * sv-predicted-top}).
 */
public final class SpectrumFigure extends Figure {
    /** Series order in the dataset. */
    public static final int TOP = 0, MIDDLE = 1, BOTTOM = 2, RHO = 3, PREDICTED_TOP = 4;

    private final XYSeriesCollection dataset = new BoundedSeriesCollection();
    private final XYSeries top = new XYSeries("top r", false, true);
    private final XYSeries middle = new XYSeries("middle", false, true);
    private final XYSeries bottom = new XYSeries("bottom r", false, true);
    private final XYSeries rho = new XYSeries("ρ(t) predicted", false, true);
    private final XYSeries predictedTop = new XYSeries("predicted σᵢ(Φ)^(1/L)", false, true);

    private final TextTitle theoryNote = new TextTitle("");

    /** An empty spectrum. */
    public SpectrumFigure() {
        super(ChartFactory.createXYLineChart(
                "Spectrum", "index i (0 = largest)", "σᵢ", null, PlotOrientation.VERTICAL, true, true, false));
        theoryNote.setFont(new Font(ChartStyle.FAMILY, Font.ITALIC, 11));
        theoryNote.setPosition(RectangleEdge.BOTTOM);
        theoryNote.setVisible(false);
        chart().addSubtitle(theoryNote);
        dataset.addSeries(top);
        dataset.addSeries(middle);
        dataset.addSeries(bottom);
        dataset.addSeries(rho);
        dataset.addSeries(predictedTop);
        XYPlot plot = (XYPlot) chart().getPlot();
        plot.setDataset(dataset);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        Ellipse2D dot = new Ellipse2D.Double(-3, -3, 6, 6);
        r.setSeriesPaint(TOP, ChartStyle.TOP);
        r.setSeriesPaint(MIDDLE, ChartStyle.MIDDLE);
        r.setSeriesPaint(BOTTOM, ChartStyle.BOTTOM);
        for (int i = TOP; i <= BOTTOM; i++) {
            r.setSeriesShape(i, dot);
        }
        r.setSeriesPaint(RHO, ChartStyle.THEORY);
        r.setSeriesLinesVisible(RHO, true);
        r.setSeriesShapesVisible(RHO, false);
        r.setSeriesStroke(RHO, ChartStyle.DASHED);
        r.setSeriesPaint(PREDICTED_TOP, ChartStyle.THEORY);
        r.setSeriesShape(PREDICTED_TOP, new Rectangle2D.Double(-4, -1, 8, 2));
        // Legends name the blocks with their sizes ("top 3", "middle 24"), the symbols typeset.
        r.setLegendItemLabelGenerator((data, series) -> legendLabel(series));
        plot.setRenderer(r);
        Axes.indexAxis(plot);
        // Room either side so the dots of index 0 and d-1 are drawn whole.
        org.jfree.chart.axis.NumberAxis index = (org.jfree.chart.axis.NumberAxis) plot.getDomainAxis();
        index.setAutoRangeIncludesZero(false);
        index.setAutoRangeStickyZero(false);
        index.setLowerMargin(0.02);
        index.setUpperMargin(0.02);
        plot.setNoDataMessage("no singular values yet");
        setLogY(false);
        flush();
    }

    private String legendLabel(int series) {
        return switch (series) {
            case TOP -> "top " + top.getItemCount();
            case MIDDLE -> "middle " + middle.getItemCount();
            case BOTTOM -> "bottom " + bottom.getItemCount();
            case RHO -> "predicted ρ(t)";
            default -> "predicted σᵢ(Φ)^(1/L)";
        };
    }

    private String variant = "";

    /** Names the variant in the title ("" for none; shown from the next {@link #show}). */
    public void setVariant(String name) {
        variant = name == null ? "" : name;
    }

    @Override
    public String description() {
        return "Singular values of the selected layer now, largest first. The law of parsimony predicts that only the"
                + " top r (orange) and bottom r (blue) move; the middle block (grey) stays on one plateau. Dashed:"
                + " the theory's ρ(t) and σ_i(Φ)^{1/L} where their assumptions hold (gradient descent on square"
                + " layers, orthogonal init of one scale, γ = 1, W_L trained, no compression); the note below says"
                + " which one a run breaks.";
    }

    /** Shows layer {@code layer} of {@code s}, with blocks of {@code blockRank}. */
    public void show(StepSnapshot s, int layer, int blockRank) {
        hold();
        for (XYSeries x : new XYSeries[] {top, middle, bottom, rho, predictedTop}) {
            x.clear();
        }
        MetricSeries sv = s.find("sv", layer).orElse(null);
        chart().getTitle().setText(Labels.withVariant("Spectrum of W" + layer + " at step " + s.step(), variant));
        if (sv != null) {
            double[] v = sv.values();
            int d = v.length;
            int r = Math.max(0, Math.min(blockRank, d / 2));
            for (int i = 0; i < d; i++) {
                XYSeries into = i < r ? top : i >= d - r ? bottom : middle;
                into.add(i, v[i], false);
            }
            Metrics.layerOrGlobal(s, "rho-predicted", layer).ifPresent(m -> {
                double value = Metrics.scalar(m);
                if (Double.isFinite(value)) {
                    rho.add(r, value, false);
                    rho.add(Math.max(r, d - r - 1), value, false);
                }
            });
            Metrics.layerOrGlobal(s, "sv-predicted-top", layer).ifPresent(m -> {
                double[] p = m.values();
                for (int i = 0; i < p.length; i++) {
                    predictedTop.add(i, p[i], false);
                }
            });
        }
        String why = absenceNote(s);
        theoryNote.setText(why);
        theoryNote.setVisible(!why.isEmpty());
        // Theory entries appear in the legend only when the run computes them.
        XYLineAndShapeRenderer r = (XYLineAndShapeRenderer) ((XYPlot) chart().getPlot()).getRenderer();
        r.setSeriesVisibleInLegend(RHO, !rho.isEmpty(), false);
        r.setSeriesVisibleInLegend(PREDICTED_TOP, !predictedTop.isEmpty(), false);
        for (XYSeries x : new XYSeries[] {top, middle, bottom, rho, predictedTop}) {
            touch(x);
        }
    }

    /** The note under the chart saying why a theory line is absent, or "" (none is, or the run does not say). */
    public String theoryNote() {
        return theoryNote.isVisible() ? theoryNote.getText() : "";
    }

    /**
     * The sentence for the {@code theory-absent} metric of {@code s} (index 0: ρ(t), 1: σ_i(Φ)^{1/L}; the value is the
     * {@link TheoryAssumption} broken), or "" when both lines are drawn or the snapshot does not say.
     */
    static String absenceNote(StepSnapshot s) {
        MetricSeries m = s.find("theory-absent", MetricSeries.NO_LAYER).orElse(null);
        if (m == null || m.values().length < 2) {
            return "";
        }
        TheoryAssumption rhoWhy = TheoryAssumption.ofCode(m.values()[0]);
        TheoryAssumption topWhy = TheoryAssumption.ofCode(m.values()[1]);
        if (rhoWhy != null && rhoWhy == topWhy) {
            return "No theory lines ρ(t), σᵢ(Φ)^(1/L): " + rhoWhy.brokenSentence() + ".";
        }
        StringBuilder sb = new StringBuilder();
        if (rhoWhy != null) {
            sb.append("No ρ(t) line: ").append(rhoWhy.brokenSentence()).append('.');
        }
        if (topWhy != null) {
            sb.append(sb.length() > 0 ? " " : "")
                    .append("No σᵢ(Φ)^(1/L) marks: ")
                    .append(topWhy.brokenSentence())
                    .append('.');
        }
        return sb.toString();
    }

    /** The dataset: top, middle, bottom, ρ, predicted top. */
    public XYSeriesCollection dataset() {
        return dataset;
    }

    @Override
    public void clear() {
        hold();
        chart().getTitle().setText("Spectrum");
        theoryNote.setText("");
        theoryNote.setVisible(false);
        for (XYSeries x : new XYSeries[] {top, middle, bottom, rho, predictedTop}) {
            x.clear();
            touch(x);
        }
    }
}
