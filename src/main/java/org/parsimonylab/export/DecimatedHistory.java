package org.parsimonylab.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * A bounded, evenly decimated history for drawing a run of any length: per variant it keeps every {@code stride}-th
 * snapshot offered, and when {@code capacity} are kept it drops every other one and doubles the stride, so the kept
 * steps stay evenly spaced and memory stays at {@code capacity} snapshots per variant. The newest snapshot offered is
 * always kept too (the figures show the last step). Owned by one thread.
 */
public final class DecimatedHistory {
    private final int capacity;
    private final Map<String, Lane> lanes = new LinkedHashMap<>();
    private final Map<String, Double> stepsPerSecond = new LinkedHashMap<>();

    private static final class Lane {
        final List<StepSnapshot> kept = new ArrayList<>();
        long offered;
        long stride = 1;
        StepSnapshot newest;
    }

    /** A history keeping at most {@code capacity} (at least 4) evenly spaced snapshots per variant. */
    public DecimatedHistory(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be >= 4 (got " + capacity + ")");
        }
        this.capacity = capacity;
    }

    /** Offers the next snapshot of {@code variant} (in step order; a step not after the newest is ignored). */
    public void add(String variant, StepSnapshot snap) {
        if (snap.series().isEmpty()) {
            return;
        }
        Lane lane = lanes.computeIfAbsent(variant, v -> new Lane());
        if (lane.newest != null && snap.step() <= lane.newest.step()) {
            return;
        }
        lane.newest = snap;
        if (lane.offered++ % lane.stride != 0) {
            return;
        }
        if (lane.kept.size() >= capacity) {
            List<StepSnapshot> half = new ArrayList<>(capacity / 2 + 1);
            for (int i = 0; i < lane.kept.size(); i += 2) {
                half.add(lane.kept.get(i));
            }
            lane.kept.clear();
            lane.kept.addAll(half);
            lane.stride *= 2;
            if ((lane.offered - 1) % lane.stride != 0) {
                return;
            }
        }
        lane.kept.add(snap);
    }

    /** Sets the measured training steps per second of {@code variant}. */
    public void setStepsPerSecond(String variant, double value) {
        stepsPerSecond.put(variant, value);
    }

    /** The snapshots kept for {@code variant} so far, without the newest when it fell between strides. */
    public List<StepSnapshot> kept(String variant) {
        Lane lane = lanes.get(variant);
        return lane == null ? List.of() : List.copyOf(lane.kept);
    }

    /** The current stride of {@code variant}: one kept snapshot per this many offered. */
    public long stride(String variant) {
        Lane lane = lanes.get(variant);
        return lane == null ? 1 : lane.stride;
    }

    /** The per-variant capacity. */
    public int capacity() {
        return capacity;
    }

    /** The kept snapshots (and the newest of each variant) as a {@link RunHistory} that does not thin them again. */
    public RunHistory toRunHistory() {
        RunHistory h = new RunHistory(capacity + 2);
        for (Map.Entry<String, Lane> e : lanes.entrySet()) {
            for (StepSnapshot s : e.getValue().kept) {
                h.add(e.getKey(), s);
            }
            StepSnapshot newest = e.getValue().newest;
            if (newest != null) {
                h.add(e.getKey(), newest); // ignored when it is already the last kept
            }
        }
        for (Map.Entry<String, Double> e : stepsPerSecond.entrySet()) {
            h.setStepsPerSecond(e.getKey(), e.getValue());
        }
        return h;
    }
}
