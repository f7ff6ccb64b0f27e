package org.parsimonylab.export;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The file formats a figure is exported in. */
public enum FigureFormat {
    /** Raster, at a chosen scale of the figure size. */
    PNG("png"),
    /** Vector, drawn by JFreeSVG's {@code SVGGraphics2D}. */
    SVG("svg"),
    /** Vector, drawn by JFreePDF with text as glyph outlines. */
    PDF("pdf"),
    /** The numbers in the chart, long format. */
    CSV("csv");

    private final String extension;

    FigureFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The format named {@code name} (its extension, any case). */
    public static FigureFormat parse(String name) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        for (FigureFormat f : values()) {
            if (f.extension.equals(n)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be png, svg, pdf or csv (got '" + name + "')");
    }

    /** The formats of a comma-separated list such as {@code png,svg}. */
    public static Set<FigureFormat> parseList(String list) {
        Set<FigureFormat> out = EnumSet.noneOf(FigureFormat.class);
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--format needs at least one of png, svg, pdf, csv");
        }
        return out;
    }
}
