package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.FigureManifest;

/** {@code figures} writes figures.json: one entry per written file with kind, variant, metrics and paper figure. */
class FiguresManifestTest {
    @TempDir
    Path tmp;

    private static JsonNode manifest(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("figures.json").toFile());
    }

    @Test
    void everyWrittenFileIsListedOnceWithKindVariantMetricsAndPaperFigure() throws IOException {
        Path out = tmp.resolve("figs");
        CliTest.Result r = CliTest.cli(
                "figures",
                "presets/e3-momentum.json",
                "--out",
                out.toString(),
                "--steps",
                "4",
                "--format",
                "csv,svg",
                "--theme",
                "screen");
        assertEquals(0, r.code(), r.err());
        JsonNode m = manifest(out);
        assertEquals("e3-momentum", m.get("preset").asText());
        String paper = m.get("reproduces").asText();
        assertTrue(paper.startsWith("Reproduces experiment E3 (fig_optimizers notebook"), paper);
        assertTrue(paper.endsWith("momentum.png); the paper's RMSProp panel is not included."), paper);
        Set<String> listed = new TreeSet<>();
        List<JsonNode> files = new ArrayList<>();
        m.get("files").forEach(files::add);
        for (JsonNode f : files) {
            assertTrue(listed.add(f.get("file").asText()), "listed once: " + f);
            assertEquals(paper, f.get("reproduces").asText());
        }
        Set<String> onDisk;
        try (Stream<Path> s = Files.list(out)) {
            onDisk = s.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals("figures.json"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(onDisk, listed, "the manifest lists exactly the files written");
        JsonNode sv = find(files, "e3-momentum-sv-W1-adam.svg");
        assertEquals("sv", sv.get("kind").asText());
        assertEquals("adam", sv.get("variant").asText());
        assertEquals(1, sv.get("layer").asInt());
        assertEquals("svg", sv.get("format").asText());
        assertTrue(names(sv.get("metrics")).contains("sv"), sv.toString());
        JsonNode angles = find(files, "e3-momentum-angles-W1-momentum.csv");
        assertTrue(names(angles.get("metrics")).contains("angle-right-rad"), angles.toString());
        assertTrue(names(angles.get("metrics")).stream().allMatch(n -> n.endsWith("-rad")), angles.toString());
        JsonNode loss = find(files, "e3-momentum-loss.csv");
        assertEquals("loss", loss.get("kind").asText());
        assertTrue(loss.get("variant").isNull(), "the loss chart draws both variants");
        assertEquals(List.of("momentum", "adam"), names(loss.get("variants")));
        assertEquals(List.of("loss"), names(loss.get("metrics")));
    }

    @Test
    void theReproducesSentenceEndsAtItsFullStopNotInsideParenthesesOrEtAl() {
        assertEquals(
                "Reproduces experiment MF of Kwon et al. 2024 (comp-deep-nets, figure a.png).",
                FigureManifest.reproduces("Text. Reproduces experiment MF of Kwon et al. 2024 (comp-deep-nets,"
                        + " figure a.png). The next sentence."));
        assertEquals("", FigureManifest.reproduces("No paper figure here."));
        assertEquals("", FigureManifest.reproduces(null));
    }

    private static JsonNode find(List<JsonNode> files, String name) {
        return files.stream()
                .filter(f -> f.get("file").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no entry for " + name));
    }

    private static List<String> names(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void aSingleVariantRunNamesItsVariant() throws IOException {
        Path out = tmp.resolve("one");
        CliTest.Result r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--out",
                out.toString(),
                "--steps",
                "2",
                "--format",
                "csv");
        assertEquals(0, r.code(), r.err());
        JsonNode m = manifest(out);
        JsonNode first = m.get("files").get(0);
        assertEquals("main", first.get("variant").asText());
        assertEquals(List.of("main"), names(first.get("variants")));
    }
}
