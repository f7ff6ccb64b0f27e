package org.parsimonylab.engine;

/** Validation helpers for the compact constructors of spec records: messages name the field and the allowed range. */
public final class Check {
    private Check() {}

    /** Requires {@code lo <= value <= hi}. */
    public static void range(String field, long value, long lo, long hi) {
        if (value < lo || value > hi) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "] (got " + value + ")");
        }
    }

    /** Requires a finite value with {@code lo <= value <= hi}. */
    public static void range(String field, double value, double lo, double hi) {
        if (!(value >= lo && value <= hi)) {
            throw new IllegalArgumentException(field + " must be in [" + lo + ", " + hi + "] (got " + value + ")");
        }
    }

    /** Requires a finite value {@code >= lo}. */
    public static void atLeast(String field, double value, double lo) {
        if (!(value >= lo) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a finite number >= " + lo + " (got " + value + ")");
        }
    }

    /** Requires a fraction {@code 0 < value <= 1}. */
    public static void fraction(String field, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be in (0, 1] (got " + value + ")");
        }
    }

    /** Requires a finite value {@code > 0}. */
    public static void positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be a positive finite number (got " + value + ")");
        }
    }

    /** Requires a non-null value. */
    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    /** Fails with {@code message} unless {@code condition}. */
    public static void that(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
