package org.parsimonylab.preset;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parsimonylab.engine.Labeled;
import org.parsimonylab.engine.data.DataSpec;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.LearningRateChange;
import org.parsimonylab.engine.train.TrainingSpec;
import org.parsimonylab.metrics.MetricsSpec;

/**
 * The JSON machinery shared by the loader, the writer and {@link Preset}: one configured mapper, the schema-1 defaults
 * tree, deep merge, and binding of a section to its spec record with one-line, field-naming error messages.
 */
final class PresetJson {
    /** Sections a variant may override, with the record each binds to. */
    static final Map<String, Class<? extends Record>> VARIANT_SECTIONS =
            Map.of("network", NetworkSpec.class, "training", TrainingSpec.class, "metrics", MetricsSpec.class);

    /** Keys of a variant object, in the order they are written and listed in errors. */
    static final List<String> VARIANT_KEYS = List.of("name", "network", "training", "metrics");

    /**
     * Strict on purpose: comments are the only leniency; duplicate keys, trailing garbage, strings for numbers and
     * fractions for integers are errors, because a preset that silently means something else is worse than none.
     */
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .addModule(new LabeledModule())
            .build();

    private static final ObjectNode DEFAULTS = buildDefaults();

    /** Arrays of records, by key, with the schema of one entry (the defaults tree only shows them empty). */
    private static final Map<String, ObjectNode> ARRAY_ELEMENTS =
            Map.of("learningRateSchedule", tree(new LearningRateChange(0, 1.0)));

    /** The schema of one entry of the record array at {@code key}, or null when {@code key} is no such array. */
    static ObjectNode arrayElement(String key) {
        ObjectNode e = ARRAY_ELEMENTS.get(key);
        return e == null ? null : e.deepCopy();
    }

    private PresetJson() {}

    /** A fresh copy of the fully defaulted schema-1 tree; its shape is the schema (keys, nesting, order). */
    static ObjectNode defaults() {
        return DEFAULTS.deepCopy();
    }

    private static ObjectNode buildDefaults() {
        ObjectNode d = MAPPER.createObjectNode();
        d.put("schemaVersion", Preset.SCHEMA_VERSION);
        d.put("name", Preset.DEFAULT_NAME);
        d.put("title", "");
        d.put("description", "");
        d.put("seed", 0L);
        d.set("data", tree(DataSpec.defaults()));
        d.set("network", tree(NetworkSpec.defaults()));
        d.set("training", tree(TrainingSpec.defaults()));
        d.set("metrics", tree(MetricsSpec.defaults()));
        d.putArray("variants");
        return d;
    }

    /** The record as a JSON object, enums as labels, keys in component order. */
    static ObjectNode tree(Record spec) {
        return MAPPER.valueToTree(spec);
    }

    /** Merges {@code over} into {@code base} in place: objects merge key by key, anything else replaces. */
    static ObjectNode deepMerge(ObjectNode base, ObjectNode over) {
        for (Map.Entry<String, JsonNode> e : over.properties()) {
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode oldObject && e.getValue() instanceof ObjectNode newObject) {
                deepMerge(oldObject, newObject);
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
        return base;
    }

    /** The keys of an object node, comma separated, for "allowed: ..." lists. */
    static String keys(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    /**
     * Binds {@code node} to {@code type}; any failure becomes an {@link IllegalArgumentException} whose one-line
     * message starts with the full dotted path of the field ({@code path} is the section's own path).
     */
    static <T extends Record> T bind(JsonNode node, Class<T> type, String path) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(describe(e, node, type, path), e);
        } catch (IllegalArgumentException e) {
            // treeToValue wraps some problems in IllegalArgumentException; the Jackson cause carries the path.
            if (e.getCause() instanceof JacksonException je) {
                throw new IllegalArgumentException(describe(je, node, type, path), e);
            }
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    private static String describe(JacksonException e, JsonNode root, Class<?> type, String path) {
        List<String> fields = new ArrayList<>();
        if (e instanceof JsonMappingException jme) {
            for (JsonMappingException.Reference ref : jme.getPath()) {
                fields.add(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
            }
        } else if (e.getProcessor() instanceof JsonParser parser && parser.getParsingContext() != null) {
            // Stream-level errors (e.g. an int overflow) carry no reference path, only the parser position.
            for (String s :
                    parser.getParsingContext().pathAsPointer().toString().split("/")) {
                if (!s.isEmpty()) {
                    fields.add(s);
                }
            }
        }
        IllegalArgumentException invalid = causeOfType(e, IllegalArgumentException.class);
        if (invalid != null) {
            // The spec record's compact constructor rejected a value: its message starts with the field name,
            // the Jackson path says which nested record (e.g. init) threw.
            return join(path, fields) + "." + invalid.getMessage();
        }
        if (e instanceof UnrecognizedPropertyException upe) {
            fields.remove(fields.size() - 1);
            String owner = join(path, fields);
            List<String> allowed = new ArrayList<>();
            Class<?> owning = upe.getReferringClass();
            if (owning != null && owning.isRecord()) {
                for (RecordComponent rc : owning.getRecordComponents()) {
                    allowed.add(rc.getName());
                }
            }
            return "unknown key '" + owner + "." + upe.getPropertyName() + "' (allowed: " + String.join(", ", allowed)
                    + ")";
        }
        String full = join(path, fields);
        JsonNode got = root.at(pointer(fields));
        Class<?> expected = componentType(type, fields);
        if (expected == null) {
            return full + ": " + firstLine(e.getOriginalMessage());
        }
        return full + " must be " + expectation(expected, got) + " (got " + render(got, expected) + ")";
    }

    private static <X extends Throwable> X causeOfType(Throwable t, Class<X> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    private static String join(String path, List<String> fields) {
        StringBuilder sb = new StringBuilder(path);
        for (String f : fields) {
            sb.append(sb.length() == 0 ? "" : ".").append(f);
        }
        return sb.toString();
    }

    private static String pointer(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (String f : fields) {
            sb.append('/').append(f.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    /** The Java type of the record component at {@code fields} below {@code type}, or null if there is none. */
    private static Class<?> componentType(Class<?> type, List<String> fields) {
        Class<?> current = type;
        for (String f : fields) {
            if (!current.isRecord()) {
                return null;
            }
            Class<?> next = null;
            for (RecordComponent rc : current.getRecordComponents()) {
                if (rc.getName().equals(f)) {
                    next = rc.getType();
                }
            }
            if (next == null) {
                return null;
            }
            current = next;
        }
        return current;
    }

    private static String expectation(Class<?> expected, JsonNode got) {
        if (expected == int.class || expected == Integer.class) {
            return got.isIntegralNumber()
                    ? "an integer in [" + Integer.MIN_VALUE + ", " + Integer.MAX_VALUE + "]"
                    : "an integer";
        }
        if (expected == long.class || expected == Long.class) {
            return got.isIntegralNumber()
                    ? "an integer in [" + Long.MIN_VALUE + ", " + Long.MAX_VALUE + "]"
                    : "an integer";
        }
        if (expected == double.class || expected == Double.class || expected == float.class) {
            return "a number";
        }
        if (expected == boolean.class || expected == Boolean.class) {
            return "true or false";
        }
        if (expected == String.class) {
            return "a string";
        }
        if (expected.isEnum() && Labeled.class.isAssignableFrom(expected)) {
            List<String> labels = new ArrayList<>();
            for (Object c : expected.getEnumConstants()) {
                labels.add(((Labeled) c).label());
            }
            return "one of " + String.join("|", labels);
        }
        if (expected.isRecord()) {
            return "an object";
        }
        return "a " + expected.getSimpleName();
    }

    /** The offending value as the user wrote it; labels are quoted like {@link Labeled#byLabel} does. */
    private static String render(JsonNode got, Class<?> expected) {
        if (got.isMissingNode()) {
            return "nothing";
        }
        if (got.isTextual() && expected.isEnum()) {
            return "'" + got.textValue() + "'";
        }
        String s = got.toString();
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    /** Two-space indentation, {@code "key": value}, one array element per line, {@code []} for empty arrays. */
    static DefaultPrettyPrinter prettyPrinter() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        Separators separators = Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withArrayEmptySeparator("")
                .withObjectEmptySeparator("");
        return new DefaultPrettyPrinter(separators).withObjectIndenter(indenter).withArrayIndenter(indenter);
    }
}
