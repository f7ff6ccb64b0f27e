package org.parsimonylab.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.parsimonylab.chart.AnglesFigure;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.MetricKindFigure;
import org.parsimonylab.chart.MetricLinesFigure;
import org.parsimonylab.chart.SingularValuesFigure;
import org.parsimonylab.chart.SpectrumFigure;
import org.parsimonylab.chart.UpdateEnergyFigure;
import org.parsimonylab.chart.WaterfallFigure;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * Small multiples of one chart kind: the same figure for each weight layer W_1..W_L, fed the shown variant's full
 * snapshots (the spectrum shows each layer's newest one), so the layers compare side by side. No JavaFX; one thread.
 */
public final class LayerFigures {
    /** The chart kinds with one figure per layer. */
    public static final List<String> KINDS = List.of("spectrum", "sv", "waterfall", "angles", "update-energy");

    private final String kind;
    private final String variant;
    private final int blockRank;
    private final List<Figure> figures = new ArrayList<>();
    private StepSnapshot latest;

    /**
     * {@code layers} figures of {@code kind} (one of {@link #KINDS} or a per-layer {@link MetricKindFigure.Kind} key)
     * following {@code variant}, filled from its snapshots in {@code history} so far.
     */
    public LayerFigures(String kind, int layers, String variant, int blockRank, RunHistory history) {
        this.kind = kind;
        this.variant = variant;
        this.blockRank = blockRank;
        Supplier<Figure> make = factory(kind);
        for (int l = 1; l <= Math.max(1, layers); l++) {
            Figure f = make.get();
            if (f instanceof SingularValuesFigure sv) {
                sv.setBlockRank(blockRank);
                sv.selectLayer(l);
            } else if (f instanceof WaterfallFigure w) {
                w.selectLayer(l);
            } else if (f instanceof MetricLinesFigure m) {
                m.selectLayer(l);
            }
            figures.add(f);
        }
        if (history != null && variant != null && history.variants().contains(variant)) {
            for (StepSnapshot s : history.snapshots(variant)) {
                add(variant, s);
            }
        }
        flushAll();
    }

    private static Supplier<Figure> factory(String kind) {
        switch (kind) {
            case "spectrum":
                return SpectrumFigure::new;
            case "sv":
                return SingularValuesFigure::new;
            case "waterfall":
                return WaterfallFigure::new;
            case "angles":
                return AnglesFigure::new;
            case "update-energy":
                return UpdateEnergyFigure::new;
            default:
                for (MetricKindFigure.Kind k : MetricKindFigure.Kind.values()) {
                    if (k.key().equals(kind) && k.perLayer()) {
                        return () -> new MetricKindFigure(k);
                    }
                }
                throw new IllegalArgumentException("no per-layer chart kind '" + kind + "' (allowed: "
                        + String.join(", ", KINDS) + " and the per-layer metric kinds)");
        }
    }

    /** Whether {@code kind} has one figure per layer. */
    public static boolean isPerLayer(String kind) {
        if (KINDS.contains(kind)) {
            return true;
        }
        for (MetricKindFigure.Kind k : MetricKindFigure.Kind.values()) {
            if (k.key().equals(kind) && k.perLayer()) {
                return true;
            }
        }
        return false;
    }

    /** Adds a full snapshot of {@code v} (ignored unless it is the variant followed). */
    public void add(String v, StepSnapshot s) {
        if (!v.equals(variant) || s.series().isEmpty()) {
            return;
        }
        if (latest != null && s.step() <= latest.step()) {
            return;
        }
        latest = s;
        for (int l = 0; l < figures.size(); l++) {
            Figure f = figures.get(l);
            if (f instanceof SpectrumFigure sp) {
                if (s.find("sv", l + 1).isPresent()) {
                    sp.show(s, l + 1, blockRank);
                }
            } else if (f instanceof SingularValuesFigure sv) {
                sv.add(s);
            } else if (f instanceof WaterfallFigure w) {
                w.add(s);
            } else if (f instanceof MetricLinesFigure m) {
                m.add(s);
            }
        }
    }

    /** The chart kind. */
    public String kind() {
        return kind;
    }

    /** The variant followed. */
    public String variant() {
        return variant;
    }

    /** The figures, layer 1 first. */
    public List<Figure> figures() {
        return figures;
    }

    /** Flushes every figure. */
    public void flushAll() {
        figures.forEach(Figure::flush);
    }
}
