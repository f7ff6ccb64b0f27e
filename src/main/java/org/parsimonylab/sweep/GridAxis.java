package org.parsimonylab.sweep;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One swept preset field: a dotted path and its values as {@code --set} text, parsed from {@code path=v1,v2,...} or a
 * numeric range {@code path=from:to:linN} (N evenly spaced values, both ends included), {@code path=from:to:logN} (N
 * values evenly spaced in log10) or {@code path=from:to:stepS} (from, from+S, ... up to to). With integer ends the
 * values are integers when they can be: exact for lin and step ranges, rounded for log ranges if that keeps them
 * distinct (so {@code network.width=10:1000:log5} gives 10, 32, 100, 316, 1000).
 *
 * @param path the dotted preset path, e.g. {@code network.width}
 * @param values the values in sweep order, as they are passed to {@code --set path=value}
 */
public record GridAxis(String path, List<String> values) {
    /** Most values one axis may have (a typo like 1:1e6:step1 should fail, not plan a million runs). */
    public static final int MAX_VALUES = 10_000;

    private static final Pattern RANGE =
            Pattern.compile("([^:]+):([^:]+):(lin|log|step)([^:]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PATH = Pattern.compile("[A-Za-z][A-Za-z0-9]*(\\.[A-Za-z0-9]+)*");

    public GridAxis {
        if (path == null || !PATH.matcher(path).matches()) {
            throw new IllegalArgumentException("--grid: '" + path + "' is not a dotted preset path like network.width");
        }
        values = List.copyOf(values);
        if (values.isEmpty()) {
            throw new IllegalArgumentException("--grid " + path + ": no values");
        }
        if (new LinkedHashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("--grid " + path + ": a value is listed twice in " + values);
        }
    }

    /** Parses {@code path=v1,v2,...} or {@code path=from:to:linN|logN|stepS}. */
    public static GridAxis parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(
                    "--grid '" + spec + "' must have the form path=v1,v2,... or path=from:to:log5");
        }
        String path = spec.substring(0, eq).strip();
        String text = spec.substring(eq + 1).strip();
        Matcher m = RANGE.matcher(text);
        if (m.matches()) {
            return new GridAxis(path, range(path, m));
        }
        List<String> values = new ArrayList<>();
        for (String v : text.split(",", -1)) {
            String s = v.strip();
            if (s.isEmpty()) {
                throw new IllegalArgumentException("--grid " + path + ": empty value in '" + text + "'");
            }
            values.add(s);
        }
        return new GridAxis(path, values);
    }

    private static List<String> range(String path, Matcher m) {
        String where = "--grid " + path + "=" + m.group(0);
        double from = number(where, "start", m.group(1));
        double to = number(where, "end", m.group(2));
        String kind = m.group(3).toLowerCase(Locale.ROOT);
        double arg = number(where, kind.equals("step") ? "step" : "count", m.group(4));
        boolean integral = isIntegral(m.group(1)) && isIntegral(m.group(2));
        List<Double> xs = new ArrayList<>();
        switch (kind) {
            case "lin", "log" -> {
                if (arg != Math.rint(arg) || arg < 1 || arg > MAX_VALUES) {
                    throw new IllegalArgumentException(
                            where + ": the count must be a whole number in [1, " + MAX_VALUES + "]");
                }
                int n = (int) arg;
                if (kind.equals("log") && (from <= 0 || to <= 0)) {
                    throw new IllegalArgumentException(where + ": a log range needs positive ends");
                }
                if (n == 1 && from != to) {
                    throw new IllegalArgumentException(where + ": one value cannot span two different ends");
                }
                for (int i = 0; i < n; i++) {
                    double t = n == 1 ? 0 : (double) i / (n - 1);
                    xs.add(
                            kind.equals("lin")
                                    ? from + t * (to - from)
                                    : Math.pow(10, Math.log10(from) + t * (Math.log10(to) - Math.log10(from))));
                }
                // Integer ends ask for integers (widths, depths): a lin range must hit them exactly, a log range is
                // rounded as long as the rounded values stay distinct.
                integral &= kind.equals("lin")
                        ? xs.stream().allMatch(x -> Math.abs(x - Math.rint(x)) < 1e-9)
                        : xs.stream().map(Math::round).distinct().count() == xs.size();
            }
            default -> {
                if (!(arg > 0)) {
                    throw new IllegalArgumentException(where + ": the step must be > 0");
                }
                if (to < from) {
                    throw new IllegalArgumentException(where + ": the end must be >= the start");
                }
                long n = (long) Math.floor((to - from) / arg * (1 + 1e-12)) + 1;
                if (n > MAX_VALUES) {
                    throw new IllegalArgumentException(where + ": " + n + " values, at most " + MAX_VALUES);
                }
                for (long i = 0; i < n; i++) {
                    xs.add(from + i * arg);
                }
                integral &= isIntegral(m.group(4));
            }
        }
        List<String> out = new ArrayList<>();
        for (double x : xs) {
            out.add(integral ? Long.toString(Math.round(x)) : format(x));
        }
        return out;
    }

    /** A double as short text: 12 significant digits, so 10^-2.5 prints as 0.00316227766017, not 0.0031622776601683794. */
    static String format(double x) {
        BigDecimal d = new BigDecimal(x).round(new MathContext(12)).stripTrailingZeros();
        String s = d.toString();
        // Keep it a JSON number that reads as a double (1 -> 1.0) and keeps exponents lower-case.
        if (!s.contains(".") && !s.contains("E")) {
            s = s + ".0";
        }
        return s.replace("E+", "e").replace("E", "e");
    }

    private static boolean isIntegral(String text) {
        return text.strip().matches("[+-]?\\d+");
    }

    private static double number(String where, String what, String text) {
        try {
            double v = Double.parseDouble(text.strip());
            if (!Double.isFinite(v)) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": the " + what + " '" + text + "' is not a finite number");
        }
    }
}
