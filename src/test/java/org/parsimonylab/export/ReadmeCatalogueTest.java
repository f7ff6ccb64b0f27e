package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parsimonylab.cli.Main;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.metrics.MetricDoc;

/**
 * README.txt of a run folder explains every metric the run wrote: each shipped preset runs for 2 steps through the
 * command line, and every metric name in its metrics.csv and timings.csv has a line "name: meaning" in README.txt,
 * with the meaning its probe declares (not a placeholder), and README.txt lists no metric the run did not write.
 */
class ReadmeCatalogueTest {
    @TempDir
    Path tmp;

    static Stream<String> shippedPresets() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("presets"))) {
            return files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("shippedPresets")
    void readmeDocumentsEveryMetricTheRunWrote(String preset) throws IOException {
        Path out = tmp.resolve(preset.replace(".json", ""));
        List<String> args = new ArrayList<>(List.of(
                "run", "presets/" + preset, "--out", out.toString(), "--steps", "2", "--set", "metrics.every=1"));
        if (preset.contains("fashion-mnist")) {
            // the idx presets need Fashion-MNIST; a few hundred images write the same metric names
            org.junit.jupiter.api.Assumptions.assumeTrue(
                    Files.exists(Path.of(org.parsimonylab.engine.data.IdxFiles.DEBIAN_FASHION_MNIST)
                            .resolve("train-images-idx3-ubyte.gz")),
                    preset + " needs Fashion-MNIST (" + org.parsimonylab.engine.data.IdxFiles.INSTALL_HINT + ")");
            args.addAll(List.of("--set", "data.samples=200", "--set", "data.testSamples=200"));
        }
        if (preset.contains("d1000") || preset.startsWith("e5-")) {
            // The metric names do not depend on the size; d = 1000 would only make the test slow.
            args.addAll(List.of("--set", "data.dim=60", "--set", "data.outputDim=60", "--set", "network.width=60"));
        }
        StringWriter err = new StringWriter();
        int code = Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertEquals(0, code, preset + ": " + err);
        Set<String> written = new LinkedHashSet<>();
        for (String csv : List.of("metrics.csv", "timings.csv")) {
            List<String> lines = Files.readAllLines(out.resolve(csv));
            for (String line : lines.subList(1, lines.size())) {
                written.add(line.split(",", -1)[2]);
            }
        }
        assertTrue(written.contains("loss") && written.size() > 3, preset + " wrote " + written);
        Map<String, String> documented = metricsSection(Files.readString(out.resolve("README.txt")));
        assertEquals(written, documented.keySet(), preset + ": README.txt lists exactly the written metrics");
        for (String name : written) {
            assertEquals(MetricCatalog.describe(name), documented.get(name), preset + ": meaning of " + name);
        }
    }

    @Test
    void theCatalogueIsWhatTheProbesDeclareOneLineEach() {
        Set<String> names = new LinkedHashSet<>();
        int declared = 0;
        for (List<MetricDoc> source : MetricCatalog.SOURCES) {
            for (MetricDoc doc : source) {
                declared++;
                names.add(doc.name());
                assertFalse(doc.meaning().contains("\n"), doc.name());
                assertTrue(doc.meaning().length() > 20, doc.name() + " has a real meaning");
            }
        }
        assertEquals(declared, names.size(), "no name declared twice");
        assertEquals(names.size(), MetricCatalog.all().size());
        assertTrue(names.size() >= 25, "every metric of every probe: " + names.size());
    }

    /** The "name: meaning" lines after the "Metrics" heading of README.txt. */
    private static Map<String, String> metricsSection(String readme) {
        Map<String, String> out = new LinkedHashMap<>();
        int start = readme.indexOf("\nMetrics");
        assertTrue(start >= 0, "README.txt has a Metrics section");
        String[] lines = readme.substring(start + 1).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(": ");
            out.put(line.substring(0, colon), line.substring(colon + 2));
        }
        return out;
    }
}
