package org.parsimonylab.chart;

import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import org.jfree.chart.block.RectangleConstraint;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Size2D;

/** A chart title whose math is typeset ({@link Tex}); a title without math is a plain {@link TextTitle}. */
public class TexTitle extends TextTitle {
    private static final long serialVersionUID = 1L;

    /** A title showing {@code text} in {@code font}. */
    public TexTitle(String text, Font font) {
        super(text, font);
    }

    @Override
    public Size2D arrange(Graphics2D g2, RectangleConstraint constraint) {
        Tex.Formula f = Tex.formula(getText(), getFont());
        if (f == null || !getPosition().equals(org.jfree.chart.ui.RectangleEdge.TOP)) {
            return super.arrange(g2, constraint);
        }
        double w = calculateTotalWidth(f.width());
        double h = calculateTotalHeight(f.height());
        if (constraint.getWidthRange() != null) {
            w = constraint.getWidthRange().constrain(w);
        }
        return new Size2D(w, h);
    }

    @Override
    public Object draw(Graphics2D g2, Rectangle2D area, Object params) {
        Tex.Formula f = Tex.formula(getText(), getFont());
        if (f == null || !getPosition().equals(org.jfree.chart.ui.RectangleEdge.TOP)) {
            return super.draw(g2, area, params);
        }
        Rectangle2D inner = trimPadding(trimBorder(trimMargin(area)));
        drawBorder(g2, trimMargin(area));
        Tex.draw(g2, f, inner.getCenterX(), inner.getCenterY(), 0, getPaint());
        return null;
    }
}
