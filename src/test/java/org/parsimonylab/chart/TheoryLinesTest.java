package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimonylab.engine.data.Dataset;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.metrics.LayerSvds;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.Probe;
import org.parsimonylab.metrics.Probes;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.metrics.TheoryAbsenceProbe;
import org.parsimonylab.metrics.TheoryAssumption;
import org.parsimonylab.metrics.TheoryProbe;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunListener;
import org.parsimonylab.session.VariantSpec;

/**
 * Theory lines where they apply (docs/science.md §1.5): a run records {@code rho-predicted} and {@code sv-predicted-top}
 * exactly when their assumptions hold (gradient descent, orthogonal init of one scale, γ = 1, W_L trained, square
 * layers, uncompressed; ρ(t) also a fully observed target and whitened X), and otherwise {@code theory-absent} with the
 * broken assumption, which the spectrum chart turns into a sentence under the plot.
 */
class TheoryLinesTest {
    private static final String BASE =
            """
            {"schemaVersion": 1, "name": "gate", "seed": 1,
             "data": {"kind": "factorization", "dim": 12, "outputDim": 12, "rank": 2, "samples": 40},
             "network": {"kind": "linear", "depth": 3, "width": 12, "init": {"kind": "orthogonal", "scale": 1.0}},
             "training": {"optimizer": "gd", "learningRate": 1.0, "loss": "half-mean", "steps": 3},
             "metrics": {"every": 1, "blockRank": 2, "svd": "values"}}
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "E1-like: all assumptions hold | | 0 | 0 | ",
                "momentum | training.optimizer=momentum | 3 | 3 | not plain gradient descent",
                "adam | training.optimizer=adam;training.learningRate=0.01 | 3 | 3 | not plain gradient descent",
                "gaussian init | network.init.kind=gaussian | 4 | 4 | not orthogonal",
                "lastScale 0.5 | network.init.lastScale=0.5 | 5 | 5 | lastScale differs",
                "gamma 0.5 | training.outerLearningRateScale=0.5 | 6 | 6 | outerLearningRateScale",
                "frozen W_L | network.trainLast=false | 7 | 7 | trainLast is false",
                "width 16 > d | network.width=16 | 8 | 8 | not square",
                "completion | data.kind=completion;data.observedFraction=0.5 | 9 | 0 | part of the target",
                "regression, X not whitened | data.kind=regression;data.whiten=false | 10 | 0 | not whitened",
                "regression, X whitened | data.kind=regression;data.whiten=true | 0 | 0 | ",
                "compressed twin | network.compression.kind=parsimony;training.outerLearningRateScale=0 | 2 | 2 | "
                        + "compressed",
                "narrow | network.compression.kind=narrow | 2 | 2 | compressed",
                "mlp | network.kind=mlp;network.activation=tanh | 1 | 1 | not linear"
            })
    void theoryLinesAppearExactlyWhereTheirAssumptionsHold(
            String name, String overrides, int rhoCode, int topCode, String noteWords) {
        List<String> sets = overrides == null ? List.of() : List.of(overrides.split(";"));
        ExperimentSpec e = PresetLoader.parse(BASE, "gate", sets).toExperiment();
        VariantSpec v = e.variants().get(0);
        ExperimentRun run = new ExperimentRun(e, LinAlgs.create());
        Dataset data = run.data();

        // Probes.forVariant decides, and the decision matches TheoryAssumption's.
        List<Probe> probes = Probes.forVariant(v.name(), v.network(), v.training(), v.metrics(), data, null);
        assertEquals(
                rhoCode == 0 && topCode == 0,
                probes.stream().noneMatch(p -> p instanceof TheoryAbsenceProbe),
                name + ": a theory-absent probe exactly when a line is missing");
        TheoryAssumption rhoWhy = TheoryAssumption.brokenForRho(v.network(), v.training(), data);
        TheoryAssumption topWhy = TheoryAssumption.brokenForTop(v.network(), v.training(), data);
        assertEquals(rhoCode, rhoWhy == null ? 0 : rhoWhy.code(), name + " ρ");
        assertEquals(topCode, topWhy == null ? 0 : topWhy.code(), name + " top");

        Map<Long, StepSnapshot> snaps = new LinkedHashMap<>();
        run.run(
                new RunListener() {
                    @Override
                    public void snapshot(String variant, StepSnapshot snapshot) {
                        snaps.put(snapshot.step(), snapshot);
                    }
                },
                3,
                0);
        assertEquals(4, snaps.size(), "steps 0..3 recorded");
        for (StepSnapshot s : snaps.values()) {
            assertEquals(rhoCode == 0, has(s, "rho-predicted"), name + ": rho-predicted at step " + s.step());
            assertEquals(topCode == 0, has(s, "sv-predicted-top"), name + ": sv-predicted-top at " + s.step());
            MetricSeries absent = s.find("theory-absent", MetricSeries.NO_LAYER).orElse(null);
            if (rhoCode == 0 && topCode == 0) {
                assertEquals(null, absent, name);
            } else {
                assertEquals(rhoCode, (int) absent.values()[0], name);
                assertEquals(topCode, (int) absent.values()[1], name);
            }
        }

        // The chart draws what the run recorded and says why the rest is absent.
        StepSnapshot last = snaps.get(3L);
        SpectrumFigure spectrum = new SpectrumFigure();
        spectrum.show(last, 1, 2);
        assertEquals(
                rhoCode == 0, spectrum.dataset().getSeries(SpectrumFigure.RHO).getItemCount() > 0, name);
        assertEquals(
                topCode == 0,
                spectrum.dataset().getSeries(SpectrumFigure.PREDICTED_TOP).getItemCount() > 0,
                name);
        String note = spectrum.theoryNote();
        if (rhoCode == 0 && topCode == 0) {
            assertEquals("", note, name);
        } else {
            assertTrue(note.contains(noteWords), name + ": " + note);
            assertEquals(rhoCode != 0, note.contains("ρ(t)"), name + ": " + note);
            assertEquals(topCode != 0, note.contains("σᵢ(Φ)^(1/L)"), name + ": " + note);
            assertTrue(
                    spectrum.chart().getSubtitles().stream()
                            .anyMatch(t -> t instanceof org.jfree.chart.title.TextTitle tt
                                    && tt.isVisible()
                                    && tt.getText().equals(note)),
                    "the note is drawn in the chart");
        }
        spectrum.clear();
        assertEquals("", spectrum.theoryNote(), "a new run starts without a note");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"plain constructor predicts on square layers, true", "gated off, false"})
    void theProbeItselfWritesTheLinesOnlyWhenAllowed(String name, boolean allowed) {
        ExperimentSpec e = PresetLoader.parse(BASE, "gate", List.of()).toExperiment();
        VariantSpec v = e.variants().get(0);
        ExperimentRun run = new ExperimentRun(e, LinAlgs.create());
        Dataset data = run.data();
        TheoryProbe probe = allowed
                ? TheoryProbe.forVariant(new LayerSvds(), v.network(), v.training(), data)
                : new TheoryProbe(new LayerSvds(), v.training(), false, false);
        org.parsimonylab.engine.train.Model model = org.parsimonylab.engine.train.ModelFactory.build(
                v.network(), v.training(), data, e.seed(), LinAlgs.create());
        model.evaluate(true);
        List<MetricSeries> out = new ArrayList<>();
        probe.measure(
                new org.parsimonylab.metrics.ProbeContext(
                        0, 1.0, model, data, v.network(), v.metrics(), LinAlgs.create()),
                out);
        assertEquals(allowed, out.stream().anyMatch(m -> m.name().equals("rho-predicted")), name);
        assertEquals(allowed, out.stream().anyMatch(m -> m.name().equals("sv-predicted-top")), name);
        assertFalse(out.isEmpty(), "the middle-block statistics are measurements, written either way");
    }

    private static boolean has(StepSnapshot s, String name) {
        return s.series().stream().anyMatch(m -> m.name().equals(name));
    }
}
