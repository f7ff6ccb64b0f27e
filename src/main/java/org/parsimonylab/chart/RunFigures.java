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
 * geometric fit when measured; the end-to-end trajectories of a wide network and its compressed twin on one plane
 * (E6/E7) when recorded; and, for several variants, their loss against training time.
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
        List<Figure> svPanels = new ArrayList<>();
        List<String> svVariants = new ArrayList<>();
        LossFigure loss = new LossFigure();
        for (String v : variants) {
            for (StepSnapshot s : history.snapshots(v)) {
                loss.add(v, s);
            }
        }
        out.add(named("loss", loss));
        for (String v : variants) {
            String suffix = several ? "-" + v : "";
            List<StepSnapshot> snaps = history.snapshots(v);
            StepSnapshot last = history.last(v);
            if (has(snaps, name -> name.equals("sv"), 1)) {
                SpectrumFigure spectrum = new SpectrumFigure();
                spectrum.setVariant(several ? v : "");
                spectrum.show(last, 1, blockRank);
                out.add(named("spectrum-W1" + suffix, spectrum));
                SingularValuesFigure sv = new SingularValuesFigure();
                sv.setBlockRank(blockRank);
                sv.selectLayer(1);
                sv.setVariant(several ? v : "");
                WaterfallFigure waterfall = new WaterfallFigure();
                waterfall.selectLayer(1);
                waterfall.setVariant(several ? v : "");
                for (StepSnapshot s : snaps) {
                    sv.add(s);
                    waterfall.add(s);
                }
                out.add(named("sv-W1" + suffix, sv));
                out.add(named("waterfall-W1" + suffix, waterfall));
                sv.flush();
                svPanels.add(sv);
                svVariants.add(v);
            }
            if (has(
                    snaps,
                    name -> name.equals("alignment-rad") || name.startsWith("angle-") && name.endsWith("-rad"),
                    1)) {
                out.add(named("angles-W1" + suffix, lines(new AnglesFigure(), snaps, 1, several ? v : "")));
            }
            if (has(snaps, name -> name.equals("update-energy-in-block"), 1)) {
                out.add(named(
                        "update-energy-W1" + suffix, lines(new UpdateEnergyFigure(), snaps, 1, several ? v : "")));
            }
            for (MetricKindFigure.Kind kind : MetricKindFigure.Kind.values()) {
                for (int layer : layersOf(snaps, kind)) {
                    String w = layer == MetricSeries.NO_LAYER ? "" : "-W" + layer;
                    out.add(named(
                            kind.key() + w + suffix,
                            lines(new MetricKindFigure(kind), snaps, Math.max(1, layer), several ? v : "")));
                }
            }
        }
        if (svPanels.size() > 1) {
            out.add(named(
                    "sv-W1-variants",
                    new SmallMultiplesFigure("Singular values σᵢ of W₁ by variant", svVariants, svPanels)));
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
        TrajectoryFigure trajectory = new TrajectoryFigure();
        for (String v : variants) {
            for (StepSnapshot s : history.snapshots(v)) {
                trajectory.add(v, s);
            }
        }
        if (trajectory.dataset().getSeriesCount() > 0) {
            out.add(named("trajectory", trajectory));
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

    private static MetricLinesFigure lines(MetricLinesFigure f, List<StepSnapshot> snaps, int layer, String variant) {
        f.selectLayer(layer);
        f.setVariant(variant);
        for (StepSnapshot s : snaps) {
            f.add(s);
        }
        return f;
    }

    /** The layers (ascending; {@link MetricSeries#NO_LAYER} for layer-less metrics) with a metric of {@code kind}. */
    private static java.util.SortedSet<Integer> layersOf(List<StepSnapshot> snaps, MetricKindFigure.Kind kind) {
        java.util.SortedSet<Integer> out = new java.util.TreeSet<>();
        for (StepSnapshot s : snaps) {
            for (MetricSeries m : s.series()) {
                if (kind.metrics().contains(m.name())) {
                    out.add(kind.perLayer() ? m.layer() : MetricSeries.NO_LAYER);
                }
            }
        }
        return out;
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
