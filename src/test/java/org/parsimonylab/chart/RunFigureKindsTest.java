package org.parsimonylab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parsimonylab.engine.linalg.EjmlLinAlg;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentRun;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.RunHistory;
import org.parsimonylab.session.RunListener;

/** The figure kinds of a recorded run draw exactly the run's numbers (issue 10 item 1), on short runs of presets. */
class RunFigureKindsTest {

    static RunHistory run(String preset, long steps) {
        ExperimentSpec spec = PresetLoader.load(Path.of("presets", preset + ".json"), List.of())
                .toExperiment();
        RunHistory history = new RunHistory(Integer.MAX_VALUE);
        new ExperimentRun(spec, new EjmlLinAlg())
                .run(
                        new RunListener() {
                            @Override
                            public void snapshot(String variant, StepSnapshot snapshot) {
                                history.add(variant, snapshot);
                            }
                        },
                        steps,
                        0);
        return history;
    }

    @ParameterizedTest
    @CsvSource({
        "e6-equivalent-trajectory, 400, twin-distance",
        "p2-two-layer-invariant-subspace, 40, energy",
        "p2-fig1-smooth-mlp-spectra, 40, sv-W1-variants",
    })
    void everyFigureKindDrawsTheRunsNumbers(String preset, long steps, String expectedKey) {
        RunHistory history = run(preset, steps);
        List<NamedFigure> figures = RunFigures.build(history, 3);
        Set<String> keys = new HashSet<>();
        int checked = 0;
        for (NamedFigure n : figures) {
            keys.add(n.key());
            if (!(n.figure() instanceof MetricKindFigure f)) {
                continue;
            }
            String variant = variantOf(n.key(), history.variants());
            int layer = layerOf(n.key());
            XYSeriesCollection data = f.dataset();
            assertTrue(data.getSeriesCount() > 0, n.key() + " has lines");
            for (int k = 0; k < data.getSeriesCount(); k++) {
                XYSeries line = data.getSeries(k);
                String metric = line.getKey().toString();
                assertTrue(f.kind().metrics().contains(metric), n.key() + " draws only its metrics: " + metric);
                int i = 0;
                for (StepSnapshot s : history.snapshots(variant)) {
                    MetricSeries m = s.find(metric, layer)
                            .or(() -> s.find(metric, MetricSeries.NO_LAYER))
                            .orElse(null);
                    if (m == null || !Double.isFinite(Metrics.scalar(m))) {
                        continue;
                    }
                    assertEquals(s.step(), line.getX(i).doubleValue(), 0, n.key() + " " + metric);
                    assertEquals(Metrics.scalar(m), line.getY(i).doubleValue(), 0, n.key() + " " + metric);
                    i++;
                    checked++;
                }
                assertEquals(i, line.getItemCount(), n.key() + " " + metric + ": every recorded value, no other");
            }
            if (history.variants().size() > 1) {
                assertTrue(f.title().contains(variant), "the variant is named in the title: " + f.title());
            }
            assertFalse(f.title().contains("-rad") || f.title().contains("-sv"), f.title());
        }
        assertTrue(
                keys.stream().anyMatch(k -> k.startsWith(expectedKey)),
                preset + " has a " + expectedKey + " figure: " + keys);
        if (!expectedKey.equals("sv-W1-variants")) {
            assertTrue(checked > 0, "some values compared");
        } else {
            SmallMultiplesFigure m = (SmallMultiplesFigure) figures.stream()
                    .filter(n -> n.key().equals("sv-W1-variants"))
                    .findFirst()
                    .orElseThrow()
                    .figure();
            assertEquals(history.variants().size(), m.panels(), "a panel per activation");
            for (int p = 0; p < m.panels(); p++) {
                String v = history.variants().get(p);
                assertTrue(m.panel(p).getDomainAxis().getLabel().startsWith(v), "panel named " + v);
                double last = history.last(v).find("sv", 1).orElseThrow().values()[0];
                XYSeriesCollection d = (XYSeriesCollection) m.panel(p).getDataset();
                XYSeries s1 = d.getSeries("σ1");
                assertEquals(last, s1.getY(s1.getItemCount() - 1).doubleValue(), 0, v + ": σ₁ at the end");
            }
        }
    }

    private static String variantOf(String key, List<String> variants) {
        if (variants.size() == 1) {
            return variants.get(0);
        }
        for (String v : variants) {
            if (key.endsWith("-" + v)) {
                return v;
            }
        }
        throw new AssertionError("no variant in " + key);
    }

    private static int layerOf(String key) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-W(\\d+)").matcher(key);
        return m.find() ? Integer.parseInt(m.group(1)) : MetricSeries.NO_LAYER;
    }
}
