package org.parsimonylab.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.session.ExperimentSpec;

/**
 * What a sweep runs (plan.json): the preset file, the fixed overrides, the swept axes, the trials, and one
 * {@link SweepPoint} per run in the order cartesian product of the axes (first axis outermost) × preset variants ×
 * trials (innermost, so the trials of a point are neighbours). Every point is checked when the plan is built: its
 * preset loads, and no two points train the same networks (which happens when a preset's variants override a swept
 * field).
 *
 * @param presetFile absolute path of the preset file every run reads
 * @param presetSha256 hash of the preset file when the plan was made; a changed file is refused on resume
 * @param presetName the preset's name (figure file prefix)
 * @param steps {@code --steps} for every run, 0 for the preset's own
 * @param backend {@code --backend} for every run
 * @param fixed {@code --set} overrides of every run
 * @param axes the swept fields
 * @param trials number of trials ({@code network.init.seedOffset} 0..trials-1), 0 for none
 * @param eachVariant whether each of the preset's variants runs alone (its own point)
 * @param points the runs
 */
public record SweepPlan(
        Path presetFile,
        String presetSha256,
        String presetName,
        long steps,
        String backend,
        List<String> fixed,
        List<GridAxis> axes,
        int trials,
        boolean eachVariant,
        List<SweepPoint> points) {
    /** Version of the plan.json layout. */
    public static final int VERSION = 1;

    /** Most runs one sweep may plan. */
    public static final int MAX_RUNS = 1_000_000;

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private static final String SEED_OFFSET = "network.init.seedOffset";

    public SweepPlan {
        fixed = List.copyOf(fixed);
        axes = List.copyOf(axes);
        points = List.copyOf(points);
    }

    /**
     * Plans a sweep of {@code preset}: checks every point's preset and that the points differ.
     *
     * @throws IllegalArgumentException (or {@link org.parsimonylab.preset.PresetException}) naming the option and
     *     value at fault
     */
    public static SweepPlan build(
            Path preset,
            List<String> fixed,
            List<GridAxis> axes,
            int trials,
            boolean eachVariant,
            long steps,
            String backend)
            throws IOException {
        if (trials < 0) {
            throw new IllegalArgumentException("--trials must be >= 1 (got " + trials + ")");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("--steps must be >= 0 (got " + steps + ")");
        }
        Path file = preset.toAbsolutePath().normalize();
        Preset base = PresetLoader.load(preset, fixed);
        List<String> seen = new ArrayList<>();
        for (GridAxis a : axes) {
            if (seen.contains(a.path())) {
                throw new IllegalArgumentException("--grid " + a.path() + " is given twice");
            }
            seen.add(a.path());
        }
        if (trials > 0) {
            if (seen.contains(SEED_OFFSET)) {
                throw new IllegalArgumentException("--trials and --grid " + SEED_OFFSET + " both set the seed offset");
            }
            if (fixed.stream().anyMatch(s -> s.strip().startsWith(SEED_OFFSET + "="))) {
                throw new IllegalArgumentException("--trials and --set " + SEED_OFFSET + " both set the seed offset");
            }
        }
        List<Preset.Variant> variants = base.variants();
        if (eachVariant && variants.isEmpty()) {
            throw new IllegalArgumentException(
                    "--each-variant: " + preset + " has no variants (it trains one network); use --grid instead");
        }
        long count = (long) Math.max(1, trials) * (eachVariant ? variants.size() : 1);
        for (GridAxis a : axes) {
            count *= a.values().size();
            if (count > MAX_RUNS) {
                break;
            }
        }
        if (count > MAX_RUNS) {
            throw new IllegalArgumentException("the sweep has more than " + MAX_RUNS + " runs; split it");
        }
        int digits = Math.max(4, Long.toString(count - 1).length());
        List<SweepPoint> points = new ArrayList<>();
        Map<ExperimentSpec, SweepPoint> distinct = new HashMap<>();
        int[] at = new int[axes.size()];
        for (long n = 0; n < count; ) {
            for (int v = 0; v < (eachVariant ? variants.size() : 1); v++) {
                for (int t = 0; t < Math.max(1, trials); t++, n++) {
                    Map<String, String> values = new LinkedHashMap<>();
                    List<String> overrides = new ArrayList<>(fixed);
                    for (int a = 0; a < axes.size(); a++) {
                        String value = axes.get(a).values().get(at[a]);
                        values.put(axes.get(a).path(), value);
                        overrides.add(axes.get(a).path() + "=" + value);
                    }
                    String variant = "";
                    if (eachVariant) {
                        variant = variants.get(v).name();
                        overrides.add("variants=" + variantJson(variants.get(v)));
                    }
                    if (trials > 0) {
                        overrides.add(SEED_OFFSET + "=" + t);
                    }
                    int index = points.size();
                    String id = "r" + String.format("%0" + digits + "d", index);
                    SweepPoint p = new SweepPoint(index, id, t, variant, values, overrides);
                    ExperimentSpec spec = PresetLoader.load(preset, overrides).toExperiment();
                    SweepPoint twin = distinct.putIfAbsent(spec, p);
                    if (twin != null) {
                        throw new IllegalArgumentException("runs " + twin.id() + " (" + twin.label() + ") and " + p.id()
                                + " (" + p.label() + ") would train the same networks: the preset's variants"
                                + " override a swept field (use --each-variant or sweep variants.N.<path>)");
                    }
                    points.add(p);
                }
            }
            for (int a = axes.size() - 1; a >= 0; a--) {
                if (++at[a] < axes.get(a).values().size()) {
                    break;
                }
                at[a] = 0;
            }
        }
        return new SweepPlan(file, sha256(file), base.name(), steps, backend, fixed, axes, trials, eachVariant, points);
    }

    private static String variantJson(Preset.Variant v) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", v.name());
        node.setAll(v.overrides());
        ArrayNode array = JSON.createArrayNode();
        array.add(node);
        return array.toString();
    }

    /** The arguments of the {@code run} command for {@code point}, writing into {@code runFolder}. */
    public List<String> runArguments(SweepPoint point, Path runFolder) {
        List<String> args = new ArrayList<>();
        args.add("run");
        args.add(presetFile.toString());
        args.add("--out");
        args.add(runFolder.toAbsolutePath().normalize().toString());
        if (steps > 0) {
            args.add("--steps");
            args.add(Long.toString(steps));
        }
        args.add("--backend");
        args.add(backend);
        for (String s : point.overrides()) {
            args.add("--set");
            args.add(s);
        }
        return args;
    }

    /** The swept paths, in axis order. */
    public List<String> axisPaths() {
        return axes.stream().map(GridAxis::path).toList();
    }

    /** SHA-256 of a file, hex. */
    public static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** Fails when the preset file changed since the plan was made (a resumed sweep would mix two presets). */
    public void checkPresetUnchanged() throws IOException {
        String now;
        try {
            now = sha256(presetFile);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(presetFile + ": the sweep's preset file is gone");
        }
        if (!now.equals(presetSha256)) {
            throw new IllegalArgumentException(presetFile + ": changed since the sweep was planned; restore it or"
                    + " start a new sweep in another --out folder");
        }
    }

    /** Whether {@code other} runs the same thing (same preset, steps, backend and points). */
    public boolean sameRuns(SweepPlan other) {
        return presetFile.equals(other.presetFile)
                && presetSha256.equals(other.presetSha256)
                && steps == other.steps
                && backend.equals(other.backend)
                && points.equals(other.points);
    }

    /** The plan as JSON text. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", VERSION);
        root.put("preset", presetFile.toString());
        root.put("presetSha256", presetSha256);
        root.put("presetName", presetName);
        root.put("steps", steps);
        root.put("backend", backend);
        ArrayNode f = root.putArray("set");
        fixed.forEach(f::add);
        ArrayNode ax = root.putArray("grid");
        for (GridAxis a : axes) {
            ObjectNode o = ax.addObject();
            o.put("path", a.path());
            ArrayNode vs = o.putArray("values");
            a.values().forEach(vs::add);
        }
        root.put("trials", trials);
        root.put("eachVariant", eachVariant);
        ArrayNode runs = root.putArray("runs");
        for (SweepPoint p : points) {
            ObjectNode o = runs.addObject();
            o.put("index", p.index());
            o.put("id", p.id());
            o.put("trial", p.trial());
            o.put("variant", p.variant());
            ObjectNode vs = o.putObject("values");
            p.values().forEach(vs::put);
            ArrayNode os = o.putArray("set");
            p.overrides().forEach(os::add);
        }
        try {
            return JSON.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }

    /** Reads plan.json; a missing or malformed file is an IOException naming it. */
    public static SweepPlan read(Path file) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(
                    file.getParent() + ": not a sweep folder (no plan.json; `sweep PRESET --out DIR` makes one)");
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(file + ": malformed plan (" + e.getOriginalMessage() + ")", e);
        }
        try {
            if (root.path("version").asInt() != VERSION) {
                throw new IOException(
                        file + ": plan version " + root.path("version") + " (this app reads " + VERSION + ")");
            }
            List<String> fixed = strings(root.get("set"));
            List<GridAxis> axes = new ArrayList<>();
            for (JsonNode a : root.get("grid")) {
                axes.add(new GridAxis(a.get("path").asText(), strings(a.get("values"))));
            }
            List<SweepPoint> points = new ArrayList<>();
            for (JsonNode r : root.get("runs")) {
                Map<String, String> values = new LinkedHashMap<>();
                r.get("values")
                        .properties()
                        .forEach(e -> values.put(e.getKey(), e.getValue().asText()));
                points.add(new SweepPoint(
                        r.get("index").asInt(),
                        r.get("id").asText(),
                        r.get("trial").asInt(),
                        r.get("variant").asText(),
                        values,
                        strings(r.get("set"))));
            }
            return new SweepPlan(
                    Path.of(root.get("preset").asText()),
                    root.get("presetSha256").asText(),
                    root.get("presetName").asText(),
                    root.get("steps").asLong(),
                    root.get("backend").asText(),
                    fixed,
                    axes,
                    root.get("trials").asInt(),
                    root.get("eachVariant").asBoolean(),
                    points);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw new IOException(file + ": incomplete plan (" + e.getMessage() + ")", e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }
}
