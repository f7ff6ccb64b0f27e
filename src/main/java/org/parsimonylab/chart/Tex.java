package org.parsimonylab.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scilab.forge.jlatexmath.TeXConstants;
import org.scilab.forge.jlatexmath.TeXFormula;
import org.scilab.forge.jlatexmath.TeXIcon;

/**
 * Math in labels and titles typeset with JLaTeXMath (issue 10 item 5): a label written for readers in Unicode ("σᵢ of
 * W₁", "‖W − Φ‖_F / ‖Φ‖_F", "D_ℓ") is turned into TeX ({@link #toTex}), typeset, and drawn as one filled outline
 * ({@link TexShapes}), so the formula looks the same in the app, in PNG, and as vector paths in SVG and PDF, where a
 * viewer has no TeX fonts. Labels without math draw as before. Words stay in a sans-serif text face, math in TeX's math
 * italic.
 */
public final class Tex {
    private Tex() {}

    /** Formulas typeset so far, by TeX source and size (labels repeat on every redraw). */
    private static final Map<String, Formula> CACHE = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Formula> e) {
            return size() > 512;
        }
    });

    /**
     * A typeset formula: its outline with the origin at the top left of its box.
     *
     * @param shape the outline, in points
     * @param width the box width
     * @param height the box height (ascent plus descent)
     */
    public record Formula(Shape shape, double width, double height) {}

    /** Whether {@code text} has math worth typesetting (Greek, sub- or superscripts, norms, operators). */
    public static boolean hasMath(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (mathChar(c) || c == '_' || c == '^') {
                return true;
            }
        }
        return false;
    }

    private static boolean mathChar(char c) {
        return GREEK.containsKey(c) || SUB.indexOf(c) >= 0 || SUP.indexOf(c) >= 0 || SYMBOLS.containsKey(c) || c == 'ᵀ';
    }

    /** The formula of {@code text} at {@code font}'s size, or null when it has no math or does not typeset. */
    public static Formula formula(String text, Font font) {
        if (!hasMath(text)) {
            return null;
        }
        boolean bold = font.isBold();
        // Computer Modern has a smaller x-height than the sans-serif of the ticks: 10 % larger matches them.
        float size = font.getSize2D() * 1.1f;
        // Keyed by the label itself: a redraw of a live chart finds its labels without translating them to TeX again.
        String key = text + (bold ? "@b" : "@") + size;
        Formula cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        String tex = toTex(text, bold);
        Formula f;
        try {
            TeXIcon icon = new TeXFormula(tex).createTeXIcon(TeXConstants.STYLE_TEXT, size);
            icon.setForeground(Color.BLACK);
            icon.setInsets(new java.awt.Insets(0, 0, 0, 0));
            TexShapes g = new TexShapes();
            icon.paintIcon(null, g, 0, 0);
            // True sizes are in points already (the icon's size is folded in).
            f = new Formula(g.path(), icon.getTrueIconWidth(), icon.getTrueIconHeight() + icon.getTrueIconDepth());
        } catch (RuntimeException | Error e) {
            // A label TeX cannot parse is drawn as plain text rather than not at all.
            return null;
        }
        CACHE.put(key, f);
        return f;
    }

    /**
     * Draws {@code f} centred on ({@code cx}, {@code cy}), turned by {@code angle} radians, in {@code paint}: one
     * filled path.
     */
    public static void draw(Graphics2D g2, Formula f, double cx, double cy, double angle, Paint paint) {
        AffineTransform t = AffineTransform.getTranslateInstance(cx, cy);
        t.rotate(angle);
        t.translate(-f.width() / 2, -f.height() / 2);
        Paint saved = g2.getPaint();
        g2.setPaint(paint);
        g2.fill(t.createTransformedShape(f.shape()));
        g2.setPaint(saved);
    }

    /** The bounds of {@code f} turned by {@code angle} about its centre. */
    public static Rectangle2D bounds(Formula f, double angle) {
        Rectangle2D box = new Rectangle2D.Double(-f.width() / 2, -f.height() / 2, f.width(), f.height());
        return AffineTransform.getRotateInstance(angle)
                .createTransformedShape(box)
                .getBounds2D();
    }

    /**
     * The space {@code axis}'s typeset label takes on {@code edge} (only width or height is used by JFreeChart), or
     * null when the label has no math (then the axis measures its plain label).
     */
    public static Rectangle2D labelEnclosure(org.jfree.chart.axis.Axis axis, org.jfree.chart.ui.RectangleEdge edge) {
        Formula f = axis.isVisible() ? formula(axis.getLabel(), axis.getLabelFont()) : null;
        if (f == null) {
            return null;
        }
        Rectangle2D b = bounds(f, labelAngle(axis, edge));
        org.jfree.chart.ui.RectangleInsets in = axis.getLabelInsets();
        return new Rectangle2D.Double(
                0, 0, b.getWidth() + in.getLeft() + in.getRight(), b.getHeight() + in.getTop() + in.getBottom());
    }

    /**
     * Draws {@code axis}'s typeset label beside {@code dataArea} on {@code edge}, centred, as JFreeChart places a
     * plain label, and moves the cursor past it; null when the label has no math (then draw the plain label).
     */
    public static org.jfree.chart.axis.AxisState drawLabel(
            org.jfree.chart.axis.Axis axis,
            String label,
            Graphics2D g2,
            Rectangle2D dataArea,
            org.jfree.chart.ui.RectangleEdge edge,
            org.jfree.chart.axis.AxisState state) {
        Formula f = state == null ? null : formula(label, axis.getLabelFont());
        if (f == null) {
            return null;
        }
        double angle = labelAngle(axis, edge);
        Rectangle2D b = bounds(f, angle);
        org.jfree.chart.ui.RectangleInsets in = axis.getLabelInsets();
        Paint paint = axis.getLabelPaint();
        // RectangleEdge is a class of constants, not an enum.
        if (edge == org.jfree.chart.ui.RectangleEdge.TOP) {
            draw(g2, f, dataArea.getCenterX(), state.getCursor() - in.getBottom() - b.getHeight() / 2, angle, paint);
            state.cursorUp(in.getTop() + b.getHeight() + in.getBottom());
        } else if (edge == org.jfree.chart.ui.RectangleEdge.BOTTOM) {
            draw(g2, f, dataArea.getCenterX(), state.getCursor() + in.getTop() + b.getHeight() / 2, angle, paint);
            state.cursorDown(in.getTop() + b.getHeight() + in.getBottom());
        } else if (edge == org.jfree.chart.ui.RectangleEdge.LEFT) {
            draw(g2, f, state.getCursor() - in.getRight() - b.getWidth() / 2, dataArea.getCenterY(), angle, paint);
            state.cursorLeft(in.getLeft() + b.getWidth() + in.getRight());
        } else {
            draw(g2, f, state.getCursor() + in.getLeft() + b.getWidth() / 2, dataArea.getCenterY(), angle, paint);
            state.cursorRight(in.getLeft() + b.getWidth() + in.getRight());
        }
        return state;
    }

    private static double labelAngle(org.jfree.chart.axis.Axis axis, org.jfree.chart.ui.RectangleEdge edge) {
        if (edge == org.jfree.chart.ui.RectangleEdge.LEFT) {
            return axis.getLabelAngle() - Math.PI / 2;
        }
        if (edge == org.jfree.chart.ui.RectangleEdge.RIGHT) {
            return axis.getLabelAngle() + Math.PI / 2;
        }
        return axis.getLabelAngle();
    }

    private static final Map<Character, String> GREEK = Map.ofEntries(
            Map.entry('α', "\\alpha"),
            Map.entry('β', "\\beta"),
            Map.entry('γ', "\\gamma"),
            Map.entry('δ', "\\delta"),
            Map.entry('ε', "\\varepsilon"),
            Map.entry('η', "\\eta"),
            Map.entry('θ', "\\theta"),
            Map.entry('κ', "\\kappa"),
            Map.entry('λ', "\\lambda"),
            Map.entry('μ', "\\mu"),
            Map.entry('ν', "\\nu"),
            Map.entry('π', "\\pi"),
            Map.entry('ρ', "\\rho"),
            Map.entry('σ', "\\sigma"),
            Map.entry('τ', "\\tau"),
            Map.entry('φ', "\\varphi"),
            Map.entry('ϕ', "\\phi"),
            Map.entry('χ', "\\chi"),
            Map.entry('ψ', "\\psi"),
            Map.entry('ω', "\\omega"),
            Map.entry('Γ', "\\Gamma"),
            Map.entry('Δ', "\\Delta"),
            Map.entry('Θ', "\\Theta"),
            Map.entry('Λ', "\\Lambda"),
            Map.entry('Π', "\\Pi"),
            Map.entry('Σ', "\\Sigma"),
            Map.entry('Φ', "\\Phi"),
            Map.entry('Ψ', "\\Psi"),
            Map.entry('Ω', "\\Omega"),
            Map.entry('ℓ', "\\ell"));

    private static final Map<Character, String> SYMBOLS = Map.ofEntries(
            Map.entry('‖', "\\|"),
            Map.entry('−', "-"),
            Map.entry('×', "\\times "),
            Map.entry('·', "\\cdot "),
            Map.entry('⋅', "\\cdot "),
            Map.entry('≈', "\\approx "),
            Map.entry('≤', "\\le "),
            Map.entry('≥', "\\ge "),
            Map.entry('±', "\\pm "),
            Map.entry('∞', "\\infty "),
            Map.entry('⟨', "\\langle "),
            Map.entry('⟩', "\\rangle "),
            Map.entry('∘', "\\circ "),
            Map.entry('⋯', "\\cdots "),
            Map.entry('∪', "\\cup "),
            Map.entry('∈', "\\in "),
            Map.entry('→', "\\to "),
            Map.entry('√', "\\surd "));

    private static final String SUB = "₀₁₂₃₄₅₆₇₈₉ᵢⱼₗₖₘₙₓ₊₋";
    private static final String SUB_PLAIN = "0123456789ijlkmnx+-";
    private static final String SUP = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻ᵀ";
    private static final String SUP_PLAIN = "0123456789+-T";

    /**
     * TeX for a Unicode label: words without math in {@code \textsf{…}} (bold: {@code \textbf}), words with math (and
     * lone letters such as W, i) in math mode, Greek and symbols as TeX commands, Unicode sub- and superscripts and
     * {@code _x}, {@code ^x} as TeX scripts.
     */
    public static String toTex(String text, boolean bold) {
        String[] words = text.split(" ", -1);
        StringBuilder out = new StringBuilder();
        StringBuilder run = new StringBuilder();
        Boolean runMath = null;
        for (String w : words) {
            boolean math = isMathWord(w, runMath);
            if (runMath != null && math != runMath) {
                flush(out, run, runMath, bold);
                run.setLength(0);
                // The word space between a text run and a formula (a control space: the top level is math mode).
                out.append("\\ ");
            } else if (runMath != null) {
                run.append(' ');
            }
            run.append(w);
            runMath = math;
        }
        if (runMath != null) {
            flush(out, run, runMath, bold);
        }
        return out.toString();
    }

    private static void flush(StringBuilder out, StringBuilder run, boolean math, boolean bold) {
        if (math) {
            String m = math(run.toString());
            out.append(bold ? "\\boldsymbol{" + m + "}" : m);
        } else {
            out.append(textRun(run.toString(), bold));
        }
    }

    /** A word is math if it has a math character, or is one letter; a word without letters follows its neighbour. */
    private static boolean isMathWord(String w, Boolean previous) {
        if (hasMath(w)) {
            return true;
        }
        boolean letters = w.chars().anyMatch(Character::isLetter);
        if (!letters) {
            // Punctuation between formulas ("/", "−", "=") is math; dashes and anything TeX has no glyph for are text.
            boolean plain = w.chars().allMatch(c -> c < 0x80);
            return plain && previous != null && previous && !w.isEmpty();
        }
        return w.length() == 1 || w.matches("[A-Za-z][,.:;)]?") || w.matches("\\(?[A-Za-z]\\)?");
    }

    private static String textRun(String s, boolean bold) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\', '{', '}', '$', '&', '#', '%', '_', '^', '~' -> b.append(' ');
                case '—' -> b.append("---");
                case '–' -> b.append("--");
                default -> b.append(c < 0x80 ? String.valueOf(c) : "?");
            }
        }
        return (bold ? "\\textbf{\\textsf{" : "\\textsf{") + b + (bold ? "}}" : "}");
    }

    private static String math(String s) {
        StringBuilder b = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int sub = SUB.indexOf(c);
            int sup = SUP.indexOf(c);
            if (sub >= 0) {
                StringBuilder digits = new StringBuilder();
                while (i < s.length() && SUB.indexOf(s.charAt(i)) >= 0) {
                    digits.append(SUB_PLAIN.charAt(SUB.indexOf(s.charAt(i))));
                    i++;
                }
                b.append("_{").append(digits).append('}');
                continue;
            }
            if (sup >= 0) {
                StringBuilder digits = new StringBuilder();
                while (i < s.length() && SUP.indexOf(s.charAt(i)) >= 0) {
                    char p = SUP_PLAIN.charAt(SUP.indexOf(s.charAt(i)));
                    digits.append(p == 'T' ? "\\top " : String.valueOf(p));
                    i++;
                }
                b.append("^{").append(digits).append('}');
                continue;
            }
            if (GREEK.containsKey(c)) {
                b.append(GREEK.get(c)).append(' ');
            } else if (SYMBOLS.containsKey(c)) {
                b.append(SYMBOLS.get(c));
            } else if (c == ' ') {
                b.append("\\ ");
            } else if (c == '%' || c == '#' || c == '&' || c == '$') {
                b.append('\\').append(c);
            } else if (c < 0x80) {
                b.append(c);
            }
            i++;
        }
        return b.toString();
    }
}
