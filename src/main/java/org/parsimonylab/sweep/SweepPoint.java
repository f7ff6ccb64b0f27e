package org.parsimonylab.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One run of a sweep: the {@code --set} overrides that make it, on top of the sweep's fixed ones.
 *
 * @param index position in the plan, 0-based (also the Slurm array index)
 * @param id folder name under {@code runs/}, e.g. {@code r0007}
 * @param trial the trial, i.e. {@code network.init.seedOffset} when the sweep has trials, else 0
 * @param variant the preset variant this run trains alone, or "" when the run trains all of the preset's variants
 * @param values the swept paths and their values in axis order
 * @param overrides the whole {@code --set} list of the run, in order (fixed ones first)
 */
public record SweepPoint(
        int index, String id, int trial, String variant, Map<String, String> values, List<String> overrides) {
    public SweepPoint {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        overrides = List.copyOf(overrides);
    }

    /** A short human label: {@code network.width=20 trial=1}. */
    public String label() {
        StringBuilder sb = new StringBuilder();
        values.forEach((k, v) ->
                sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        if (!variant.isEmpty()) {
            sb.append(sb.isEmpty() ? "" : " ").append("variant=").append(variant);
        }
        sb.append(sb.isEmpty() ? "" : " ").append("trial=").append(trial);
        return sb.toString();
    }
}
