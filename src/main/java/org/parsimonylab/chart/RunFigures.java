package org.parsimonylab.chart;

import java.util.ArrayList;
import java.util.List;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * The figures a paper shows for a recorded run, built by the same figure classes the app draws live: the loss (one
 * line per variant), and per variant the spectrum of W1 at the last step, the singular values of W1 over time, the
 * waterfall of W1, the principal angles and the update energy when measured; the class separation D_l with its
 * geometric fit when measured; and, for several variants, their loss against training time.
 */
public final class RunFigures {
    private RunFigures() {}

    /** The figures of {@code history}; {@code blockRank} is the r of the top/middle/bottom colouring. */
    public static List<NamedFigure> build(RunHistory history, int blockRank) {
        List<NamedFigure> out = new ArrayList<>();
        List<String> variants = history.variants();
        if (variants.isEmpty()) {
            return out;
        }
        boolean several = variants.size() > 1;
        LossFigure loss = new LossFigure();
        for (String v : variants) {
            for (StepSnapshot s : history.snapshots(v)) {
                loss.add(v, s);
            }
        }
        out.add(named("loss", loss));
        for (String v : variants) {
            String suffix = several ? "-" + v : "";
            String titleSuffix = several ? " (" + v + ")" : "";
            List<StepSnapshot> snaps = history.snapshots(v);
            StepSnapshot last = history.last(v);
            if (has(snaps, name -> name.equals("sv"), 1)) {
                SpectrumFigure spectrum = new SpectrumFigure();
                spectrum.show(last, 1, blockRank);
                out.add(named("spectrum-W1" + suffix, retitle(spectrum, titleSuffix)));
                SingularValuesFigure sv = new SingularValuesFigure();
                sv.setBlockRank(blockRank);
                sv.selectLayer(1);
                sv.setVariant(several ? v : "");
                WaterfallFigure waterfall = new WaterfallFigure();
                waterfall.selectLayer(1);
                for (StepSnapshot s : snaps) {
                    sv.add(s);
                    waterfall.add(s);
                }
                out.add(named("sv-W1" + suffix, sv));
                out.add(named("waterfall-W1" + suffix, retitle(waterfall, titleSuffix)));
            }
            if (has(
                    snaps,
                    name -> name.equals("alignment-rad") || name.startsWith("angle-") && name.endsWith("-rad"),
                    1)) {
                out.add(named("angles-W1" + suffix, retitle(lines(new AnglesFigure(), snaps), titleSuffix)));
            }
            if (has(snaps, name -> name.equals("update-energy-in-block"), 1)) {
                out.add(named(
                        "update-energy-W1" + suffix, retitle(lines(new UpdateEnergyFigure(), snaps), titleSuffix)));
            }
        }
        SeparationFigure separation = new SeparationFigure();
        boolean separated = false;
        for (String v : variants) {
            StepSnapshot last = history.last(v);
            if (last != null && last.find("separation", 0).isPresent()) {
                separation.show(v, last);
                separated = true;
            }
        }
        if (separated) {
            out.add(named("separation", separation));
        }
        if (several && variants.stream().allMatch(v -> timed(history.last(v)))) {
            VariantsFigure overlay = new VariantsFigure();
            for (String v : variants) {
                for (StepSnapshot s : history.snapshots(v)) {
                    overlay.add(v, s, history.stepsPerSecond(v));
                }
            }
            out.add(named("variants", overlay));
        }
        for (NamedFigure f : out) {
            f.figure().flush();
        }
        return out;
    }

    private static NamedFigure named(String key, Figure f) {
        return new NamedFigure(key, f);
    }

    private static Figure retitle(Figure f, String suffix) {
        if (!suffix.isEmpty()) {
            f.chart().getTitle().setText(f.title() + suffix);
        }
        return f;
    }

    private static MetricLinesFigure lines(MetricLinesFigure f, List<StepSnapshot> snaps) {
        f.selectLayer(1);
        for (StepSnapshot s : snaps) {
            f.add(s);
        }
        return f;
    }

    /** Whether some snapshot has a metric {@code accepts} takes, of {@code layer} or of no layer. */
    private static boolean has(List<StepSnapshot> snaps, java.util.function.Predicate<String> accepts, int layer) {
        for (StepSnapshot s : snaps) {
            for (MetricSeries m : s.series()) {
                if (accepts.test(m.name()) && (m.layer() == layer || m.layer() == MetricSeries.NO_LAYER)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the run recorded training time (run folders do not keep it). */
    private static boolean timed(StepSnapshot s) {
        return s != null && Double.isFinite(s.elapsedSeconds()) && s.elapsedSeconds() > 0;
    }
}
