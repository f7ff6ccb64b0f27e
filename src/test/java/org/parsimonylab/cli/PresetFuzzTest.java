package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetException;
import org.parsimonylab.preset.PresetLoader;

/**
 * Seeded fuzzing of the shipped presets: 1200 mutations (deleted keys, wrong types, out-of-range values, NaN and
 * Infinity, huge and tiny numbers, long strings, unicode, deep nesting, truncation, inconsistent pairs) go through the
 * loader, and the cheap accepted ones through {@code run --steps 2}: each is accepted or one line that names the file
 * (and, unless the JSON itself is broken, the field); never a stack trace, never a folder left behind.
 */
class PresetFuzzTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MUTATIONS = 1200;
    private static final int MAX_RUNS = 15;

    @TempDir
    Path tmp;

    record Mutation(String text, String description, String path, boolean broken) {}

    @Test
    void mutatedPresetsAreAcceptedOrOneLineErrors() throws IOException {
        List<Path> presets;
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            presets = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Random rng = new Random(1491L);
        int accepted = 0;
        int rejected = 0;
        int runs = 0;
        for (int i = 0; i < MUTATIONS; i++) {
            Path source = presets.get(rng.nextInt(presets.size()));
            Mutation m = mutate(Files.readString(source), rng);
            String name = "fuzz-" + i + "-" + source.getFileName();
            String what = name + " [" + m.description() + "]";
            Preset preset;
            try {
                preset = PresetLoader.parse(m.text(), name, List.of());
            } catch (PresetException e) {
                rejected++;
                String msg = e.getMessage();
                assertFalse(msg.contains("\n"), what + ": " + msg);
                assertTrue(msg.startsWith(name + ": "), what + ": " + msg);
                assertTrue(msg.length() <= 700, what + ": " + msg.length() + " characters");
                if (!m.broken()) {
                    assertTrue(
                            msg.substring(name.length())
                                    .matches("(?s).*\\b(data|network|training|metrics|variants|seed|name|title"
                                            + "|description|schemaVersion|--set)\\b.*"),
                            what + ": the message names no field: " + msg);
                }
                if (!m.broken() && m.path() != null) {
                    String leaf = m.path().substring(m.path().lastIndexOf('.') + 1);
                    String top = m.path().split("\\.")[0];
                    assertTrue(
                            msg.contains(leaf) || msg.contains(top) || msg.contains("variants"),
                            what + ": the message names no field: " + msg);
                }
                continue;
            } catch (RuntimeException | Error e) {
                fail(what + ": " + e, e);
                return;
            }
            accepted++;
            if (runs < MAX_RUNS && cheap(preset)) {
                runs++;
                Path file = Files.writeString(tmp.resolve(name), m.text());
                Path out = tmp.resolve("out-" + i);
                CliTest.Result r = CliTest.cli("run", file.toString(), "--out", out.toString(), "--steps", "2");
                List<String> errors =
                        r.err().lines().filter(l -> l.startsWith("error:")).toList();
                assertFalse(r.err().contains("\tat "), what + ": " + r.err());
                assertFalse(r.err().contains("unexpected"), what + ": " + r.err());
                assertTrue(errors.size() <= 1, what + ": " + r.err());
                assertTrue(
                        List.of(0, Main.EXIT_USER_ERROR, Main.EXIT_DIVERGED).contains(r.code()),
                        what + ": exit " + r.code() + " " + r.err());
                if (r.code() == Main.EXIT_USER_ERROR) {
                    assertFalse(Files.exists(out), what);
                }
                try (Stream<Path> left = Files.list(tmp)) {
                    assertTrue(
                            left.noneMatch(p -> p.getFileName().toString().contains(".partial-")),
                            what + ": partial folder left");
                }
            }
        }
        assertTrue(accepted > 50 && rejected > 300, "a mix: " + accepted + " accepted, " + rejected + " rejected");
        assertTrue(runs >= 8, "runs: " + runs);
    }

    /** Small enough for a 2-step run inside a test: few weights, few samples. */
    private static boolean cheap(Preset p) {
        RunEstimate e = RunEstimate.of(p.toExperiment(), 2, 0);
        return e.memoryBytes() < 50e6 && p.data().dim() <= 200;
    }

    // ---- mutations ----------------------------------------------------------------------------------------------

    private static Mutation mutate(String text, Random rng) throws IOException {
        int kind = rng.nextInt(12);
        if (kind == 0) {
            int cut = rng.nextInt(Math.max(1, text.length()));
            return new Mutation(text.substring(0, cut), "truncated at " + cut, null, true);
        }
        if (kind == 1) {
            // a raw non-JSON token in place of a number
            String[] tokens = {"NaN", "Infinity", "-Infinity", "1e400", "0x10", "1.2.3"};
            String token = tokens[rng.nextInt(tokens.length)];
            String replaced =
                    text.replaceFirst("(\"(?:width|dim|learningRate|scale|steps)\"\\s*:\\s*)[-0-9.eE]+", "$1" + token);
            return new Mutation(replaced, "raw token " + token, null, true);
        }
        ObjectNode root = (ObjectNode) JSON.readTree(text);
        List<String> paths = new ArrayList<>();
        leaves(root, "", paths);
        String path = paths.get(rng.nextInt(paths.size()));
        String description;
        switch (kind) {
            case 2 -> {
                remove(root, path);
                description = "deleted " + path;
            }
            case 3 -> {
                JsonNode[] wrong = {F.textNode("abc"), F.booleanNode(true), F.arrayNode(), F.objectNode(), F.nullNode()
                };
                JsonNode v = wrong[rng.nextInt(wrong.length)];
                set(root, path, v);
                description = path + " = " + v;
            }
            case 4 -> {
                double[] values = {-1, 0, 1e9, -1e9, 2147483648.0, 0.5, 1e6};
                double v = values[rng.nextInt(values.length)];
                set(root, path, v == Math.rint(v) && Math.abs(v) < 1e15 ? F.numberNode((long) v) : F.numberNode(v));
                description = path + " = " + v;
            }
            case 5 -> {
                String[] s = {"NaN", "Infinity", "-Infinity", "nan", "1e999"};
                String v = s[rng.nextInt(s.length)];
                set(root, path, F.textNode(v));
                description = path + " = \"" + v + "\"";
            }
            case 6 -> {
                double[] values = {1e300, 1e150, 1e-300, 1e-320, Double.MIN_VALUE, 1.7976931348623157e308, 1e-9};
                double v = values[rng.nextInt(values.length)];
                set(root, path, F.numberNode(v));
                description = path + " = " + v;
            }
            case 7 -> {
                String v = "x".repeat(1 + rng.nextInt(200_000));
                set(root, path, F.textNode(v));
                description = path + " = a string of " + v.length();
            }
            case 8 -> {
                String[] u = {"ß∑😀", "\u202Eevil", "名前", "\u0000nul", "e\u0301"};
                String v = u[rng.nextInt(u.length)];
                set(root, path, F.textNode(v));
                description = path + " = unicode";
            }
            case 9 -> {
                // written as text: Jackson's writer refuses to nest past 1000 itself
                int depth = 1 + rng.nextInt(1500);
                set(root, path, F.textNode("@NEST@"));
                String nested = "[".repeat(depth) + "1" + "]".repeat(depth);
                return new Mutation(
                        JSON.writeValueAsString(root).replace("\"@NEST@\"", nested),
                        path + " nested " + depth,
                        path,
                        depth >= 1000);
            }
            case 10 -> {
                // inconsistent pairs
                String[][] pairs = {
                    {"data.rank", "500"},
                    {"network.compression.rank", "5000"},
                    {"metrics.blockRank", "5000"},
                    {"metrics.referenceStep", "100000000"},
                    {"training.batchSize", "100000"},
                    {"network.width", "1"},
                    {"network.depth", "1"},
                    {"data.observedFraction", "1e-9"},
                    {"data.samples", "1"},
                    {"data.kind", "\"csv\""},
                    {"network.kind", "\"mlp\""},
                    {"network.compression.kind", "\"parsimony\""},
                    {"network.init.scale", "1e-300"},
                };
                String[] pick = pairs[rng.nextInt(pairs.length)];
                set(root, pick[0], JSON.readTree(pick[1]));
                description = pick[0] + " = " + pick[1];
                return new Mutation(JSON.writeValueAsString(root), description, null, false);
            }
            default -> {
                set(
                        root,
                        path.contains(".") ? path.substring(0, path.lastIndexOf('.')) + ".bogus" : "bogus",
                        F.numberNode(1));
                description = "unknown key next to " + path;
                path = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) + ".bogus" : "bogus";
            }
        }
        return new Mutation(JSON.writeValueAsString(root), description, path, false);
    }

    private static void leaves(JsonNode node, String prefix, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                leaves(e.getValue(), prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                leaves(node.get(i), prefix + "." + i, out);
            }
        } else {
            out.add(prefix);
        }
    }

    private static JsonNode parentOf(ObjectNode root, String path, boolean create) {
        String[] seg = path.split("\\.");
        JsonNode cur = root;
        for (int i = 0; i < seg.length - 1; i++) {
            JsonNode next = cur.isArray() ? cur.get(Integer.parseInt(seg[i])) : cur.get(seg[i]);
            if (next == null && create && cur instanceof ObjectNode o) {
                next = o.putObject(seg[i]);
            }
            if (next == null || !(next.isObject() || next.isArray())) {
                return null;
            }
            cur = next;
        }
        return cur;
    }

    private static void set(ObjectNode root, String path, JsonNode value) {
        JsonNode parent = parentOf(root, path, true);
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (parent instanceof ObjectNode o) {
            o.set(last, value);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(last), value);
        }
    }

    private static void remove(ObjectNode root, String path) {
        JsonNode parent = parentOf(root, path, false);
        String last = path.substring(path.lastIndexOf('.') + 1);
        if (parent instanceof ObjectNode o) {
            o.remove(last);
        } else if (parent instanceof ArrayNode a) {
            a.remove(Integer.parseInt(last));
        }
    }

    @Test
    void theGeneratorIsSeeded() throws IOException {
        String text = Files.readString(Path.of("presets/e1-law-of-parsimony.json"));
        assertEquals(
                mutate(text, new Random(7)).text(), mutate(text, new Random(7)).text());
    }
}
