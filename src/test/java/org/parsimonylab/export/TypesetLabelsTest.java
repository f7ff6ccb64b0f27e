package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.Test;
import org.parsimonylab.chart.FigureTheme;
import org.parsimonylab.chart.SingularValuesFigure;
import org.parsimonylab.chart.Tex;
import org.parsimonylab.metrics.MetricSeries;
import org.parsimonylab.metrics.StepSnapshot;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Math in labels is typeset by JLaTeXMath and drawn as outlines (issue 10 item 5): the singular-value figure's y label
 * σᵢ and title "Singular values σᵢ of W₁" are vector paths in SVG (even with editable text, where plain labels stay
 * {@code <text>}) and in PDF, never the TeX source or a font the viewer lacks, and a PNG draws them headless.
 */
class TypesetLabelsTest {
    private static final FigureMetadata META = new FigureMetadata("{}", "9.9.9-test");
    private static final FigureOptions EDITABLE =
            new FigureOptions(FigureSize.DOUBLE_COLUMN, 1, FigureTheme.SCREEN, true);

    private static JFreeChart chart(String yLabel) {
        SingularValuesFigure f = new SingularValuesFigure();
        f.setBlockRank(1);
        for (int t = 0; t <= 10; t++) {
            double[] sv = {1 + 0.05 * t, 1, 1, 1 - 0.03 * t};
            f.add(new StepSnapshot(t, 0, List.of(MetricSeries.indexed("sv", 1, sv))));
        }
        f.flush();
        JFreeChart copy = FigureTheme.SCREEN.prepare(f.chart(), 504, 252);
        ((XYPlot) copy.getPlot()).getRangeAxis().setLabel(yLabel);
        copy.getTitle().setText("Singular values σᵢ of W₁");
        return copy;
    }

    private static Document xml(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<String> texts(Document d) {
        NodeList n = d.getElementsByTagNameNS("*", "text");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.getLength(); i++) {
            out.add(n.item(i).getTextContent());
        }
        return out;
    }

    @Test
    void labelsWithMathConvertToTex() {
        assertEquals("\\sigma _{i}", Tex.toTex("σᵢ", false));
        assertEquals("D_\\ell ", Tex.toTex("D_ℓ", false));
        assertEquals("\\|W\\ -\\ \\Phi \\|_F\\ /\\ \\|\\Phi \\|_F", Tex.toTex("‖W − Φ‖_F / ‖Φ‖_F", false));
        assertEquals("\\rho (t)", Tex.toTex("ρ(t)", false));
        assertFalse(Tex.hasMath("step"));
        assertNotNull(Tex.formula("‖W − Φ‖_F / ‖Φ‖_F", new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 12)));
    }

    @Test
    void svgDrawsTheTypesetLabelAsPathsEvenWithEditableText() throws Exception {
        JFreeChart withSigma = chart("σᵢ");
        assertTrue(
                withSigma.getTitle().getText().contains("σ"),
                withSigma.getTitle().getText());
        String svg = FigureWriter.svg(withSigma, EDITABLE, META);
        Document d = xml(svg);
        List<String> texts = texts(d);
        assertTrue(texts.contains("step"), "plain labels stay editable text: " + texts);
        for (String t : texts) {
            assertFalse(t.contains("σ") || t.contains("sigma") || t.contains("\\"), "math as text: " + t);
        }
        assertFalse(svg.contains("\\sigma"), "no TeX source in the SVG");
        JFreeChart without = chart("σᵢ");
        ((XYPlot) without.getPlot()).getRangeAxis().setLabel(null);
        without.getTitle().setText("");
        int paths = xml(svg).getElementsByTagNameNS("*", "path").getLength();
        int pathsWithout = xml(FigureWriter.svg(without, EDITABLE, META))
                .getElementsByTagNameNS("*", "path")
                .getLength();
        assertEquals(pathsWithout + 2, paths, "one path for the y label and one for the title");
    }

    @Test
    void pdfDrawsTheTypesetLabelAsPathsAndPngRendersHeadless() throws Exception {
        FigureOptions o = new FigureOptions(FigureSize.DOUBLE_COLUMN, 1, FigureTheme.SCREEN, false);
        byte[] pdf = FigureWriter.pdf(chart("σᵢ"), o, META);
        assertFalse(new String(pdf, StandardCharsets.ISO_8859_1).contains("sigma"), "no TeX source in the PDF");
        BufferedImage with;
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(doc);
            assertFalse(text.contains("σ") || text.contains("sigma"), "math as text: " + text);
            with = new PDFRenderer(doc).renderImageWithDPI(0, 144);
        }
        // The same chart as a PNG at the same pixel size (2 px per pt = 144 dpi): the left margin holds only the y
        // label (the tick labels start further right), and the PDF's vector label covers about the same pixels.
        BufferedImage png = FigureWriter.image(
                chart("σᵢ"), new FigureOptions(FigureSize.DOUBLE_COLUMN, 2, FigureTheme.SCREEN, false));
        assertEquals(with.getWidth(), png.getWidth());
        int pdfInk = ink(with, 0, 40);
        int pngInk = ink(png, 0, 40);
        assertTrue(pngInk > 20, "typeset y label drawn in the PNG: " + pngInk);
        assertTrue(
                Math.abs(pdfInk - pngInk) < 0.5 * pngInk, "the PDF draws the same label: " + pdfInk + " vs " + pngInk);
        BufferedImage noLabel = FigureWriter.image(
                chart(" "), new FigureOptions(FigureSize.DOUBLE_COLUMN, 2, FigureTheme.SCREEN, false));
        assertTrue(ink(noLabel, 0, 40) < pngInk / 2, "without the label the margin is empty");
    }

    /** Dark pixels in columns [from, to). */
    private static int ink(BufferedImage img, int from, int to) {
        int n = 0;
        for (int x = from; x < Math.min(to, img.getWidth()); x++) {
            for (int y = 0; y < img.getHeight(); y++) {
                int rgb = img.getRGB(x, y);
                int lum = ((rgb >> 16) & 255) + ((rgb >> 8) & 255) + (rgb & 255);
                if (lum < 3 * 200) {
                    n++;
                }
            }
        }
        return n;
    }
}
