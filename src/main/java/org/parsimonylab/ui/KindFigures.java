package org.parsimonylab.ui;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.chart.MetricKindFigure;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * The live figures of the other metric families ({@link MetricKindFigure.Kind}: twin distance, recovery and relative
 * error, accuracy, energy in the block, moved σ, block angles, update rank) that {@code figures} writes: each kind
 * follows the first variant that measures it (twin distance is measured by the compressed twin, not by the first
 * variant), named in its title when the run has several variants. No JavaFX; one thread.
 */
public final class KindFigures {
    private final Map<MetricKindFigure.Kind, MetricKindFigure> figures = new EnumMap<>(MetricKindFigure.Kind.class);
    private final Map<MetricKindFigure.Kind, String> source = new EnumMap<>(MetricKindFigure.Kind.class);
    private boolean named;
    private int layer = 1;

    /** Empty figures of every kind. */
    public KindFigures() {
        for (MetricKindFigure.Kind k : MetricKindFigure.Kind.values()) {
            figures.put(k, new MetricKindFigure(k));
        }
    }

    /** Adds {@code s} of {@code variant} to each kind it measures whose source it is (or becomes). */
    public void add(String variant, StepSnapshot s, boolean manyVariants) {
        for (MetricKindFigure.Kind k : MetricKindFigure.Kind.values()) {
            String from = source.get(k);
            if (from == null) {
                if (!measures(s, k)) {
                    continue;
                }
                source.put(k, variant);
                from = variant;
                figures.get(k).setVariant(manyVariants ? variant : "");
            }
            if (from.equals(variant)) {
                figures.get(k).add(s);
            }
            if (manyVariants && !named) {
                figures.get(k).setVariant(from);
            }
        }
        named |= manyVariants;
    }

    private static boolean measures(StepSnapshot s, MetricKindFigure.Kind k) {
        for (MetricSeries m : s.series()) {
            if (k.metrics().contains(m.name())) {
                return true;
            }
        }
        return false;
    }

    /** The variant {@code kind} follows, or null before it is measured. */
    public String sourceOf(MetricKindFigure.Kind kind) {
        return source.get(kind);
    }

    /** The kinds measured so far, in the enum's order. */
    public List<MetricKindFigure.Kind> present() {
        return new ArrayList<>(source.keySet());
    }

    /** The figure of {@code kind}. */
    public MetricKindFigure figure(MetricKindFigure.Kind kind) {
        return figures.get(kind);
    }

    /** The export key of {@code kind} at layer {@code l} ({@code twin-distance}, {@code energy-W2}). */
    public static String key(MetricKindFigure.Kind kind, int l) {
        return kind.key() + (kind.perLayer() ? "-W" + l : "");
    }

    /** Shows layer {@code l} of the per-layer kinds. */
    public void selectLayer(int l) {
        layer = l;
        figures.values().forEach(f -> f.selectLayer(l));
    }

    /** The selected layer. */
    public int layer() {
        return layer;
    }

    /** Forgets the run. */
    public void clear() {
        source.clear();
        named = false;
        for (MetricKindFigure f : figures.values()) {
            f.clear();
            f.setVariant("");
        }
    }

    /** Flushes every figure (one redraw each). */
    public void flushAll() {
        figures.values().forEach(MetricKindFigure::flush);
    }

    /** The figures of {@code history} at layer {@code l}, under their export keys (the kinds it measures). */
    public static List<NamedFigure> of(RunHistory history, int l) {
        KindFigures k = new KindFigures();
        boolean many = history.variants().size() > 1;
        for (String v : history.variants()) {
            for (StepSnapshot s : history.snapshots(v)) {
                k.add(v, s, many);
            }
        }
        k.selectLayer(l);
        k.flushAll();
        List<NamedFigure> out = new ArrayList<>();
        for (MetricKindFigure.Kind kind : k.present()) {
            out.add(new NamedFigure(key(kind, l), k.figure(kind)));
        }
        return out;
    }
}
