package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.chart.RunFigures;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.preset.Preset;
import org.parsimonylab.preset.PresetLoader;
import org.parsimonylab.preset.PresetWriter;
import org.parsimonylab.session.RunHistory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Every chart kind in every format: valid files, the right size, the chart's data, the preset embedded. */
class FigureWriterTest {
    @TempDir
    Path dir;

    static Preset preset;
    static FigureMetadata meta;

    @BeforeAll
    static void loadPreset() {
        preset = PresetLoader.loadShipped("p2-fig1-smooth-mlp-spectra.json", List.of());
        meta = new FigureMetadata(PresetWriter.toJson(preset), "9.9.9-test");
    }

    /** A snapshot with every metric some figure draws: loss, sv of 2 layers, theory, angles, energy, separation. */
    static StepSnapshot snap(long step, double speed) {
        List<MetricSeries> s = new ArrayList<>();
        s.add(MetricSeries.scalar("loss", 1.0 / (step + 1) / speed));
        for (int layer = 1; layer <= 2; layer++) {
            double[] sv = new double[12];
            for (int i = 0; i < sv.length; i++) {
                sv[i] = i < 3 ? 1 + 0.01 * step * (3 - i) : i >= 9 ? 1 - 0.004 * step * (i - 8) : 1.0 - 0.001 * step;
            }
            s.add(MetricSeries.indexed("sv", layer, sv));
        }
        s.add(MetricSeries.ofLayer("rho-predicted", 1, 1.0 - 0.001 * step));
        s.add(MetricSeries.indexed("sv-predicted-top", 1, new double[] {1.5, 1.4, 1.3}));
        s.add(MetricSeries.ofLayer("angle-top-rad", 1, 0.01 * step));
        s.add(MetricSeries.ofLayer("angle-middle-rad", 1, 0.0));
        s.add(MetricSeries.ofLayer("update-energy-in-block", 1, 0.99));
        for (int l = 0; l < 3; l++) {
            s.add(MetricSeries.ofLayer("separation", l, 10 * Math.pow(0.2, l) / speed));
        }
        s.add(MetricSeries.scalar("separation-fit-ratio", 0.2));
        s.add(MetricSeries.scalar("separation-fit-r2", 0.999));
        return new StepSnapshot(step, step * 0.001 / speed, s);
    }

    static RunHistory history() {
        RunHistory h = new RunHistory();
        for (String v : List.of("wide", "narrow")) {
            double speed = v.equals("wide") ? 1 : 2;
            for (int t = 0; t <= 30; t++) {
                h.add(v, snap(t, speed));
            }
            h.setStepsPerSecond(v, 1000 * speed);
        }
        return h;
    }

    static List<NamedFigure> figures() {
        return RunFigures.build(history(), 3);
    }

    @Test
    void aRunWithEveryMetricGivesEveryChartKind() {
        List<String> keys = figures().stream().map(NamedFigure::key).toList();
        for (String k : List.of(
                "loss",
                "spectrum-W1-wide",
                "sv-W1-wide",
                "waterfall-W1-wide",
                "angles-W1-wide",
                "update-energy-W1-wide",
                "sv-W1-narrow",
                "separation",
                "variants")) {
            assertTrue(keys.contains(k), k + " in " + keys);
        }
    }

    @Test
    void everyFormatIsWrittenForEveryChartKind() throws Exception {
        FigureOptions options = new FigureOptions(FigureSize.SINGLE_COLUMN, 1, FigureTheme.SLIDE, false);
        List<Path> files = FigureBatch.write(
                FigureBatch.prepare(figures(), options), dir, "t", EnumSet.allOf(FigureFormat.class), options, meta);
        assertEquals(figures().size() * 4, files.size());
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            assertTrue(bytes.length > 100, f + " is empty");
            String name = f.getFileName().toString();
            if (name.endsWith(".png")) {
                BufferedImage image = ImageIO.read(f.toFile());
                assertEquals(252, image.getWidth(), name);
                assertEquals(189, image.getHeight(), name);
            } else if (name.endsWith(".svg")) {
                parseXml(bytes);
            } else if (name.endsWith(".pdf")) {
                assertEquals("%PDF", new String(bytes, 0, 4, StandardCharsets.ISO_8859_1), name);
                try (PDDocument doc = Loader.loadPDF(bytes)) {
                    assertEquals(1, doc.getNumberOfPages(), name);
                }
            } else {
                assertTrue(new String(bytes, StandardCharsets.UTF_8).contains(ChartCsv.HEADER), name);
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().contains(".partial-")), "no temporary files left");
        }
    }

    private static JFreeChart chart(String key, FigureTheme theme) {
        NamedFigure f =
                figures().stream().filter(n -> n.key().equals(key)).findFirst().orElseThrow();
        return theme.prepare(f.figure().chart());
    }

    @Test
    void pngIsScaleTimesSizeAndHoldsThePresetInATextChunk() throws Exception {
        JFreeChart chart = chart("sv-W1-wide", FigureTheme.SLIDE);
        for (double scale : new double[] {1, 2, 3}) {
            FigureOptions o = new FigureOptions(FigureSize.SLIDE, scale, FigureTheme.SLIDE, false);
            byte[] png = FigureWriter.png(chart, o, meta);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertEquals((int) (960 * scale), image.getWidth());
            assertEquals((int) (540 * scale), image.getHeight());
            if (scale == 2) {
                assertEquals(1920, image.getWidth());
                assertEquals(1080, image.getHeight());
            }
        }
        byte[] png = FigureWriter.png(chart, new FigureOptions(FigureSize.SLIDE, 1, FigureTheme.SLIDE, false), meta);
        String json = pngText(png, FigureWriter.PNG_PRESET_KEY);
        assertEquals(preset, PresetLoader.parse(json, "png", List.of()));
        assertEquals("Parsimony Lab 9.9.9-test", pngText(png, "Software"));
    }

    static String pngText(byte[] png, String keyword) throws IOException {
        ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            reader.setInput(in);
            IIOMetadata m = reader.getImageMetadata(0);
            org.w3c.dom.Node root = m.getAsTree("javax_imageio_png_1.0");
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("tEXt")) {
                    for (org.w3c.dom.Node e = n.getFirstChild(); e != null; e = e.getNextSibling()) {
                        org.w3c.dom.NamedNodeMap a = e.getAttributes();
                        if (a.getNamedItem("keyword").getNodeValue().equals(keyword)) {
                            return a.getNamedItem("value").getNodeValue();
                        }
                    }
                }
            }
        } finally {
            reader.dispose();
        }
        throw new AssertionError("no tEXt " + keyword);
    }

    static Document parseXml(byte[] bytes) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
    }

    @Test
    void svgWithEditableTextHasTitleAxisLabelsAndLegendAndEmbedsThePreset() throws Exception {
        JFreeChart chart = chart("spectrum-W1-wide", FigureTheme.SLIDE);
        FigureOptions editable = new FigureOptions(FigureSize.SLIDE, 1, FigureTheme.SLIDE, true);
        Document doc = parseXml(FigureWriter.svg(chart, editable, meta).getBytes(StandardCharsets.UTF_8));
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            all.append(texts.item(i).getTextContent()).append('\n');
        }
        String shown = all.toString();
        XYPlot plot = (XYPlot) chart.getPlot();
        assertTrue(shown.contains(chart.getTitle().getText()), shown);
        assertTrue(shown.contains(plot.getDomainAxis().getLabel()), shown);
        assertTrue(shown.contains(plot.getRangeAxis().getLabel()), shown);
        LegendItemCollection legend = plot.getLegendItems();
        assertTrue(legend.getItemCount() >= 3);
        for (int i = 0; i < legend.getItemCount(); i++) {
            assertTrue(shown.contains(legend.get(i).getLabel()), legend.get(i).getLabel() + " in " + shown);
        }
        String desc = doc.getElementsByTagNameNS("*", "desc").item(0).getTextContent();
        String json = desc.substring(desc.indexOf("preset: ") + "preset: ".length());
        assertEquals(preset, PresetLoader.parse(json, "svg", List.of()));
        assertTrue(desc.startsWith("Parsimony Lab 9.9.9-test"), desc);
        assertEquals(
                chart.getTitle().getText(),
                doc.getElementsByTagNameNS("*", "title").item(0).getTextContent());
    }

    @Test
    void svgWithOutlinedTextHasNoTextElementsAndDrawsSeriesAsPaths() throws Exception {
        JFreeChart chart = chart("sv-W1-wide", FigureTheme.SLIDE);
        String svg = FigureWriter.svg(chart, new FigureOptions(FigureSize.SLIDE, 1, FigureTheme.SLIDE, false), meta);
        Document doc = parseXml(svg.getBytes(StandardCharsets.UTF_8));
        assertEquals(0, doc.getElementsByTagNameNS("*", "text").getLength());
        assertTrue(doc.getElementsByTagNameNS("*", "path").getLength() > 12);
        // One path per series line instead of one <line> per segment (ecosystem.md §6: 1.8 MB -> 0.3 MB).
        assertTrue(doc.getElementsByTagNameNS("*", "line").getLength() < 60, "12 lines of 30 segments are paths");
    }

    @Test
    void pdfIsValidEmbedsThePresetAndDrawsSigmaAsAGlyphNotAQuestionMark() throws Exception {
        FigureOptions o = new FigureOptions(FigureSize.DOUBLE_COLUMN, 1, FigureTheme.SCREEN, false);
        JFreeChart chart = chart("spectrum-W1-wide", FigureTheme.SCREEN);
        assertTrue(((XYPlot) chart.getPlot()).getRangeAxis().getLabel().contains("σ"));
        byte[] sigma = FigureWriter.pdf(chart, o, meta);
        assertEquals("%PDF", new String(sigma, 0, 4, StandardCharsets.ISO_8859_1));
        BufferedImage withSigma;
        try (PDDocument doc = Loader.loadPDF(sigma)) {
            assertEquals(
                    chart.getTitle().getText(), doc.getDocumentInformation().getTitle());
            assertEquals(
                    "Parsimony Lab 9.9.9-test", doc.getDocumentInformation().getAuthor());
            String json = doc.getDocumentInformation().getCustomMetadataValue(FigureWriter.PDF_PRESET_KEY);
            assertEquals(preset, PresetLoader.parse(json, "pdf", List.of()));
            assertTrue(doc.getDocumentInformation().getKeywords().startsWith("preset: {"));
            assertEquals(504, doc.getPage(0).getMediaBox().getWidth(), 1e-6);
            withSigma = new PDFRenderer(doc).renderImageWithDPI(0, 144);
        }
        // Base-14 font text turns σ into "?": if that happened, the two PDFs below would render the same.
        JFreeChart question = chart("spectrum-W1-wide", FigureTheme.SCREEN);
        ((XYPlot) question.getPlot()).getRangeAxis().setLabel("?_i");
        BufferedImage withQuestion;
        try (PDDocument doc = Loader.loadPDF(FigureWriter.pdf(question, o, meta))) {
            withQuestion = new PDFRenderer(doc).renderImageWithDPI(0, 144);
        }
        assertFalse(samePixels(withSigma, withQuestion), "σ must not render as '?'");
    }

    private static boolean samePixels(BufferedImage a, BufferedImage b) {
        if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
            return false;
        }
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void csvRowsAreExactlyTheChartsDatasetValues() throws Exception {
        for (String key : List.of("sv-W1-wide", "separation", "waterfall-W1-wide", "spectrum-W1-wide")) {
            JFreeChart chart = chart(key, FigureTheme.SCREEN);
            String csv = ChartCsv.of(chart, meta);
            List<List<String>> rows = ChartCsv.rows(csv);
            XYPlot plot = (XYPlot) chart.getPlot();
            int k = 0;
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                XYDataset ds = plot.getDataset(d);
                for (int s = 0; s < ds.getSeriesCount(); s++) {
                    for (int i = 0; i < ds.getItemCount(s); i++) {
                        List<String> row = rows.get(k++);
                        assertEquals(String.valueOf(d), row.get(0));
                        assertEquals(ds.getSeriesKey(s).toString(), row.get(1), key);
                        assertEquals(ds.getXValue(s, i), Double.parseDouble(row.get(2)), 0.0);
                        assertEquals(ds.getYValue(s, i), Double.parseDouble(row.get(3)), 0.0);
                        if (ds instanceof XYZDataset xyz) {
                            assertEquals(xyz.getZValue(s, i), Double.parseDouble(row.get(4)), 0.0);
                        }
                    }
                }
            }
            assertTrue(k > 0, key);
            assertEquals(k, rows.size(), key);
            String line = csv.lines()
                    .filter(l -> l.startsWith("# preset: "))
                    .findFirst()
                    .orElseThrow();
            assertEquals(preset, PresetLoader.parse(line.substring("# preset: ".length()), "csv", List.of()));
            assertTrue(csv.startsWith("# Parsimony Lab 9.9.9-test: "));
        }
    }

    @Test
    void theSlideThemeChangesOnlyTheCopyAndTheCopyNoLongerFollowsTheLiveChart() {
        NamedFigure loss = figures().get(0);
        JFreeChart live = loss.figure().chart();
        java.awt.Font before = live.getTitle().getFont();
        JFreeChart copy = FigureTheme.SLIDE.prepare(live);
        assertEquals(before, live.getTitle().getFont());
        assertEquals(22, copy.getTitle().getFont().getSize());
        XYDataset liveData = ((XYPlot) live.getPlot()).getDataset();
        int items = ((XYPlot) copy.getPlot()).getDataset().getItemCount(0);
        ((org.jfree.data.xy.XYSeriesCollection) liveData).getSeries(0).add(1000, 1.0);
        assertEquals(items, ((XYPlot) copy.getPlot()).getDataset().getItemCount(0));
        // The copy's legend reads the copy's plot (a plain clone would still list the live plot's items).
        assertSame(copy.getPlot(), copy.getLegend().getSources()[0]);
        assertNotSame(live.getPlot(), copy.getPlot());
    }

    @Test
    void aFailedWriteLeavesNoFileBehindAndSaysWhereInOneLine() throws IOException {
        JFreeChart chart = chart("loss", FigureTheme.SCREEN);
        FigureOptions o = new FigureOptions(FigureSize.SINGLE_COLUMN, 1, FigureTheme.SCREEN, false);
        Path blocker = Files.writeString(dir.resolve("not-a-folder"), "x");
        IOException e = assertThrows(
                IOException.class,
                () -> FigureWriter.write(chart, FigureFormat.PNG, blocker.resolve("f.png"), o, meta));
        assertFalse(e.getMessage().contains("\n"));
        assertTrue(e.getMessage().contains("not-a-folder"), e.getMessage());
        // The target is in the way (a non-empty folder): the move fails, the temporary file is removed.
        Path occupied = Files.createDirectories(dir.resolve("occupied.png"));
        Files.writeString(occupied.resolve("keep"), "x");
        assertThrows(IOException.class, () -> FigureWriter.write(chart, FigureFormat.PNG, occupied, o, meta));
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(
                    Set.of("not-a-folder", "occupied.png"),
                    s.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        assertArrayEquals("x".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(occupied.resolve("keep")));
        IOException dirFail = assertThrows(
                IOException.class,
                () -> FigureBatch.write(List.of(), blocker.resolve("sub"), "p", Set.of(FigureFormat.CSV), o, meta));
        assertTrue(dirFail.getMessage().startsWith("cannot create"), dirFail.getMessage());
    }

    @Test
    void sizesAndFormatsParseAndRejectNonsense() {
        assertEquals(FigureSize.SLIDE, FigureSize.parse("slide"));
        assertEquals(800, FigureSize.parse("800x450").widthPt());
        assertThrows(IllegalArgumentException.class, () -> FigureSize.parse("huge"));
        assertThrows(IllegalArgumentException.class, () -> FigureSize.parse("10x10"));
        assertEquals(EnumSet.of(FigureFormat.PNG, FigureFormat.CSV), FigureFormat.parseList("png, csv"));
        assertThrows(IllegalArgumentException.class, () -> FigureFormat.parseList("gif"));
        assertThrows(IllegalArgumentException.class, () -> FigureTheme.parse("dark"));
    }
}
