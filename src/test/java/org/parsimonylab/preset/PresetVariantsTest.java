package org.parsimonylab.preset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parsimonylab.engine.net.InitKind;
import org.parsimonylab.engine.net.NetworkSpec;
import org.parsimonylab.engine.train.OptimizerKind;
import org.parsimonylab.session.ExperimentSpec;
import org.parsimonylab.session.VariantSpec;

/** Variants: deep merge over the base sections, shared data and seed (DESIGN.md §5). */
class PresetVariantsTest {
    private static Preset parse(String json) {
        return PresetLoader.parse(json, "v.json", List.of());
    }

    @Test
    void noVariantsGivesOneVariantNamedMain() {
        ExperimentSpec e = parse("{\"schemaVersion\": 1, \"seed\": 9, \"network\": {\"width\": 12}}")
                .toExperiment();
        assertEquals(1, e.variants().size());
        VariantSpec main = e.variants().get(0);
        assertEquals("main", main.name());
        assertEquals(12, main.network().width());
        assertEquals(9, e.seed());
    }

    @Test
    void variantOverridesAreDeepMergedOverTheBase() {
        Preset p = parse(
                """
                {"schemaVersion": 1,
                 "network": {"depth": 5, "init": {"kind": "orthogonal", "scale": 0.5}},
                 "training": {"learningRate": 2, "steps": 7},
                 "variants": [
                   {"name": "base"},
                   {"name": "gauss", "network": {"init": {"kind": "gaussian"}}, "metrics": {"every": 3}}]}""");
        ExperimentSpec e = p.toExperiment();
        VariantSpec base = e.variants().get(0);
        VariantSpec gauss = e.variants().get(1);
        assertEquals(InitKind.ORTHOGONAL, base.network().init().kind());
        assertEquals(InitKind.GAUSSIAN, gauss.network().init().kind());
        assertEquals(0.5, gauss.network().init().scale(), "a nested override keeps the base's sibling keys");
        assertEquals(5, gauss.network().depth());
        assertEquals(base.training(), gauss.training(), "sections a variant does not mention are the base");
        assertEquals(3, gauss.metrics().every());
        assertEquals(1, base.metrics().every());
    }

    @Test
    void variantsCompareByNameAndOverrideTree() {
        ObjectNode over = JsonNodeFactory.instance.objectNode();
        over.putObject("training").put("optimizer", "adam");
        Preset.Variant a = new Preset.Variant("a", over);
        assertEquals(a, new Preset.Variant("a", over.deepCopy()));
        assertNotEquals(a, new Preset.Variant("b", over));
        assertNotEquals(a, Preset.Variant.of("a"));
        over.putObject("metrics").put("every", 2);
        assertEquals(1, a.overrides().size(), "the variant keeps its own copy of the overrides");
    }

    @Test
    void programmaticPresetNormalisesAndMergesVariants() {
        ObjectNode over = JsonNodeFactory.instance.objectNode();
        over.putObject("network").put("width", 7);
        Preset d = Preset.defaults();
        Preset p = new Preset(
                1,
                "p",
                "",
                "",
                3,
                d.data(),
                d.network(),
                d.training(),
                d.metrics(),
                List.of(Preset.Variant.of("wide"), new Preset.Variant("narrow", over)));
        List<NetworkSpec> nets =
                p.toExperiment().variants().stream().map(VariantSpec::network).toList();
        assertEquals(30, nets.get(0).width());
        assertEquals(7, nets.get(1).width());
        assertEquals(
                OptimizerKind.GD, p.toExperiment().variants().get(1).training().optimizer());
    }

    @Test
    void overridingDataInAVariantIsAnError() {
        PresetException e = assertThrows(
                PresetException.class,
                () -> parse("{\"schemaVersion\": 1, \"variants\": [{\"name\": \"a\", \"data\": {\"dim\": 3}}]}"));
        assertTrue(e.getMessage().startsWith("v.json: variants.0.data cannot be overridden"), e.getMessage());
    }

    @Test
    void overridingSeedInAVariantIsAnError() {
        PresetException e = assertThrows(
                PresetException.class,
                () -> parse(
                        "{\"schemaVersion\": 1, \"variants\": [{\"name\": \"a\"}, {\"name\": \"b\", \"seed\": 3}]}"));
        assertTrue(e.getMessage().startsWith("v.json: variants.1.seed cannot be overridden"), e.getMessage());
    }

    @Test
    void aProgrammaticVariantCannotOverrideDataEither() {
        ObjectNode over = JsonNodeFactory.instance.objectNode();
        over.putObject("data").put("dim", 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Preset.Variant("a", over));
        assertTrue(e.getMessage().contains("cannot override data"), e.getMessage());
    }

    @Test
    void variantNamesMustBeUniqueAndPresent() {
        PresetException twice = assertThrows(
                PresetException.class,
                () -> parse("{\"schemaVersion\": 1, \"variants\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}"));
        assertTrue(twice.getMessage().contains("unique (twice: 'a')"), twice.getMessage());
        PresetException missing = assertThrows(
                PresetException.class,
                () -> parse("{\"schemaVersion\": 1, \"variants\": [{\"network\": {\"width\": 3}}]}"));
        assertTrue(missing.getMessage().startsWith("v.json: variants.0.name is missing"), missing.getMessage());
    }

    @Test
    void invalidMergedVariantNamesTheVariantField() {
        PresetException e = assertThrows(
                PresetException.class,
                () -> parse(
                        "{\"schemaVersion\": 1, \"variants\": [{\"name\": \"a\", \"training\": {\"momentum\": 2}}]}"));
        assertEquals("v.json: variants.0.training.momentum must be in [0.0, 0.999999] (got 2.0)", e.getMessage());
    }
}
