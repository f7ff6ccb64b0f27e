package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.ChartCsv;

/** {@code figures} on a preset (trained headlessly) and on a run folder (read back), with one-line errors. */
class FiguresCommandTest {
    @TempDir
    Path tmp;

    private static Set<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    @Test
    void aPresetIsTrainedAndItsFiguresAreWrittenWithPredictableNames() throws IOException {
        Path out = tmp.resolve("figs");
        CliTest.Result r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--out",
                out.toString(),
                "--steps",
                "5",
                "--format",
                "png,csv",
                "--scale",
                "1",
                "--size",
                "single-column",
                "--theme",
                "screen");
        assertEquals(0, r.code(), r.err());
        Set<String> expected = new TreeSet<>();
        for (String chart :
                List.of("loss", "spectrum-W1", "sv-W1", "waterfall-W1", "angles-W1", "update-energy-W1", "errors")) {
            expected.add("e1-law-of-parsimony-" + chart + ".png");
            expected.add("e1-law-of-parsimony-" + chart + ".csv");
        }
        expected.add("figures.json");
        assertEquals(expected, names(out));
        assertEquals(15, r.out().lines().count(), r.out());
        BufferedImage png =
                ImageIO.read(out.resolve("e1-law-of-parsimony-sv-W1.png").toFile());
        assertEquals(252, png.getWidth());
        assertEquals(189, png.getHeight());
        String csv = Files.readString(out.resolve("e1-law-of-parsimony-loss.csv"), StandardCharsets.UTF_8);
        // Steps 0..5: six loss values, one series.
        assertEquals(6, ChartCsv.rows(csv).size(), csv);
    }

    @Test
    void aRunFolderIsDrawnWithoutTrainingAndMatchesTheRunsMetrics() throws IOException {
        Path run = tmp.resolve("run");
        CliTest.Result r = CliTest.cli(
                "run",
                "presets/e8-progressive-separation.json",
                "--out",
                run.toString(),
                "--set",
                "training.steps=300");
        assertEquals(0, r.code(), r.err());
        Path out = tmp.resolve("figs");
        r = CliTest.cli("figures", run.toString(), "--out", out.toString(), "--format", "csv,svg");
        assertEquals(0, r.code(), r.err());
        Set<String> names = names(out);
        assertTrue(names.contains("e8-progressive-separation-separation.csv"), names.toString());
        assertTrue(names.contains("e8-progressive-separation-separation.svg"), names.toString());
        assertFalse(names.stream().anyMatch(n -> n.contains("variants")), "one variant: no overlay");
        // The separation chart shows D_l of the run's last step, read from metrics.csv.
        List<String> lastSeparation = Files.readAllLines(run.resolve("metrics.csv")).stream()
                .filter(l -> l.startsWith("300,main,separation,"))
                .toList();
        assertEquals(8, lastSeparation.size());
        List<List<String>> rows = ChartCsv.rows(
                Files.readString(out.resolve("e8-progressive-separation-separation.csv"), StandardCharsets.UTF_8));
        List<List<String>> measured =
                rows.stream().filter(row -> row.get(1).startsWith("D_l")).toList();
        assertEquals(8, measured.size());
        for (int l = 0; l < 8; l++) {
            String[] f = lastSeparation.get(l).split(",");
            assertEquals(
                    Double.parseDouble(f[5]), Double.parseDouble(measured.get(l).get(3)), 0.0);
        }
    }

    @Test
    void badOptionsAreOneLineUserErrorsAndAnUnwritableOutIsAFailure() throws IOException {
        CliTest.Result r =
                CliTest.cli("figures", "presets/e1-law-of-parsimony.json", "--out", tmp.toString(), "--format", "gif");
        assertEquals(Main.EXIT_USER_ERROR, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains("png, svg, pdf or csv"), r.err());
        r = CliTest.cli("figures", tmp.toString(), "--out", tmp.resolve("x").toString());
        assertEquals(Main.EXIT_USER_ERROR, r.code(), r.err());
        assertTrue(r.err().contains("without preset.json"), r.err());
        Path file = Files.writeString(tmp.resolve("file"), "x");
        r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--steps",
                "2",
                "--format",
                "png",
                "--out",
                file.resolve("sub").toString());
        assertEquals(Main.EXIT_FAILURE, r.code(), r.err());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
    }
}
