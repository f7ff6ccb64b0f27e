package org.parsimonylab.session;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.metrics.StepSnapshot;

/**
 * The recorded snapshots of a run, per variant in step order: what figures are drawn from after the fact (headless
 * export, "Save run", "Open run"). Bounded: when a variant holds {@link #capacity()} snapshots, every other one goes
 * (the first and the newest always stay), so a long run in the app keeps an evenly thinned history in bounded memory.
 * Owned by one thread.
 */
public final class RunHistory {
    /** Snapshots kept per variant by default. */
    public static final int DEFAULT_CAPACITY = 4000;

    private final int capacity;
    private final Map<String, List<StepSnapshot>> byVariant = new LinkedHashMap<>();
    private final Map<String, Double> stepsPerSecond = new LinkedHashMap<>();

    /** An empty history of {@link #DEFAULT_CAPACITY} snapshots per variant. */
    public RunHistory() {
        this(DEFAULT_CAPACITY);
    }

    /** An empty history keeping at most {@code capacity} (at least 4) snapshots per variant. */
    public RunHistory(int capacity) {
        if (capacity < 4) {
            throw new IllegalArgumentException("capacity must be >= 4 (got " + capacity + ")");
        }
        this.capacity = capacity;
    }

    /**
     * Records {@code snapshot} of {@code variant}; a snapshot without metrics or not after the variant's last one (a
     * republished step) is ignored. Returns whether it was recorded.
     */
    public boolean add(String variant, StepSnapshot snapshot) {
        if (snapshot.series().isEmpty()) {
            return false;
        }
        List<StepSnapshot> list = byVariant.computeIfAbsent(variant, v -> new ArrayList<>());
        if (!list.isEmpty() && snapshot.step() <= list.get(list.size() - 1).step()) {
            return false;
        }
        if (list.size() >= capacity) {
            thin(list);
        }
        list.add(snapshot);
        return true;
    }

    private static void thin(List<StepSnapshot> list) {
        List<StepSnapshot> kept = new ArrayList<>(list.size() / 2 + 2);
        int last = list.size() - 1;
        for (int i = 0; i <= last; i++) {
            if (i % 2 == 0 || i == last) {
                kept.add(list.get(i));
            }
        }
        list.clear();
        list.addAll(kept);
    }

    /** Sets the measured training steps per second of {@code variant} (NaN when unknown). */
    public void setStepsPerSecond(String variant, double value) {
        stepsPerSecond.put(variant, value);
    }

    /** The measured training steps per second of {@code variant}, NaN when unknown. */
    public double stepsPerSecond(String variant) {
        return stepsPerSecond.getOrDefault(variant, Double.NaN);
    }

    /** The variants in the order they were first recorded. */
    public List<String> variants() {
        return List.copyOf(byVariant.keySet());
    }

    /** The snapshots of {@code variant} in step order (unmodifiable view; empty for an unknown variant). */
    public List<StepSnapshot> snapshots(String variant) {
        return Collections.unmodifiableList(byVariant.getOrDefault(variant, List.of()));
    }

    /** The newest snapshot of {@code variant}, or null. */
    public StepSnapshot last(String variant) {
        List<StepSnapshot> list = byVariant.get(variant);
        return list == null || list.isEmpty() ? null : list.get(list.size() - 1);
    }

    /** Whether nothing was recorded. */
    public boolean isEmpty() {
        return byVariant.isEmpty();
    }

    /** The per-variant capacity. */
    public int capacity() {
        return capacity;
    }

    /** Forgets everything (a new run). */
    public void clear() {
        byVariant.clear();
        stepsPerSecond.clear();
    }
}
