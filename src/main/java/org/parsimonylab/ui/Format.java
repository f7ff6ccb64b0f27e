package org.parsimonylab.ui;

import java.util.Locale;

/** Number formats of the labels. */
final class Format {
    private Format() {}

    /** Three significant digits, plain for moderate magnitudes and scientific otherwise. */
    static String sig(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "−∞";
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            String s = String.format(Locale.ROOT, "%.2e", v);
            int e = s.indexOf('e');
            String mantissa = s.substring(0, e).replaceAll("0+$", "").replaceAll("\\.$", "");
            return mantissa + "e" + Integer.parseInt(s.substring(e + 1));
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains(".")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }

    /** A speed in steps per second. */
    static String speed(double stepsPerSecond) {
        if (Double.isInfinite(stepsPerSecond)) {
            return "as fast as possible";
        }
        return stepsPerSecond == 1 ? "1 step/s" : sig(stepsPerSecond) + " steps/s";
    }
}
