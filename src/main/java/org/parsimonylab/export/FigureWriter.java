package org.parsimonylab.export;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.jfree.chart.JFreeChart;
import org.jfree.pdf.PDFDocument;
import org.jfree.pdf.PDFGraphics2D;
import org.jfree.pdf.PDFHints;
import org.jfree.pdf.Page;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGHints;
import org.jfree.svg.SVGUtils;

/**
 * Draws a chart into figure files (ecosystem.md §6): PNG into an image of (w·s)×(h·s) pixels after {@code
 * g2.scale(s, s)}, so that layout and type match the chart at its logical size; SVG through JFreeSVG's {@link
 * SVGGraphics2D} directly (not {@code ExportUtils}, which fails with JFreeSVG 5), coordinates to 2 decimals; PDF
 * through JFreePDF with text drawn as glyph outlines (its default text maps fonts to the base-14 set and turns σ into
 * "?"); CSV from the plot's datasets. Every file carries {@link FigureMetadata}. Rendering methods take a chart
 * nobody else changes (a copy from {@link org.parsimonylab.chart.FigureTheme#prepare}); files are written atomically.
 */
public final class FigureWriter {
    /** PNG text keyword holding the preset JSON. */
    public static final String PNG_PRESET_KEY = "parsimony-lab-preset";

    /** PDF information key holding the preset JSON (a custom key; also in /Keywords for viewers that show only it). */
    public static final String PDF_PRESET_KEY = "ParsimonyLabPreset";

    private FigureWriter() {}

    /** Renders {@code chart} in {@code format} and writes it to {@code file} atomically. */
    public static Path write(
            JFreeChart chart, FigureFormat format, Path file, FigureOptions options, FigureMetadata meta)
            throws IOException {
        return AtomicFiles.write(file, render(chart, format, options, meta));
    }

    /** The bytes of {@code chart} in {@code format}. */
    public static byte[] render(JFreeChart chart, FigureFormat format, FigureOptions options, FigureMetadata meta) {
        return switch (format) {
            case PNG -> png(chart, options, meta);
            case SVG -> svg(chart, options, meta).getBytes(StandardCharsets.UTF_8);
            case PDF -> pdf(chart, options, meta);
            case CSV -> ChartCsv.of(chart, meta).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** The chart drawn into an image of the size at the scale (pixels = points × scale). */
    public static BufferedImage image(JFreeChart chart, FigureOptions options) {
        FigureSize size = options.size();
        int w = size.widthPx(options.scale());
        int h = size.heightPx(options.scale());
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g2 = image.createGraphics();
        try {
            g2.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g2.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g2.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            g2.setColor(java.awt.Color.WHITE);
            g2.fillRect(0, 0, w, h);
            g2.scale(options.scale(), options.scale());
            chart.draw(g2, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
        } finally {
            g2.dispose();
        }
        return image;
    }

    /**
     * PNG bytes with text chunks {@code Title}, {@code Software} (app version) and {@value #PNG_PRESET_KEY} (the
     * preset, one-line JSON with non-ASCII characters escaped, since tEXt is Latin-1), and the physical size (pHYs)
     * that makes the image {@code size} points wide in a document.
     */
    public static byte[] png(JFreeChart chart, FigureOptions options, FigureMetadata meta) {
        BufferedImage image = image(chart, options);
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IllegalStateException("this Java runtime cannot write PNG");
        }
        ImageWriter writer = writers.next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata =
                    writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String format = "javax_imageio_png_1.0";
            IIOMetadataNode root = new IIOMetadataNode(format);
            IIOMetadataNode text = new IIOMetadataNode("tEXt");
            text.appendChild(textEntry("Title", ascii(title(chart))));
            text.appendChild(textEntry("Software", meta.software()));
            if (!meta.presetJson().isEmpty()) {
                text.appendChild(textEntry(PNG_PRESET_KEY, meta.presetAscii()));
            }
            root.appendChild(text);
            IIOMetadataNode phys = new IIOMetadataNode("pHYs");
            int perMetre = (int) Math.round(options.scale() * 72 / 0.0254);
            phys.setAttribute("pixelsPerUnitXAxis", Integer.toString(perMetre));
            phys.setAttribute("pixelsPerUnitYAxis", Integer.toString(perMetre));
            phys.setAttribute("unitSpecifier", "meter");
            root.appendChild(phys);
            metadata.mergeTree(format, root);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, metadata), param);
            }
            return bytes.toByteArray();
        } catch (IIOInvalidTreeException e) {
            throw new IllegalStateException("PNG metadata rejected: " + e.getMessage(), e);
        } catch (IOException e) {
            // Writing into memory does not fail for I/O reasons.
            throw new IllegalStateException("cannot encode PNG: " + e.getMessage(), e);
        } finally {
            writer.dispose();
        }
    }

    private static IIOMetadataNode textEntry(String keyword, String value) {
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", keyword);
        entry.setAttribute("value", value);
        return entry;
    }

    /**
     * An SVG document: series as paths, text as glyph outlines or as editable {@code <text>} ({@link
     * FigureOptions#editableText()}), with {@code <title>} (the chart title) and {@code <desc>} (app version and
     * preset JSON) as the first children of the root element.
     */
    public static String svg(JFreeChart chart, FigureOptions options, FigureMetadata meta) {
        FigureSize size = options.size();
        SVGGraphics2D g2 = new SVGGraphics2D(size.widthPt(), size.heightPt());
        g2.setGeomDoubleConverter(SVGUtils.createDoubleConverter(2));
        g2.setRenderingHint(
                SVGHints.KEY_DRAW_STRING_TYPE,
                options.editableText()
                        ? SVGHints.VALUE_DRAW_STRING_TYPE_STANDARD
                        : SVGHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        chart.draw(g2, new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt()));
        String element = g2.getSVGElement(null, true, null, null, null);
        int open = element.indexOf('>', element.indexOf("<svg"));
        StringBuilder head = new StringBuilder();
        head.append("<title>").append(SVGUtils.escapeForXML(title(chart))).append("</title>");
        head.append("<desc>")
                .append(SVGUtils.escapeForXML(meta.software()))
                .append("\npreset: ")
                .append(SVGUtils.escapeForXML(meta.presetOneLine()))
                .append("</desc>");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + element.substring(0, open + 1)
                + head
                + element.substring(open + 1)
                + "\n";
    }

    /**
     * A one-page PDF of the size in points, vector graphics and text as glyph outlines, with document information
     * Title, Author and Creator (the app version), Subject, Keywords and {@value #PDF_PRESET_KEY} (the preset JSON).
     */
    public static byte[] pdf(JFreeChart chart, FigureOptions options, FigureMetadata meta) {
        FigureSize size = options.size();
        PDFDocument doc = new PDFDocument();
        Rectangle2D bounds = new Rectangle2D.Double(0, 0, size.widthPt(), size.heightPt());
        Page page = doc.createPage(bounds);
        PDFGraphics2D g2 = page.getGraphics2D();
        g2.setRenderingHint(PDFHints.KEY_DRAW_STRING_TYPE, PDFHints.VALUE_DRAW_STRING_TYPE_VECTOR);
        chart.draw(g2, bounds);
        Map<String, String> info = new LinkedHashMap<>();
        info.put("Title", title(chart));
        info.put("Author", meta.software());
        info.put("Creator", meta.software());
        info.put("Subject", "Figure exported by " + meta.software() + "; the preset that made it is in /Keywords");
        if (!meta.presetJson().isEmpty()) {
            info.put("Keywords", "preset: " + meta.presetOneLine());
            info.put(PDF_PRESET_KEY, meta.presetOneLine());
        }
        info.put("ParsimonyLabVersion", meta.appVersion());
        return PdfInfo.withInfo(doc.getPDFBytes(), info);
    }

    private static String title(JFreeChart chart) {
        return chart.getTitle() == null ? "" : chart.getTitle().getText();
    }

    private static String ascii(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(c < 0x100 ? c : '?');
        }
        return sb.toString();
    }
}
