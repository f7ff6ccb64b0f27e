package org.parsimonylab.preset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;

/**
 * Reads presets: JSON (Java comments allowed) → schema version check and migration → {@code --set} overrides → merge
 * onto the defaults → strict key check → binding to the engine's spec records. Every failure is a
 * {@link PresetException} with one line that names the source and the field; nothing is printed.
 */
public final class PresetLoader {
    /** Class-path folder of the shipped presets (the project's {@code presets/} folder, packaged into the jar). */
    public static final String SHIPPED_FOLDER = "presets/";

    /**
     * Migrations keyed by the version they upgrade from: entry v turns a schema-v tree into a schema-(v+1) tree. Empty
     * while schema 1 is the only one; a rename in the schema adds an entry here and bumps {@link
     * Preset#SCHEMA_VERSION}.
     */
    private static final Map<Integer, UnaryOperator<ObjectNode>> MIGRATIONS = Map.of();

    /** Largest preset file read (a preset is a few KB; this stops a wrong file from filling the memory). */
    public static final long MAX_PRESET_BYTES = 16L << 20;

    private PresetLoader() {}

    /**
     * Loads the preset in {@code file} and applies the {@code --set} overrides ("dotted.path=value"); the file name as
     * given is the source named in error messages.
     */
    public static Preset load(Path file, List<String> overrides) {
        String source = file.toString();
        if (Files.isDirectory(file)) {
            throw new PresetException(source + ": is a folder, not a preset file");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new PresetException(source + ": not a regular file (a device, FIFO or socket); give a .json file");
        }
        String json;
        try {
            if (Files.size(file) > MAX_PRESET_BYTES) {
                throw new PresetException(source + ": " + Files.size(file) + " bytes, more than a preset may have ("
                        + MAX_PRESET_BYTES + ")");
            }
            json = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PresetException(source + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new PresetException(source + ": permission denied", e);
        } catch (CharacterCodingException e) {
            throw new PresetException(source + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw new PresetException(source + ": cannot be read (" + e.getMessage() + ")", e);
        }
        return parse(json, source, overrides);
    }

    /**
     * Parses a preset from {@code json} and applies the {@code --set} overrides; {@code sourceName} (a file name or
     * "clipboard") prefixes every error message.
     */
    public static Preset parse(String json, String sourceName, List<String> overrides) {
        try {
            ObjectNode doc = readObject(json);
            doc = migrate(doc, schemaVersion(doc));
            for (String override : overrides) {
                applyOverride(doc, override);
            }
            ObjectNode schema = PresetJson.defaults();
            ObjectNode merged = PresetJson.deepMerge(PresetJson.defaults(), doc);
            checkObject(merged, schema, "");
            Preset preset = bind(merged);
            PresetValidator.check(preset);
            return preset;
        } catch (IllegalArgumentException e) {
            throw new PresetException(sourceName + ": " + e.getMessage(), e);
        }
    }

    /** The file names of the shipped presets, in the order of {@code presets/index.txt} on the class path. */
    public static List<String> shipped() {
        String index = SHIPPED_FOLDER + "index.txt";
        String text = resource(index);
        if (text == null) {
            throw new PresetException(index + ": not on the class path");
        }
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank()) {
                names.add(line.strip());
            }
        }
        return List.copyOf(names);
    }

    /** Loads the shipped preset {@code fileName} (e.g. {@code e1-law-of-parsimony.json}) from the class path. */
    public static Preset loadShipped(String fileName, List<String> overrides) {
        String path = SHIPPED_FOLDER + fileName;
        String json = resource(path);
        if (json == null) {
            throw new PresetException(
                    path + ": no such shipped preset (shipped: " + String.join(", ", shipped()) + ")");
        }
        return parse(json, path, overrides);
    }

    private static String resource(String path) {
        try (InputStream in = PresetLoader.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new PresetException(path + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    private static ObjectNode readObject(String json) {
        // Editors on Windows like to start UTF-8 files with a byte-order mark, which JSON does not allow.
        String text = json.startsWith("\uFEFF") ? json.substring(1) : json;
        JsonNode root;
        try {
            root = PresetJson.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    e instanceof StreamConstraintsException limit ? beyondLimit(text, limit) : malformed(e), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException(
                    "is empty (a preset is a JSON object starting with \"schemaVersion\": 1)");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("a preset must be a JSON object (got "
                    + root.getNodeType().name().toLowerCase() + ")");
        }
        return (ObjectNode) root;
    }

    private static String malformed(JsonProcessingException e) {
        StringBuilder sb = new StringBuilder("malformed JSON");
        JsonLocation at = e.getLocation();
        if (at != null && at.getLineNr() > 0) {
            sb.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
        }
        if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            String where = dotted(parser.getParsingContext().pathAsPointer().toString());
            if (!where.isEmpty()) {
                sb.append(" (in ").append(where).append(')');
            }
        }
        return sb.append(": ")
                .append(PresetJson.firstLine(e.getOriginalMessage()))
                .toString();
    }

    /**
     * A document past one of Jackson's safety limits (a number of more than 1000 digits, nesting deeper than 1000, a
     * huge string) carries no position: the text is read again token by token to say which field broke the limit.
     */
    private static String beyondLimit(String text, StreamConstraintsException limit) {
        String where = "";
        JsonParser parser = null;
        try {
            parser = PresetJson.MAPPER.createParser(text);
            while (parser.nextToken() != null) {
                // read on until the limit is hit again
            }
        } catch (IOException e) {
            // the limit again: the parser's context is the field being read
        } finally {
            if (parser != null) {
                where = parser.getParsingContext().pathAsPointer().toString();
                try {
                    parser.close();
                } catch (IOException e) {
                    // a parser over a string has nothing to release
                }
            }
        }
        String[] seg = dotted(where).split("\\.");
        String field = seg.length > 6
                ? String.join(".", Arrays.copyOfRange(seg, 0, 3)) + ".… (" + seg.length + " levels)"
                : dotted(where);
        String msg = limit.getOriginalMessage() == null ? "" : limit.getOriginalMessage();
        String what;
        if (msg.startsWith("Number value length")) {
            what = "a number may have at most 1000 digits";
        } else if (msg.contains("nesting depth")) {
            what = "arrays and objects may nest at most 1000 levels deep";
        } else if (msg.startsWith("String value length")) {
            what = "the text is too long";
        } else {
            what = PresetJson.firstLine(msg).replaceAll(" \\(from `[^`]*`\\)", "");
        }
        return (field.isEmpty() ? "the document" : field) + ": " + what;
    }

    private static String dotted(String pointer) {
        return pointer.isEmpty()
                ? ""
                : pointer.substring(1).replace('/', '.').replace("~1", "/").replace("~0", "~");
    }

    private static int schemaVersion(ObjectNode doc) {
        JsonNode v = doc.get("schemaVersion");
        if (v == null) {
            throw new IllegalArgumentException(
                    "schemaVersion is missing (add \"schemaVersion\": " + Preset.SCHEMA_VERSION + " as the first key)");
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("schemaVersion must be an integer (got " + v + ")");
        }
        int version = v.intValue();
        if (version > Preset.SCHEMA_VERSION) {
            throw new IllegalArgumentException("schemaVersion " + version + " is newer than this app supports ("
                    + Preset.SCHEMA_VERSION + "); update Parsimony Lab");
        }
        if (version < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1 (got " + version + ")");
        }
        return version;
    }

    private static ObjectNode migrate(ObjectNode doc, int version) {
        ObjectNode current = doc;
        for (int v = version; v < Preset.SCHEMA_VERSION; v++) {
            UnaryOperator<ObjectNode> step = MIGRATIONS.get(v);
            if (step == null) {
                throw new IllegalArgumentException(
                        "schemaVersion " + version + " cannot be migrated (no migration from " + v + ")");
            }
            current = step.apply(current);
            current.put("schemaVersion", v + 1);
        }
        return current;
    }

    // ---- --set overrides ----------------------------------------------------------------------------------------

    private static void applyOverride(ObjectNode doc, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("--set '" + override + "' must have the form path=value");
        }
        String path = override.substring(0, eq).strip();
        String raw = override.substring(eq + 1);
        String where = "--set " + path;
        String[] seg = path.split("\\.", -1);
        for (String s : seg) {
            if (s.isEmpty()) {
                throw new IllegalArgumentException(where + ": empty segment in the path");
            }
        }
        ObjectNode schema = PresetJson.defaults();
        if (seg[0].equals("schemaVersion")) {
            throw new IllegalArgumentException(where + ": schemaVersion cannot be overridden");
        }
        if (seg[0].equals("variants") && seg.length > 1) {
            setInVariant(doc, seg, raw, where, schema);
        } else {
            setPath(doc, seg, 0, schema, raw, where);
        }
    }

    private static void setInVariant(ObjectNode doc, String[] seg, String raw, String where, ObjectNode schema) {
        JsonNode existing = doc.get("variants");
        ArrayNode variants;
        if (existing == null) {
            variants = doc.putArray("variants");
        } else if (existing instanceof ArrayNode array) {
            variants = array;
        } else {
            throw new IllegalArgumentException(where + ": variants must be an array (got " + existing + ")");
        }
        if (!seg[1].matches("\\d{1,9}")) {
            throw new IllegalArgumentException(
                    where + ": '" + seg[1] + "' is not a variant index (variants.0, variants.1, ...)");
        }
        int index = Integer.parseInt(seg[1]);
        if (index > variants.size()) {
            throw new IllegalArgumentException(where + ": variants." + index + " does not exist (the preset has "
                    + variants.size() + " variants; index " + variants.size() + " adds one)");
        }
        if (index == variants.size()) {
            variants.addObject();
        }
        if (seg.length == 2) {
            variants.set(index, value(raw, null));
            return;
        }
        if (!(variants.get(index) instanceof ObjectNode variant)) {
            throw new IllegalArgumentException(where + ": variants." + index + " is not an object");
        }
        ObjectNode variantSchema = PresetJson.MAPPER.createObjectNode();
        variantSchema.put("name", "");
        for (String section : PresetJson.VARIANT_KEYS.subList(1, PresetJson.VARIANT_KEYS.size())) {
            variantSchema.set(section, schema.get(section));
        }
        if (seg[2].equals("data") || seg[2].equals("seed")) {
            throw new IllegalArgumentException(
                    where + ": a variant cannot override " + seg[2] + " (all variants share data and seed)");
        }
        setPath(variant, seg, 2, variantSchema, raw, where);
    }

    /** Sets {@code seg[from..]} below {@code target}, checking every segment against the schema tree. */
    private static void setPath(
            ObjectNode target, String[] seg, int from, ObjectNode schema, String raw, String where) {
        ObjectNode t = target;
        JsonNode s = schema;
        for (int i = from; i < seg.length; i++) {
            String key = seg[i];
            String dotted = String.join(".", Arrays.copyOfRange(seg, 0, i + 1));
            if (!(s instanceof ObjectNode so)) {
                String parent = String.join(".", Arrays.copyOfRange(seg, 0, i));
                throw new IllegalArgumentException(
                        where + ": unknown key '" + dotted + "' (" + parent + " has no keys)");
            }
            if (!so.has(key)) {
                throw new IllegalArgumentException(
                        where + ": unknown key '" + dotted + "' (allowed: " + PresetJson.keys(so) + ")");
            }
            JsonNode childSchema = so.get(key);
            if (i == seg.length - 1) {
                t.set(key, value(raw, childSchema));
                return;
            }
            JsonNode child = t.get(key);
            if (child == null) {
                child = t.putObject(key);
            } else if (!child.isObject()) {
                throw new IllegalArgumentException(where + ": " + dotted + " is not an object (got " + child + ")");
            }
            t = (ObjectNode) child;
            s = childSchema;
        }
    }

    /**
     * The value of {@code --set path=raw}: a JSON value when it parses as one (40, 1e-3, true, "text"), else the raw
     * text, so {@code training.optimizer=adam} needs no quotes; a string field keeps unquoted input as text.
     */
    private static JsonNode value(String raw, JsonNode schemaLeaf) {
        if (schemaLeaf != null && schemaLeaf.isTextual() && !raw.strip().startsWith("\"")) {
            return TextNode.valueOf(raw);
        }
        try {
            JsonNode parsed = PresetJson.MAPPER.readTree(raw);
            if (parsed != null && !parsed.isMissingNode()) {
                return parsed;
            }
        } catch (JacksonException e) {
            // Not JSON: the value is the plain string, as documented.
        }
        return TextNode.valueOf(raw);
    }

    // ---- strict key check ---------------------------------------------------------------------------------------

    private static void checkObject(ObjectNode actual, ObjectNode schema, String prefix) {
        for (Map.Entry<String, JsonNode> e : actual.properties()) {
            String key = e.getKey();
            String path = prefix.isEmpty() ? key : prefix + "." + key;
            if (!schema.has(key)) {
                throw new IllegalArgumentException(
                        "unknown key '" + path + "' (allowed: " + PresetJson.keys(schema) + ")");
            }
            JsonNode value = e.getValue();
            JsonNode expected = schema.get(key);
            if (value.isNull()) {
                throw new IllegalArgumentException(path + " must not be null");
            }
            if (expected.isObject()) {
                if (!value.isObject()) {
                    throw new IllegalArgumentException(path + " must be an object (got " + value + ")");
                }
                checkObject((ObjectNode) value, (ObjectNode) expected, path);
            } else if (PresetJson.arrayElement(key) != null) {
                checkArray(value, PresetJson.arrayElement(key), path);
            } else if (prefix.isEmpty() && key.equals("variants")) {
                checkVariants(value, schema);
            }
        }
    }

    /** An array of records (e.g. {@code training.learningRateSchedule}): every entry has exactly the keys of one. */
    private static void checkArray(JsonNode value, ObjectNode element, String path) {
        if (!value.isArray()) {
            throw new IllegalArgumentException(path + " must be an array (got " + value + ")");
        }
        for (int i = 0; i < value.size(); i++) {
            String at = path + "." + i;
            if (!(value.get(i) instanceof ObjectNode entry)) {
                throw new IllegalArgumentException(at + " must be an object with the keys " + PresetJson.keys(element)
                        + " (got " + value.get(i) + ")");
            }
            checkObject(entry, element, at);
            for (String key : (Iterable<String>) element::fieldNames) {
                if (!entry.has(key)) {
                    throw new IllegalArgumentException(
                            at + "." + key + " is missing (each entry has " + PresetJson.keys(element) + ")");
                }
            }
        }
    }

    private static void checkVariants(JsonNode variants, ObjectNode schema) {
        if (!variants.isArray()) {
            throw new IllegalArgumentException("variants must be an array (got " + variants + ")");
        }
        for (int i = 0; i < variants.size(); i++) {
            String at = "variants." + i;
            JsonNode v = variants.get(i);
            if (!v.isObject()) {
                throw new IllegalArgumentException(at + " must be an object with a name (got " + v + ")");
            }
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                String key = e.getKey();
                String path = at + "." + key;
                JsonNode value = e.getValue();
                if (key.equals("data") || key.equals("seed")) {
                    throw new IllegalArgumentException(
                            path + " cannot be overridden in a variant (all variants share data and seed)");
                }
                if (!PresetJson.VARIANT_KEYS.contains(key)) {
                    throw new IllegalArgumentException(
                            "unknown key '" + path + "' (allowed: " + String.join(", ", PresetJson.VARIANT_KEYS) + ")");
                }
                if (key.equals("name")) {
                    if (!value.isTextual()) {
                        throw new IllegalArgumentException(path + " must be a string (got " + value + ")");
                    }
                    continue;
                }
                if (!value.isObject()) {
                    throw new IllegalArgumentException(path + " must be an object (got " + value + ")");
                }
                checkObject((ObjectNode) value, (ObjectNode) schema.get(key), path);
            }
            if (!v.has("name")) {
                throw new IllegalArgumentException(at + ".name is missing (every variant needs a unique name)");
            }
        }
    }

    // ---- binding ------------------------------------------------------------------------------------------------

    private static Preset bind(ObjectNode merged) {
        String name = text(merged, "name");
        String title = text(merged, "title");
        String description = text(merged, "description");
        JsonNode seedNode = merged.get("seed");
        if (!seedNode.isIntegralNumber()) {
            throw new IllegalArgumentException("seed must be an integer (got " + seedNode + ")");
        }
        if (!seedNode.canConvertToLong()) {
            throw new IllegalArgumentException("seed must be an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE
                    + "] (got " + seedNode + ")");
        }
        DataSpec data = PresetJson.bind(merged.get("data"), DataSpec.class, "data");
        NetworkSpec network = PresetJson.bind(merged.get("network"), NetworkSpec.class, "network");
        TrainingSpec training = PresetJson.bind(merged.get("training"), TrainingSpec.class, "training");
        MetricsSpec metrics = PresetJson.bind(merged.get("metrics"), MetricsSpec.class, "metrics");
        List<Preset.Variant> variants = new ArrayList<>();
        for (JsonNode v : merged.get("variants")) {
            ObjectNode overrides = ((ObjectNode) v).deepCopy();
            String variantName = overrides.remove("name").textValue();
            variants.add(new Preset.Variant(variantName, overrides));
        }
        return new Preset(
                Preset.SCHEMA_VERSION,
                name,
                title,
                description,
                seedNode.longValue(),
                data,
                network,
                training,
                metrics,
                variants);
    }

    private static String text(ObjectNode node, String key) {
        JsonNode value = node.get(key);
        if (!value.isTextual()) {
            throw new IllegalArgumentException(key + " must be a string (got " + value + ")");
        }
        return value.textValue();
    }
}
