package org.parsimonylab.checkpoints;

import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The element types a checkpoint tensor may have, decoded exactly to double: F64, F32, F16 (IEEE 754 binary16) and
 * BF16 (bfloat16, the upper half of a binary32). Every value of the narrower types is a double, so the conversion
 * loses nothing.
 */
public enum Dtype {
    F64(8),
    F32(4),
    F16(2),
    BF16(2);

    /** The names accepted, for error messages. */
    public static final String SUPPORTED = "F64, F32, F16, BF16";

    private final int bytes;

    Dtype(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The dtype of a safetensors {@code dtype} string, or null when it is not one of {@link #SUPPORTED}. */
    public static Dtype ofSafetensors(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "F64" -> F64;
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            default -> null;
        };
    }

    /** Decodes {@code n} elements from {@code buf} (its byte order set by the caller) into {@code out[from..]}. */
    void decode(ByteBuffer buf, double[] out, int from, int n) {
        switch (this) {
            case F64 -> {
                for (int i = 0; i < n; i++) {
                    out[from + i] = buf.getDouble();
                }
            }
            case F32 -> {
                for (int i = 0; i < n; i++) {
                    out[from + i] = buf.getFloat();
                }
            }
            case F16 -> {
                for (int i = 0; i < n; i++) {
                    out[from + i] = halfToDouble(buf.getShort());
                }
            }
            case BF16 -> {
                for (int i = 0; i < n; i++) {
                    out[from + i] = Float.intBitsToFloat((buf.getShort() & 0xFFFF) << 16);
                }
            }
        }
    }

    /**
     * The value of an IEEE 754 binary16 bit pattern: sign·2^(e−15)·(1 + m/1024) for normal numbers,
     * sign·2^(−14)·m/1024 for subnormals, ±infinity and NaN for e = 31.
     */
    static double halfToDouble(short bits) {
        int h = bits & 0xFFFF;
        int sign = (h & 0x8000) != 0 ? -1 : 1;
        int exponent = (h >>> 10) & 0x1F;
        int mantissa = h & 0x3FF;
        if (exponent == 0x1F) {
            return mantissa == 0 ? sign * Double.POSITIVE_INFINITY : Double.NaN;
        }
        if (exponent == 0) {
            return sign * Math.scalb((double) mantissa, -24);
        }
        return sign * Math.scalb((double) (1024 + mantissa), exponent - 25);
    }
}
