package org.parsimonylab.export;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The logical size of an exported figure in points (1/72 in; one PNG pixel per point at scale 1). The presets are a
 * 16:9 slide (960×540 pt: 1920×1080 px at 2×) and paper figures one column (3.5 in) or two columns (7 in) wide.
 *
 * @param name the preset's name, or {@code WxH}
 * @param widthPt width in points
 * @param heightPt height in points
 */
public record FigureSize(String name, double widthPt, double heightPt) {
    /** 16:9 slide. */
    public static final FigureSize SLIDE = new FigureSize("slide", 960, 540);

    /** A single-column paper figure, 3.5 × 2.625 in. */
    public static final FigureSize SINGLE_COLUMN = new FigureSize("single-column", 252, 189);

    /** A double-column paper figure, 7 × 3.5 in. */
    public static final FigureSize DOUBLE_COLUMN = new FigureSize("double-column", 504, 252);

    private static final Pattern WXH = Pattern.compile("(\\d+(?:\\.\\d+)?)[xX×](\\d+(?:\\.\\d+)?)");

    public FigureSize {
        if (!(widthPt >= 50 && widthPt <= 10000 && heightPt >= 50 && heightPt <= 10000)) {
            throw new IllegalArgumentException(
                    "figure size must be between 50 and 10000 points each way (got " + widthPt + "x" + heightPt + ")");
        }
    }

    /** The presets, in menu order. */
    public static FigureSize[] presets() {
        return new FigureSize[] {SLIDE, SINGLE_COLUMN, DOUBLE_COLUMN};
    }

    /** {@code slide}, {@code single-column}, {@code double-column} or {@code WxH} in points (e.g. {@code 800x450}). */
    public static FigureSize parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (FigureSize s : presets()) {
            if (s.name.equals(t)) {
                return s;
            }
        }
        Matcher m = WXH.matcher(t);
        if (m.matches()) {
            return new FigureSize(t, Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)));
        }
        throw new IllegalArgumentException(
                "size must be slide, single-column, double-column or WxH in points, e.g. 800x450 (got '" + text + "')");
    }

    /** Width in pixels at {@code scale}. */
    public int widthPx(double scale) {
        return (int) Math.round(widthPt * scale);
    }

    /** Height in pixels at {@code scale}. */
    public int heightPx(double scale) {
        return (int) Math.round(heightPt * scale);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%.0f×%.0f pt)", name, widthPt, heightPt);
    }
}
