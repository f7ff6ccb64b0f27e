package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.data.DataKind;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.session.ExperimentSpec;

/** {@code --set dotted.path=value} overrides (DESIGN.md §5 command line). */
class PresetOverridesTest {
    private static final String BASE =
            """
            {"schemaVersion": 1, "name": "base",
             "variants": [{"name": "a"}, {"name": "b", "network": {"depth": 4}}]}""";

    private static Preset parse(String json, String... sets) {
        return PresetLoader.parse(json, "o.json", List.of(sets));
    }

    @Test
    void setsNumbersLabelsAndNestedFields() {
        Preset p = parse(
                BASE,
                "data.dim=40",
                "data.outputDim=40",
                "network.init.scale=1e-3",
                "training.optimizer=adam",
                "training.learningRate=0.5",
                "data.whiten=false",
                "data.kind=completion");
        assertEquals(40, p.data().dim());
        assertEquals(1e-3, p.network().init().scale());
        assertEquals(OptimizerKind.ADAM, p.training().optimizer());
        assertEquals(0.5, p.training().learningRate());
        assertEquals(false, p.data().whiten());
        assertEquals(DataKind.COMPLETION, p.data().kind());
    }

    @Test
    void laterOverridesWinAndOverridesBeatTheFile() {
        Preset p = parse("{\"schemaVersion\": 1, \"seed\": 5}", "seed=6", "seed=7");
        assertEquals(7, p.seed());
    }

    @Test
    void stringFieldsKeepUnquotedInputAsTextAndAcceptQuotedStrings() {
        Preset p = parse(BASE, "name=42", "title=\"Law, again\"", "description=plain words = fine");
        assertEquals("42", p.name());
        assertEquals("Law, again", p.title());
        assertEquals("plain words = fine", p.description());
    }

    @Test
    void variantsAreAddressedByIndex() {
        Preset p = parse(BASE, "variants.1.network.width=10", "variants.0.training.learningRate=0.25");
        ExperimentSpec e = p.toExperiment();
        assertEquals(30, e.variants().get(0).network().width());
        assertEquals(0.25, e.variants().get(0).training().learningRate());
        assertEquals(10, e.variants().get(1).network().width());
        assertEquals(4, e.variants().get(1).network().depth(), "the file's override of variant b is kept");
        assertEquals(1.0, e.variants().get(1).training().learningRate());
    }

    @Test
    void theNextIndexAddsAVariant() {
        Preset p = parse(BASE, "variants.2.name=c", "variants.2.training.optimizer=momentum");
        assertEquals(3, p.variants().size());
        assertEquals("c", p.variants().get(2).name());
        assertEquals(
                OptimizerKind.MOMENTUM,
                p.toExperiment().variants().get(2).training().optimizer());
    }

    @Test
    void unknownPathIsAnErrorNamingIt() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "network.widht=3"));
        assertTrue(e.getMessage().startsWith("o.json: "), e.getMessage());
        assertTrue(e.getMessage().contains("'network.widht'"), e.getMessage());
        assertTrue(e.getMessage().contains("allowed: kind, depth, width"), e.getMessage());
        assertTrue(e.getMessage().contains("--set"), e.getMessage());
    }

    @Test
    void unknownPathInsideAVariantIsAnErrorNamingIt() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "variants.0.training.lr=3"));
        assertTrue(e.getMessage().contains("'variants.0.training.lr'"), e.getMessage());
        assertTrue(e.getMessage().contains("learningRate"), e.getMessage());
    }

    @Test
    void pathBelowALeafIsAnError() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "network.width.x=3"));
        assertTrue(e.getMessage().contains("'network.width.x'"), e.getMessage());
    }

    @Test
    void variantIndexBeyondTheEndIsAnError() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "variants.5.network.width=3"));
        assertTrue(e.getMessage().contains("variants.5 does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("has 2 variants"), e.getMessage());
    }

    @Test
    void variantDataOverrideIsAnError() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "variants.0.data.dim=3"));
        assertTrue(e.getMessage().contains("cannot override data"), e.getMessage());
    }

    @Test
    void overrideWithoutEqualsSignIsAnError() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "data.dim"));
        assertTrue(e.getMessage().contains("path=value"), e.getMessage());
    }

    @Test
    void overriddenValuesAreValidatedLikeFileValues() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "data.dim=abc"));
        assertEquals("o.json: data.dim must be an integer (got \"abc\")", e.getMessage());
        PresetException range = assertThrows(PresetException.class, () -> parse(BASE, "variants.1.network.width=0"));
        assertEquals("o.json: variants.1.network.width must be in [1, 10000] (got 0)", range.getMessage());
    }

    @Test
    void schemaVersionCannotBeOverridden() {
        PresetException e = assertThrows(PresetException.class, () -> parse(BASE, "schemaVersion=2"));
        assertTrue(e.getMessage().contains("schemaVersion cannot be overridden"), e.getMessage());
    }
}
