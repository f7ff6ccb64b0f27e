package org.parsimonylab.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/**
 * {@code figures.json}: for every file {@code figures} writes, the chart kind, the variant(s) and layer it shows, the
 * metric(s) it draws (as named in metrics.csv) and the paper figure it reproduces (the preset's "Reproduces …"
 * sentence), so a slide or a script can find the file that shows a given claim.
 */
public final class FigureManifest {
    /** The file name the manifest is written under, beside the figures. */
    public static final String FILE_NAME = "figures.json";

    /**
     * One written file.
     *
     * @param file the file name (no folder)
     * @param format its extension: png, svg, pdf, csv, gif, mp4
     * @param key the figure's key, e.g. {@code sv-W1-gelu}
     * @param kind the chart kind: the key without layer and variant, e.g. {@code sv}
     * @param layer the weight layer drawn (1-based), or null when the chart is not of one layer
     * @param variant the one variant drawn, or null when the chart draws several (then see {@code variants})
     * @param variants every variant drawn
     * @param metrics the metrics drawn, as named in metrics.csv
     * @param animated whether the file is an animation of the chart over the run
     * @param reproduces the paper figure, from the preset's "Reproduces …" sentence (empty if it has none)
     */
    public record Entry(
            String file,
            String format,
            String key,
            String kind,
            Integer layer,
            String variant,
            List<String> variants,
            List<String> metrics,
            boolean animated,
            String reproduces) {}

    private static final Pattern LAYER = Pattern.compile("-W(\\d+)$");

    /** Which recorded metrics a chart kind draws; kinds not listed draw the metrics their key names. */
    private static final Map<String, Predicate<String>> KIND_METRICS = new LinkedHashMap<>();

    static {
        KIND_METRICS.put("loss", "loss"::equals);
        KIND_METRICS.put("variants", "loss"::equals);
        KIND_METRICS.put("spectrum", "sv"::equals);
        KIND_METRICS.put("sv", n -> n.equals("sv") || n.equals("sv-predicted-top"));
        KIND_METRICS.put("waterfall", "sv"::equals);
        KIND_METRICS.put("angles", n -> n.equals("alignment-rad") || n.startsWith("angle-") && n.endsWith("-rad"));
        KIND_METRICS.put("update-energy", n -> n.startsWith("update-energy-"));
        KIND_METRICS.put("trajectory", "trajectory"::equals);
        KIND_METRICS.put("separation", n -> n.equals("separation") || n.startsWith("separation-fit-"));
    }

    private final String reproduces;
    private final List<Entry> entries = new ArrayList<>();

    /** A manifest for figures of a preset whose description is {@code description} (may be null). */
    public FigureManifest(String description) {
        this.reproduces = reproduces(description);
    }

    /** The "Reproduces …" sentence of a preset description, or "" if it has none. */
    public static String reproduces(String description) {
        if (description == null) {
            return "";
        }
        int start = description.indexOf("Reproduces ");
        if (start < 0) {
            return "";
        }
        int depth = 0;
        for (int i = start; i < description.length(); i++) {
            char c = description.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth = Math.max(0, depth - 1);
            } else if (c == '.' && depth == 0) {
                // A sentence ends at a '.' followed by the end or a space and a capital ("et al. 2024" goes on).
                boolean end = i + 1 == description.length()
                        || description.charAt(i + 1) == ' '
                                && i + 2 < description.length()
                                && Character.isUpperCase(description.charAt(i + 2));
                if (end) {
                    return description.substring(start, i + 1);
                }
            }
        }
        return description.substring(start).strip();
    }

    /** Adds the files of figure {@code key} of {@code history} (a still figure, or an animation if animated). */
    public void add(List<Path> files, String key, RunHistory history, boolean animated) {
        List<String> all = history.variants();
        String variant = null;
        String base = key;
        if (all.size() > 1) {
            // Longest first, so that variant "gelu-2" is not read as "2" of "gelu".
            List<String> byLength = new ArrayList<>(all);
            byLength.sort(Comparator.comparingInt(String::length).reversed());
            for (String v : byLength) {
                if (key.endsWith("-" + v)) {
                    variant = v;
                    base = key.substring(0, key.length() - v.length() - 1);
                    break;
                }
            }
        } else {
            variant = all.isEmpty() ? null : all.get(0);
        }
        Integer layer = null;
        String kind = base;
        Matcher m = LAYER.matcher(base);
        if (m.find()) {
            layer = Integer.parseInt(m.group(1));
            kind = base.substring(0, m.start());
        }
        List<String> drawn = variant == null ? all : List.of(variant);
        List<String> metrics = metrics(kind, key, layer, drawn, history);
        for (Path f : files) {
            String name = f.getFileName().toString();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            entries.add(new Entry(name, ext, key, kind, layer, variant, drawn, metrics, animated, reproduces));
        }
    }

    /** The entries so far, in the order added. */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Writes {@code figures.json} into {@code dir}; returns its path. */
    public Path write(Path dir, String preset, String generator) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("preset", preset);
        root.put("generator", generator);
        root.put("reproduces", reproduces);
        root.put("files", entries);
        byte[] json =
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        return AtomicFiles.write(dir.resolve(FILE_NAME), json);
    }

    private static List<String> metrics(
            String kind, String key, Integer layer, List<String> variants, RunHistory history) {
        Predicate<String> known = KIND_METRICS.get(kind);
        Set<String> out = new LinkedHashSet<>();
        for (String v : variants) {
            for (StepSnapshot s : history.snapshots(v)) {
                for (MetricSeries series : s.series()) {
                    String n = series.name();
                    boolean ofLayer =
                            layer == null || series.layer() == layer || series.layer() == MetricSeries.NO_LAYER;
                    boolean match = known != null ? known.test(n) : key.contains(n);
                    if (match && ofLayer) {
                        out.add(n);
                    }
                }
            }
        }
        return new ArrayList<>(out);
    }
}
