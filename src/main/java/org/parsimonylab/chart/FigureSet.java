package org.parsimonylab.chart;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.session.SessionSnapshot;

/**
 * Every live figure of a run, fed by batches of session snapshots: scalar histories (loss, σ_i, angles, update
 * energy) append every new step; the spectrum and separation redraw from the newest snapshot only (DESIGN.md §3).
 * The spectra-over-time figures follow the first variant of the run. Call from one thread only, then {@link #flush}
 * each dirty figure once per frame.
 */
public final class FigureSet {
    /** Loss per variant. */
    public final LossFigure loss = new LossFigure();

    /** Current spectrum of the selected layer. */
    public final SpectrumFigure spectrum = new SpectrumFigure();

    /** Singular values over time. */
    public final SingularValuesFigure singularValues = new SingularValuesFigure();

    /** Index × step heat map. */
    public final WaterfallFigure waterfall = new WaterfallFigure();

    /** Principal angles over time. */
    public final AnglesFigure angles = new AnglesFigure();

    /** D_l against layer. */
    public final SeparationFigure separation = new SeparationFigure();

    /** Update energy in the invariant block. */
    public final UpdateEnergyFigure updateEnergy = new UpdateEnergyFigure();

    /** End-to-end trajectories of every variant on one plane (E6/E7). */
    public final TrajectoryFigure trajectory = new TrajectoryFigure();

    /** Variants against wall time. */
    public final VariantsFigure variants = new VariantsFigure();

    /**
     * Lines of the other measured metric families (errors, twin distance, accuracy, the MLP subspace metrics) of the
     * shown variant, one figure per {@link MetricKindFigure.Kind}; empty ones stay out of {@link #named()}.
     */
    public final Map<MetricKindFigure.Kind, MetricKindFigure> kinds = kindFigures();

    private static Map<MetricKindFigure.Kind, MetricKindFigure> kindFigures() {
        Map<MetricKindFigure.Kind, MetricKindFigure> m = new java.util.EnumMap<>(MetricKindFigure.Kind.class);
        for (MetricKindFigure.Kind k : MetricKindFigure.Kind.values()) {
            m.put(k, new MetricKindFigure(k));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private final java.util.Set<String> seenVariants = new java.util.LinkedHashSet<>();

    private final Map<String, Long> lastStep = new HashMap<>();
    private long runId = Long.MIN_VALUE;
    private String primary;
    private SessionSnapshot latestPrimary;
    private int layer = 1;
    private int blockRank = 3;
    private int layerCount;

    /** Empty figures showing layer 1. */
    public FigureSet() {
        setLayer(1);
        flushAll();
    }

    /** All figures, in display order. */
    public List<Figure> all() {
        List<Figure> out = new java.util.ArrayList<>(List.of(
                loss, spectrum, singularValues, waterfall, angles, separation, updateEnergy, trajectory, variants));
        out.addAll(kinds.values());
        return out;
    }

    /** Sets r of the top/middle/bottom blocks. */
    public void setBlockRank(int r) {
        blockRank = r;
        singularValues.setBlockRank(r);
        redrawCurrent();
    }

    /** Selects weight layer {@code l} (1..L) for the per-layer figures. */
    public void setLayer(int l) {
        layer = l;
        singularValues.selectLayer(l);
        waterfall.selectLayer(l);
        angles.selectLayer(l);
        updateEnergy.selectLayer(l);
        for (MetricKindFigure k : kinds.values()) {
            k.selectLayer(l);
        }
        redrawCurrent();
    }

    /** The selected layer. */
    public int layer() {
        return layer;
    }

    /** The number of weight layers seen in the run (0 before the first snapshot). */
    public int layerCount() {
        return layerCount;
    }

    /** The variant whose spectra are shown. */
    public String primaryVariant() {
        return primary;
    }

    private void redrawCurrent() {
        if (latestPrimary != null) {
            spectrum.show(latestPrimary.snapshot(), layer, blockRank);
        }
    }

    /** Applies a batch; a snapshot of a new run id clears every figure first. */
    public void accept(List<SessionSnapshot> batch) {
        for (SessionSnapshot s : batch) {
            if (s.runId() != runId) {
                if (s.runId() < runId) {
                    continue;
                }
                clear();
                runId = s.runId();
            }
            if (primary == null) {
                primary = s.variant();
            }
            if (seenVariants.add(s.variant()) && seenVariants.size() == 2) {
                // From the second variant on, the per-variant figures say whose they are.
                nameVariant(primary);
            }
            long step = s.step();
            Long seen = lastStep.get(s.variant());
            boolean fresh = seen == null || step > seen;
            if (fresh && !s.snapshot().series().isEmpty()) {
                lastStep.put(s.variant(), step);
                loss.add(s.variant(), s.snapshot());
                trajectory.add(s.variant(), s.snapshot());
                variants.add(s.variant(), s.snapshot(), s.stepsPerSecond());
                if (s.variant().equals(primary)) {
                    singularValues.add(s.snapshot());
                    waterfall.add(s.snapshot());
                    angles.add(s.snapshot());
                    updateEnergy.add(s.snapshot());
                    for (MetricKindFigure k : kinds.values()) {
                        k.add(s.snapshot());
                    }
                }
            }
            separation.show(s.variant(), s.snapshot());
            if (s.variant().equals(primary)) {
                latestPrimary = s;
                layerCount = Math.max(layerCount, Metrics.layers(s.snapshot()));
            }
        }
        redrawCurrent();
    }

    /**
     * Shows a recorded run (an opened run folder) instead of the live one, as if its snapshots had just arrived; the
     * next live snapshot (any run id) replaces it.
     */
    public void showRecorded(org.parsimonylab.session.RunHistory history) {
        clear();
        runId = RECORDED_RUN_ID;
        List<SessionSnapshot> batch = new java.util.ArrayList<>();
        for (String v : history.variants()) {
            for (org.parsimonylab.metrics.StepSnapshot s : history.snapshots(v)) {
                batch.add(new SessionSnapshot(
                        RECORDED_RUN_ID,
                        v,
                        s,
                        org.parsimonylab.session.SessionStatus.FINISHED,
                        history.stepsPerSecond(v),
                        ""));
            }
        }
        accept(batch);
    }

    private void nameVariant(String v) {
        spectrum.setVariant(v);
        singularValues.setVariant(v);
        waterfall.setVariant(v);
        angles.setVariant(v);
        updateEnergy.setVariant(v);
        for (MetricKindFigure k : kinds.values()) {
            k.setVariant(v);
        }
    }

    /** The run id given to a recorded run: below every live run id (they start at 1). */
    public static final long RECORDED_RUN_ID = 0;

    /** The figures with data, each with its export key ({@code loss}, {@code sv-W2}, …). */
    public List<NamedFigure> named() {
        List<NamedFigure> out = new java.util.ArrayList<>();
        String w = "-W" + layer;
        addIfData(out, "loss", loss, loss.dataset());
        addIfData(out, "spectrum" + w, spectrum, spectrum.dataset());
        addIfData(out, "sv" + w, singularValues, singularValues.dataset());
        if (waterfall.blockCount() > 0) {
            out.add(new NamedFigure("waterfall" + w, waterfall));
        }
        addIfData(out, "angles" + w, angles, angles.dataset());
        addIfData(out, "separation", separation, separation.dataset());
        addIfData(out, "update-energy" + w, updateEnergy, updateEnergy.dataset());
        addIfData(out, "trajectory", trajectory, trajectory.dataset());
        addIfData(out, "variants", variants, variants.dataset());
        for (MetricKindFigure k : kinds.values()) {
            addIfData(out, k.kind().key() + (k.kind().perLayer() ? w : ""), k, k.dataset());
        }
        return out;
    }

    private static void addIfData(
            List<NamedFigure> out, String key, Figure f, org.jfree.data.xy.XYSeriesCollection data) {
        for (int s = 0; s < data.getSeriesCount(); s++) {
            if (data.getItemCount(s) > 0) {
                out.add(new NamedFigure(key, f));
                return;
            }
        }
    }

    /** Forgets the run (a new run starts). */
    public void clear() {
        for (Figure f : all()) {
            f.clear();
        }
        lastStep.clear();
        seenVariants.clear();
        nameVariant("");
        primary = null;
        latestPrimary = null;
        layerCount = 0;
    }

    /** Flushes every dirty figure: one notification (one redraw) each. */
    public void flushAll() {
        for (Figure f : all()) {
            f.flush();
        }
    }
}
