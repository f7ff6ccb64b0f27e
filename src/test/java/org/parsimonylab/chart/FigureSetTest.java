package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.SessionSnapshot;
import org.parsimonylab.session.SessionStatus;

/** The figures fed synthetic snapshots, without JavaFX: datasets, labels, tolerance of missing metrics. */
class FigureSetTest {

    /** A synthetic snapshot: L = 2 layers of d singular values, plus the optional theory metrics. */
    static StepSnapshot snap(long step, int d, boolean theory) {
        List<MetricSeries> s = new ArrayList<>();
        s.add(MetricSeries.scalar("loss", 1.0 / (step + 1)));
        for (int layer = 1; layer <= 2; layer++) {
            double[] sv = new double[d];
            for (int i = 0; i < d; i++) {
                sv[i] = i < 3 ? 1 + 0.01 * step : i >= d - 3 ? 1 - 0.005 * step : 1.0;
            }
            s.add(MetricSeries.indexed("sv", layer, sv));
        }
        if (theory) {
            s.add(MetricSeries.ofLayer("rho-predicted", 1, 0.97));
            s.add(MetricSeries.indexed("sv-predicted-top", 1, new double[] {1.5, 1.4, 1.3}));
            s.add(MetricSeries.ofLayer("angle-top-rad", 1, 0.01 * step));
            s.add(MetricSeries.ofLayer("angle-middle-rad", 1, 0.0));
            s.add(MetricSeries.ofLayer("update-energy-in-block", 1, 0.99));
        }
        return new StepSnapshot(step, step * 0.001, s);
    }

    static SessionSnapshot session(long run, String variant, StepSnapshot s) {
        return new SessionSnapshot(run, variant, s, SessionStatus.RUNNING, 1000, "");
    }

    @Test
    void lossAndSpectraAppendOnePointPerNewStepAndIgnoreRepublishedSteps() {
        FigureSet f = new FigureSet();
        List<SessionSnapshot> batch = new ArrayList<>();
        for (int t = 0; t < 10; t++) {
            batch.add(session(1, "main", snap(t, 30, false)));
        }
        batch.add(session(1, "main", snap(9, 30, false))); // a status-only republish of step 9
        f.accept(batch);
        f.flushAll();
        assertEquals(10, f.loss.points("main"));
        assertEquals(1, f.loss.dataset().getSeriesCount());
        assertEquals(30, f.singularValues.dataset().getSeriesCount(), "d = 30 <= 40: every index has a line");
        assertEquals(10, f.singularValues.dataset().getItemCount(0));
        assertEquals(3, f.spectrum.dataset().getItemCount(SpectrumFigure.TOP));
        assertEquals(24, f.spectrum.dataset().getItemCount(SpectrumFigure.MIDDLE));
        assertEquals(3, f.spectrum.dataset().getItemCount(SpectrumFigure.BOTTOM));
        assertEquals(1.09, f.spectrum.dataset().getYValue(SpectrumFigure.TOP, 0), 1e-12);
        assertEquals("Spectrum of W1 at step 9", f.spectrum.title());
        assertEquals(10 * 30, f.waterfall.blockCount());
        assertEquals(2, f.layerCount());
        for (Figure fig : f.all()) {
            assertFalse(fig.isDirty(), fig.title() + " flushed");
        }
    }

    @Test
    void missingMetricsLeaveTheirFiguresEmptyAndPresentOnesAreDrawn() {
        FigureSet f = new FigureSet();
        f.accept(List.of(session(1, "main", snap(0, 30, false))));
        assertEquals(0, f.angles.dataset().getSeriesCount());
        assertEquals(0, f.updateEnergy.dataset().getSeriesCount());
        assertEquals(0, f.separation.dataset().getSeriesCount());
        assertEquals(0, f.spectrum.dataset().getItemCount(SpectrumFigure.RHO));

        f.accept(List.of(session(1, "main", snap(1, 30, true)), session(1, "main", snap(2, 30, true))));
        assertEquals(2, f.angles.dataset().getSeriesCount(), "angle-top-rad and angle-middle-rad");
        assertEquals(2, f.angles.dataset().getItemCount(0));
        assertEquals(0.02, f.angles.dataset().getYValue(0, 1), 1e-12);
        assertEquals(1, f.updateEnergy.dataset().getSeriesCount());
        assertEquals(2, f.spectrum.dataset().getItemCount(SpectrumFigure.RHO));
        assertEquals(0.97, f.spectrum.dataset().getYValue(SpectrumFigure.RHO, 0));
        assertEquals(3, f.spectrum.dataset().getItemCount(SpectrumFigure.PREDICTED_TOP));
    }

    @Test
    void switchingLayerShowsThatLayersWholeHistory() {
        FigureSet f = new FigureSet();
        f.accept(List.of(session(1, "main", snap(0, 30, true)), session(1, "main", snap(1, 30, true))));
        f.setLayer(2);
        f.flushAll();
        assertEquals("Singular values σᵢ of W₂", f.singularValues.title());
        assertEquals(2, f.singularValues.dataset().getItemCount(0));
        assertEquals(0, f.angles.dataset().getSeriesCount(), "no angles measured for W2");
        assertEquals("Spectrum of W2 at step 1", f.spectrum.title());
    }

    @Test
    void aNewRunIdClearsEverythingAndStaleRunsAreIgnored() {
        FigureSet f = new FigureSet();
        f.accept(List.of(session(1, "main", snap(0, 30, false)), session(1, "main", snap(1, 30, false))));
        f.accept(List.of(session(2, "main", snap(0, 10, false))));
        assertEquals(1, f.loss.points("main"));
        assertEquals(10, f.singularValues.dataset().getSeriesCount());
        f.accept(List.of(session(1, "main", snap(2, 30, false))));
        assertEquals(1, f.loss.points("main"), "a snapshot of the old run is dropped");
    }

    @Test
    void variantsEachGetALineLabelledWithTheirSpeed() {
        FigureSet f = new FigureSet();
        f.accept(List.of(
                session(1, "wide", snap(0, 30, false)),
                new SessionSnapshot(1, "compressed", snap(0, 30, false), SessionStatus.RUNNING, 5000, "")));
        assertEquals(2, f.loss.dataset().getSeriesCount());
        assertEquals(2, f.variants.dataset().getSeriesCount());
        assertEquals(
                "compressed (5,000 steps/s)",
                f.variants.dataset().getSeriesKey(1).toString());
        assertEquals("wide", f.primaryVariant());
    }

    @Test
    void largeLayersAreSampledAndTheWaterfallStaysBounded() {
        FigureSet f = new FigureSet();
        List<SessionSnapshot> batch = new ArrayList<>();
        for (int t = 0; t < 1000; t++) {
            batch.add(session(1, "main", snap(t, 500, false)));
        }
        f.accept(batch);
        assertEquals(
                3 + 3 + SingularValuesFigure.MIDDLE_SAMPLES,
                f.singularValues.dataset().getSeriesCount());
        assertTrue(f.waterfall.columnCount() <= WaterfallFigure.MAX_COLUMNS);
        assertTrue(f.waterfall.blockCount() <= WaterfallFigure.MAX_COLUMNS * WaterfallFigure.MAX_ROWS);
    }

    @Test
    void logToggleSwapsTheAxisKind() {
        LossFigure loss = new LossFigure();
        assertTrue(((XYPlot) loss.chart().getPlot()).getRangeAxis() instanceof LogAxis);
        loss.setLogY(false);
        loss.flush();
        assertTrue(((XYPlot) loss.chart().getPlot()).getRangeAxis() instanceof NumberAxis);
        assertEquals("loss", ((XYPlot) loss.chart().getPlot()).getRangeAxis().getLabel());
    }

    @Test
    void otherMetricFamiliesAreDrawnLiveAndTitlesNameTheVariantOnceThereAreSeveral() {
        FigureSet f = new FigureSet();
        List<SessionSnapshot> batch = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            List<MetricSeries> s = new ArrayList<>(snap(t, 30, false).series());
            s.add(MetricSeries.scalar("relative-error", 1.0 / (t + 2)));
            s.add(MetricSeries.ofLayer("energy-in-block", 1, 0.5 + 0.1 * t));
            batch.add(session(1, "relu", new StepSnapshot(t, 0, s)));
        }
        f.accept(batch);
        f.flushAll();
        MetricKindFigure errors = f.kinds.get(MetricKindFigure.Kind.ERRORS);
        assertEquals(5, errors.dataset().getSeries("relative-error").getItemCount());
        assertEquals(
                1.0 / 6, errors.dataset().getSeries("relative-error").getY(4).doubleValue(), 0);
        MetricKindFigure energy = f.kinds.get(MetricKindFigure.Kind.ENERGY);
        assertEquals(0.9, energy.dataset().getSeries("energy-in-block").getY(4).doubleValue(), 1e-12);
        List<String> keys = f.named().stream().map(NamedFigure::key).toList();
        assertTrue(keys.contains("errors") && keys.contains("energy-W1"), keys.toString());
        assertFalse(keys.contains("accuracy"), "no accuracy measured, no accuracy figure");
        assertEquals("Singular values σᵢ of W₁", f.singularValues.title(), "one variant: no name");
        f.accept(List.of(session(1, "gelu", snap(0, 30, false))));
        assertEquals("Singular values σᵢ of W₁ — relu", f.singularValues.title());
        assertEquals("Update energy in the invariant block of W₁ — relu", energy.title());
    }
}
