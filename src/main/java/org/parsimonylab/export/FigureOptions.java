package org.parsimonylab.export;

import org.parsimonylab.chart.FigureTheme;

/**
 * How figures are exported.
 *
 * @param size the logical size (points)
 * @param scale PNG pixels per point: 1, 2 or 3 for 1×/2×/3× (any value in [0.25, 8])
 * @param theme the look, applied to a copy of the chart
 * @param editableText SVG text as {@code <text>} elements (restyled in Illustrator or Figma) instead of glyph outlines
 *     (identical on every machine)
 */
public record FigureOptions(FigureSize size, double scale, FigureTheme theme, boolean editableText) {
    /** Slides: 960×540 pt, PNG 2× (1920×1080 px), slide theme, text as outlines. */
    public static final FigureOptions SLIDES = new FigureOptions(FigureSize.SLIDE, 2, FigureTheme.SLIDE, false);

    public FigureOptions {
        if (size == null || theme == null) {
            throw new IllegalArgumentException("size and theme are required");
        }
        if (!(scale >= 0.25 && scale <= 8)) {
            throw new IllegalArgumentException("scale must be between 0.25 and 8 (got " + scale + ")");
        }
    }
}
