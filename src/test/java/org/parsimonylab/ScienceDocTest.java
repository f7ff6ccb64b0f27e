package org.parsimonylab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parsimonylab.metrics.MetricCatalog;
import org.parsimonylab.metrics.MetricsRecorder;

/**
 * docs/science.md is the science the code cites: every metric a probe can write is documented there, every section
 * or label the sources cite ("§1.6 M3", "§6 pitfall 5", "T7") exists there, and the test classes it names exist.
 * Citations of the file under its old name (the reference spec the project started from) count alike, because the
 * source tree is being moved over to the new name.
 */
class ScienceDocTest {
    private static final Path DOC = Path.of("docs", "science.md");
    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Path TEST = Path.of("src", "test", "java");

    /** A metric name passed as a literal to a MetricSeries factory or constructor (possibly on the next line). */
    private static final Pattern METRIC_LITERAL =
            Pattern.compile("(?:MetricSeries\\.(?:scalar|ofLayer|indexed)|new\\s+MetricSeries)\\(\\s*\"([^\"]+)\"");

    /** One cited anchor: a section §N(.N)* with an optional label inside it, or a bare M/T/E label. */
    private static final String ANCHOR =
            "(?:§\\d+(?:\\.\\d+)*(?:[ \\t]+(?:M\\d+|pitfalls?[ \\t]+\\d+(?:[ \\t]*,[ \\t]*\\d+)*"
                    + "|open question[ \\t]+\\d+))?|M\\d+|T\\d+|E\\d+)(?:[ \\t]*\\[REC\\])?";

    /** A citation: the file name followed by a chain of anchors joined by ",", "/", "and (the)", "(" or "target". */
    private static final Pattern CITATION = Pattern.compile(
            "(?:papers|science)\\.md((?:[ \\t]*(?:,|/|\\(|and the|and" + "|targets?)?[ \\t]*" + ANCHOR + ")*)");

    private static final Pattern ONE_ANCHOR = Pattern.compile(
            "§(\\d+(?:\\.\\d+)*)(?:[ \\t]+(?:(M\\d+)|pitfalls?[ \\t]+(\\d+(?:[ \\t]*,[ \\t]*\\d+)*)|open question[ \\t]+(\\d+)))?"
                    + "|\\b([MTE]\\d+)\\b");

    private static final Pattern HEADING = Pattern.compile("(?m)^(#{1,6})[ \\t]+(.*)$");

    private static String doc;
    private static Map<String, String> sections;

    @BeforeAll
    static void readDoc() throws IOException {
        assertTrue(Files.isRegularFile(DOC), DOC + " is missing (tests run from the project root)");
        doc = Files.readString(DOC, StandardCharsets.UTF_8);
        sections = sectionsByNumber(doc);
    }

    /** Section number ("1.4", "6") -> its text up to the next heading of the same or a higher level. */
    static Map<String, String> sectionsByNumber(String markdown) {
        Map<String, String> out = new LinkedHashMap<>();
        List<int[]> heads = new ArrayList<>(); // {start, level}
        List<String> numbers = new ArrayList<>();
        Matcher h = HEADING.matcher(markdown);
        while (h.find()) {
            heads.add(new int[] {h.start(), h.group(1).length()});
            Matcher n = Pattern.compile("^(?:§\\s*)?(\\d+(?:\\.\\d+)*)\\.?(?:\\s|$)")
                    .matcher(h.group(2));
            numbers.add(n.find() ? n.group(1) : null);
        }
        for (int i = 0; i < heads.size(); i++) {
            if (numbers.get(i) == null) {
                continue;
            }
            int end = markdown.length();
            for (int j = i + 1; j < heads.size(); j++) {
                if (heads.get(j)[1] <= heads.get(i)[1]) {
                    end = heads.get(j)[0];
                    break;
                }
            }
            out.putIfAbsent(numbers.get(i), markdown.substring(heads.get(i)[0], end));
        }
        return out;
    }

    private static List<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Javadoc and line comments joined across line breaks, so that a citation wrapped over two lines is one. */
    static String joinComments(String source) {
        return source.replaceAll("\\r?\\n[ \\t]*(?:\\*(?!/)|//)?[ \\t]*", " ");
    }

    /** Every metric name the probes can write: literals in the sources, the timing metrics and the catalogue. */
    static Set<String> metricNames() {
        Set<String> names = new TreeSet<>(MetricsRecorder.TIMING_METRICS);
        for (Path p : javaFiles(MAIN)) {
            Matcher m = METRIC_LITERAL.matcher(read(p));
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        for (String line : MetricCatalog.lines()) {
            names.add(line.substring(0, line.indexOf(':')));
        }
        return names;
    }

    @Test
    void everyMetricAProbeCanWriteIsDocumentedByName() {
        Set<String> names = metricNames();
        // The scan itself must work: these are written by SpectrumProbe, SeparationProbe, EndToEndProbe and
        // AccuracyProbe (the last two with the name on the line after the call).
        assertTrue(
                names.containsAll(Set.of("loss", "sv", "separation", "twin-distance", "train-accuracy", "angle-vbig")),
                "metric scan found " + names);
        assertTrue(names.size() >= 25, "metric scan found only " + names.size() + ": " + names);
        List<String> missing =
                names.stream().filter(n -> !doc.contains("`" + n + "`")).toList();
        assertEquals(List.of(), missing, "metrics not documented (as `name`) in " + DOC);
    }

    /** Where {@code anchor} fails to resolve in the doc, or null when it resolves. */
    static String unresolved(Matcher a) {
        if (a.group(5) != null) {
            String label = a.group(5);
            Pattern p = label.startsWith("T")
                    ? Pattern.compile("(?m)^(?:\\|[ \\t]*" + label + "[ \\t]*\\||#{1,6}[ \\t]+" + label + "\\b)")
                    : Pattern.compile("(?m)^#{1,6}[ \\t]+" + label + "\\b");
            return p.matcher(doc).find() ? null : "no heading or target row " + label;
        }
        String number = a.group(1);
        String section = sections.get(number);
        if (section == null) {
            return "no section " + number;
        }
        if (a.group(2) != null
                && !Pattern.compile("(?m)^#{1,6}[ \\t]+" + a.group(2) + "\\b")
                        .matcher(section)
                        .find()) {
            return "no heading " + a.group(2) + " in section " + number;
        }
        if (a.group(3) != null) {
            for (String n : a.group(3).split("[ \\t]*,[ \\t]*")) {
                if (!section.contains("**Pitfall " + n.trim() + " ")) {
                    return "no **Pitfall " + n.trim() + "** in section " + number;
                }
            }
        }
        if (a.group(4) != null && !section.contains("**Question " + a.group(4) + " ")) {
            return "no **Question " + a.group(4) + "** in section " + number;
        }
        return null;
    }

    @Test
    void everyCitedSectionAndLabelExistsInTheDoc() {
        List<String> broken = new ArrayList<>();
        int anchors = 0;
        for (Path root : List.of(MAIN, TEST)) {
            for (Path p : javaFiles(root)) {
                if (p.getFileName().toString().equals("ScienceDocTest.java")) {
                    continue;
                }
                Matcher c = CITATION.matcher(joinComments(read(p)));
                while (c.find()) {
                    Matcher a = ONE_ANCHOR.matcher(c.group(1));
                    while (a.find()) {
                        anchors++;
                        String why = unresolved(a);
                        if (why != null) {
                            broken.add(p.getFileName() + ": \"" + c.group().trim() + "\": " + why);
                        }
                    }
                }
            }
        }
        // The sources cite the science well over a hundred times; far fewer means the parser broke.
        assertTrue(anchors >= 100, "only " + anchors + " cited anchors found");
        assertEquals(List.of(), broken, "citations that " + DOC + " does not resolve");
    }

    @Test
    void theCitationParserReadsEveryFormTheSourcesUse() {
        String text = joinComments(
                "/** see docs/science.md §1.6 M2, §6 pitfalls 2, 3, 5 and\n * science.md §3.2, §3.3 [REC],"
                        + " §3.5; docs/science.md T7 in full; docs/science.md §5 and the §1.5 overlays; docs/science.md\n * §8 open question 2 */");
        List<String> found = new ArrayList<>();
        Matcher c = CITATION.matcher(text);
        while (c.find()) {
            Matcher a = ONE_ANCHOR.matcher(c.group(1));
            while (a.find()) {
                found.add(a.group().replaceAll("\\s+", " "));
            }
        }
        assertEquals(
                List.of(
                        "§1.6 M2",
                        "§6 pitfalls 2, 3, 5",
                        "§3.2",
                        "§3.3",
                        "§3.5",
                        "T7",
                        "§5",
                        "§1.5",
                        "§8 open question 2"),
                found);
        Matcher bad = ONE_ANCHOR.matcher("§6 pitfall 99");
        assertTrue(bad.find());
        assertEquals("no **Pitfall 99** in section 6", unresolved(bad), "a missing label is reported");
        Matcher noSection = ONE_ANCHOR.matcher("§42.1");
        assertTrue(noSection.find());
        assertEquals("no section 42.1", unresolved(noSection));
    }

    @Test
    void everyTargetExperimentAndMetricLabelHasItsEntry() {
        for (int t = 1; t <= 18; t++) {
            assertTrue(
                    Pattern.compile("(?m)^\\|[ \\t]*T" + t + "[ \\t]*\\|")
                            .matcher(doc)
                            .find(),
                    "target row T" + t);
        }
        for (int e = 1; e <= 11; e++) {
            assertTrue(
                    Pattern.compile("(?m)^#{1,6}[ \\t]+E" + e + "\\b")
                            .matcher(doc)
                            .find(),
                    "heading E" + e);
        }
        for (int m = 1; m <= 6; m++) {
            assertTrue(
                    Pattern.compile("(?m)^#{1,6}[ \\t]+M" + m + "\\b")
                            .matcher(sections.get("1.6"))
                            .find(),
                    "heading M" + m + " in §1.6");
        }
        for (int p = 1; p <= 13; p++) {
            assertTrue(sections.get("6").contains("**Pitfall " + p + " "), "pitfall " + p);
        }
    }

    @Test
    void everyShippedPresetIsNamedInTheDoc() {
        List<String> presets = read(Path.of("presets", "index.txt"))
                .lines()
                .map(String::strip)
                .filter(s -> s.endsWith(".json"))
                .toList();
        assertFalse(presets.isEmpty(), "presets/index.txt lists no preset");
        List<String> missing = presets.stream()
                .map(s -> s.substring(0, s.length() - ".json".length()))
                .filter(name -> !doc.contains(name))
                .toList();
        assertEquals(List.of(), missing, "shipped presets the doc does not name");
    }

    @Test
    void everyTestTheDocNamesExists() {
        Map<String, String> tests = new LinkedHashMap<>();
        for (Path p : javaFiles(TEST)) {
            String file = p.getFileName().toString();
            tests.put(file.substring(0, file.length() - ".java".length()), read(p));
        }
        Matcher m = Pattern.compile("`([A-Z][A-Za-z0-9]*Test)(?:\\.([a-z][A-Za-z0-9]*))?`")
                .matcher(doc);
        int named = 0;
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            named++;
            String source = tests.get(m.group(1));
            if (source == null) {
                missing.add(m.group(1));
            } else if (m.group(2) != null && !source.contains(" " + m.group(2) + "(")) {
                missing.add(m.group(1) + "." + m.group(2));
            }
        }
        assertTrue(named >= 20, "the doc names only " + named + " tests");
        assertEquals(List.of(), missing, "tests named in " + DOC + " that do not exist");
    }
}
