package org.parsimonylab.chart;

import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.Locale;

/**
 * Tick labels with three significant digits, plain for moderate magnitudes and as 1.5e-4 otherwise: LogAxis's
 * default prints 10^-0.84 on a narrow range, which nobody reads.
 */
final class TickFormat extends NumberFormat {
    @Override
    public StringBuffer format(double v, StringBuffer to, FieldPosition pos) {
        return to.append(format3(v));
    }

    @Override
    public StringBuffer format(long v, StringBuffer to, FieldPosition pos) {
        return to.append(format3(v));
    }

    @Override
    public Number parse(String source, ParsePosition pos) {
        throw new UnsupportedOperationException("tick labels are never parsed");
    }

    /** Three significant digits, trailing zeros removed. */
    static String format3(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
            int exponent = Integer.parseInt(s.substring(e + 1));
            return mantissa + "e" + exponent;
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
