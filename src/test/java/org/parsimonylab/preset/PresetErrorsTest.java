package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every user error is one line that names the source and the field (DESIGN.md §5). */
class PresetErrorsTest {
    private static String error(String json) {
        PresetException e = assertThrows(PresetException.class, () -> PresetLoader.parse(json, "x.json", List.of()));
        String message = e.getMessage();
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
        assertTrue(message.startsWith("x.json: "), "names the source: " + message);
        return message;
    }

    @Test
    void malformedJsonGivesLineAndColumn() {
        String message = error("{\"schemaVersion\": 1,\n  \"network\": {\n    \"width\" 3 }}");
        assertTrue(message.startsWith("x.json: malformed JSON at line 3, column 13"), message);
        assertTrue(message.contains("network"), message);
    }

    @Test
    void duplicateKeysAreMalformed() {
        String message = error("{\"schemaVersion\": 1, \"seed\": 1, \"seed\": 2}");
        assertTrue(message.contains("malformed JSON") && message.contains("'seed'"), message);
    }

    @Test
    void javaCommentsAreAllowed() {
        Preset p = PresetLoader.parse(
                "// law of parsimony\n{\"schemaVersion\": 1, /* the width */ \"network\": {\"width\": 8}}",
                "c.json",
                List.of());
        assertEquals(8, p.network().width());
    }

    @Test
    void unknownNestedKeyIsNamedWithTheAllowedKeys() {
        String message = error("{\"schemaVersion\": 1, \"network\": {\"init\": {\"scael\": 2}}}");
        assertEquals("x.json: unknown key 'network.init.scael' (allowed: kind, scale, lastScale, seedOffset)", message);
    }

    @Test
    void unknownTopLevelKeyIsNamed() {
        String message = error("{\"schemaVersion\": 1, \"dataa\": {}}");
        assertTrue(message.startsWith("x.json: unknown key 'dataa' (allowed: schemaVersion, name,"), message);
    }

    @Test
    void unknownKeyInsideAVariantIsNamed() {
        String message =
                error("{\"schemaVersion\": 1, \"variants\": [{\"name\": \"a\", \"network\": {\"widht\": 3}}]}");
        assertTrue(message.startsWith("x.json: unknown key 'variants.0.network.widht' (allowed: kind,"), message);
    }

    @Test
    void widthZeroIsOutOfRange() {
        assertEquals(
                "x.json: network.width must be in [1, 10000] (got 0)",
                error("{\"schemaVersion\": 1, \"network\": {\"width\": 0}}"));
    }

    @Test
    void negativeLearningRateIsRejected() {
        assertEquals(
                "x.json: training.learningRate must be a positive finite number (got -0.1)",
                error("{\"schemaVersion\": 1, \"training\": {\"learningRate\": -0.1}}"));
    }

    @Test
    void nestedRecordErrorsNameTheFullPath() {
        assertEquals(
                "x.json: network.init.scale must be a positive finite number (got 0.0)",
                error("{\"schemaVersion\": 1, \"network\": {\"init\": {\"scale\": 0}}}"));
    }

    @Test
    void wrongTypeNamesTheExpectedType() {
        assertEquals(
                "x.json: training.learningRate must be a number (got \"fast\")",
                error("{\"schemaVersion\": 1, \"training\": {\"learningRate\": \"fast\"}}"));
        assertEquals(
                "x.json: network.depth must be an integer (got 2.5)",
                error("{\"schemaVersion\": 1, \"network\": {\"depth\": 2.5}}"));
        assertEquals(
                "x.json: data.whiten must be true or false (got \"yes\")",
                error("{\"schemaVersion\": 1, \"data\": {\"whiten\": \"yes\"}}"));
        assertEquals("x.json: network must be an object (got 3)", error("{\"schemaVersion\": 1, \"network\": 3}"));
        assertEquals("x.json: name must be a string (got 5)", error("{\"schemaVersion\": 1, \"name\": 5}"));
    }

    @Test
    void unknownLabelListsTheAllowedLabels() {
        assertEquals(
                "x.json: training.optimizer must be one of gd|momentum|adam (got 'sgd')",
                error("{\"schemaVersion\": 1, \"training\": {\"optimizer\": \"sgd\"}}"));
    }

    @Test
    void nullIsNotAValue() {
        assertEquals(
                "x.json: metrics.every must not be null",
                error("{\"schemaVersion\": 1, \"metrics\": {\"every\": null}}"));
    }

    @Test
    void crossFieldChecksNameTheSection() {
        String message = error("{\"schemaVersion\": 1, \"data\": {\"kind\": \"regression\", \"samples\": 10}}");
        assertTrue(message.startsWith("x.json: data.samples must be >= dim"), message);
    }

    @Test
    void missingSchemaVersionIsAnError() {
        String message = error("{\"name\": \"a\"}");
        assertTrue(message.startsWith("x.json: schemaVersion is missing"), message);
    }

    @Test
    void futureSchemaVersionIsAnError() {
        String message = error("{\"schemaVersion\": 2}");
        assertTrue(message.contains("schemaVersion 2 is newer than this app supports (1)"), message);
    }

    @Test
    void schemaVersionMustBeAPositiveInteger() {
        assertTrue(error("{\"schemaVersion\": \"1\"}").contains("schemaVersion must be an integer"));
        assertTrue(error("{\"schemaVersion\": 0}").contains("schemaVersion must be >= 1 (got 0)"));
    }

    @Test
    void nonObjectAndEmptyInputsAreErrors() {
        assertTrue(error("[1, 2]").contains("must be a JSON object"));
        assertTrue(error("  ").contains("is empty"));
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) {
        Path missing = dir.resolve("missing.json");
        PresetException e = assertThrows(PresetException.class, () -> PresetLoader.load(missing, List.of()));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void errorsFromAFileNameThatFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"schemaVersion\": 1, \"network\": {\"width\": 0}}");
        PresetException e = assertThrows(PresetException.class, () -> PresetLoader.load(file, List.of()));
        assertEquals(file + ": network.width must be in [1, 10000] (got 0)", e.getMessage());
    }

    @Test
    void unknownShippedPresetListsTheShippedOnes() {
        PresetException e = assertThrows(PresetException.class, () -> PresetLoader.loadShipped("nope.json", List.of()));
        assertTrue(e.getMessage().startsWith("presets/nope.json: no such shipped preset"), e.getMessage());
        assertTrue(e.getMessage().contains("e1-law-of-parsimony.json"), e.getMessage());
    }

    @Test
    void exceptionMessagesAreFlattenedToOneLine() {
        assertEquals("a: b c", new PresetException("a: b\n   c\r\n").getMessage());
    }
}
