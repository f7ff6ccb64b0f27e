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

    /** A duration for a person: "45 s", "12 min 5 s", "3 h 20 min", "2.5 days"; "–" when unknown. */
    static String duration(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0) {
            return "–";
        }
        long s = Math.round(seconds);
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400 * 2) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return String.format(Locale.ROOT, "%.1f days", seconds / 86_400);
    }
}
