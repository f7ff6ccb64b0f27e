package org.parsimonylab.export;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ejml.data.DMatrixRMaj;

/**
 * Writes and reads NumPy .npy files (format version 1.0, little-endian, C order): matrices and arrays as
 * {@code '<f8'}, labels as {@code '<i8'}; reading accepts {@code '<f8'} and {@code '<i8'} (converted to double).
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    /** numpy pads the header so that the data starts at a multiple of 64 bytes (aligned for memory mapping). */
    private static final int ALIGN = 64;
    /** Magic, two version bytes and the uint16 header length of version 1.0. */
    private static final int PREAMBLE_V1 = MAGIC.length + 2 + 2;
    /** Values per chunk: 64 KiB buffers keep the copy cheap without holding a second copy of a large matrix. */
    private static final int CHUNK = 8192;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private Npy() {}

    /** Writes {@code m} as a float64 array of shape (rows, cols) in C order. */
    public static void write(Path path, DMatrixRMaj m) throws IOException {
        // EJML may keep a data array longer than rows*cols; only the leading part belongs to the matrix.
        writeDoubles(path, m.data, m.numRows * m.numCols, new long[] {m.numRows, m.numCols});
    }

    /** Writes {@code values} (C order) as a float64 array of the given shape; the shape's product must match. */
    public static void write(Path path, double[] values, int... shape) throws IOException {
        long[] dims = checkShape(values.length, shape);
        writeDoubles(path, values, values.length, dims);
    }

    /** Writes {@code values} as a one-dimensional int64 array, e.g. class labels. */
    public static void writeInts(Path path, int[] values) throws IOException {
        writeInts(path, values, new long[] {values.length});
    }

    /** Writes {@code values} (C order) as an int64 array of shape {@code shape}, whose product must match. */
    public static void writeInts(Path path, int[] values, long[] shape) throws IOException {
        long count = 1;
        for (long dim : shape) {
            count *= dim;
        }
        if (count != values.length) {
            throw new IllegalArgumentException("shape holds " + count + " values, not " + values.length);
        }
        byte[] header = header("<i8", shape);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), CHUNK * Long.BYTES)) {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < values.length; start += CHUNK) {
                int n = Math.min(CHUNK, values.length - start);
                buf.clear();
                for (int i = 0; i < n; i++) {
                    buf.putLong(values[start + i]);
                }
                out.write(buf.array(), 0, n * Long.BYTES);
            }
        } catch (IOException e) {
            throw IoMessages.failure("write", path, e);
        }
    }

    /** Reads a version 1.x–3.x .npy file of dtype {@code '<f8'} or {@code '<i8'} in C order. */
    public static NpyArray read(Path path) throws IOException {
        try (InputStream raw = Files.newInputStream(path);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, CHUNK * Double.BYTES))) {
            return read(path, in);
        } catch (EOFException e) {
            throw new IOException(path + ": file ends early; not a complete .npy file", e);
        } catch (FormatException e) {
            throw new IOException(path + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw IoMessages.failure("read", path, e);
        }
    }

    /** The header of a version 1.0 file: preamble plus the dict padded with spaces and a newline to 64 bytes. */
    static byte[] header(String descr, long[] shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeRepr(shape) + ", }";
        int unpadded = PREAMBLE_V1 + dict.length() + 1;
        int padding = (ALIGN - unpadded % ALIGN) % ALIGN;
        String text = dict + " ".repeat(padding) + "\n";
        if (text.length() > 0xFFFF) {
            throw new IllegalArgumentException("shape too long for a version 1.0 header: " + Arrays.toString(shape));
        }
        ByteBuffer buf = ByteBuffer.allocate(PREAMBLE_V1 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) text.length());
        buf.put(text.getBytes(StandardCharsets.US_ASCII));
        return buf.array();
    }

    /** Python's repr of a shape tuple: {@code ()}, {@code (5,)}, {@code (3, 5)}. */
    private static String shapeRepr(long[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(')').toString();
    }

    private static long[] checkShape(int length, int[] shape) {
        long[] dims = new long[shape.length];
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            dims[i] = shape[i];
            n *= shape[i];
        }
        if (n != length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + n + " values, got " + length);
        }
        return dims;
    }

    private static void writeDoubles(Path path, double[] values, int count, long[] shape) throws IOException {
        byte[] header = header("<f8", shape);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), CHUNK * Double.BYTES)) {
            out.write(header);
            ByteBuffer buf = ByteBuffer.allocate(CHUNK * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < count; start += CHUNK) {
                int n = Math.min(CHUNK, count - start);
                // The DoubleBuffer view copies raw bits, so NaN payloads and -0.0 survive unchanged.
                buf.clear();
                buf.asDoubleBuffer().put(values, start, n);
                out.write(buf.array(), 0, n * Double.BYTES);
            }
        } catch (IOException e) {
            throw IoMessages.failure("write", path, e);
        }
    }

    private static NpyArray read(Path path, DataInputStream in) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        in.readFully(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new FormatException("not a .npy file (the magic string \\x93NUMPY is missing)");
        }
        int major = in.readUnsignedByte();
        in.readUnsignedByte();
        long headerLength;
        if (major == 1) {
            headerLength = Short.toUnsignedInt(Short.reverseBytes(in.readShort()));
        } else if (major == 2 || major == 3) {
            // Versions 2.0 and 3.0 differ from 1.0 only by a uint32 header length (3.0: UTF-8 header text).
            headerLength = Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()));
        } else {
            throw new FormatException("unsupported .npy format version " + major + " (supported: 1.0, 2.0, 3.0)");
        }
        if (headerLength > 1 << 20) {
            throw new FormatException("header of " + headerLength + " bytes is implausibly long");
        }
        byte[] headerBytes = new byte[(int) headerLength];
        in.readFully(headerBytes);
        String header = new String(headerBytes, StandardCharsets.UTF_8);

        String descr = find(DESCR, header, "descr");
        String fortran = find(FORTRAN, header, "fortran_order");
        int[] shape = parseShape(find(SHAPE, header, "shape"));
        boolean isDouble = descr.equals("<f8");
        if (!isDouble && !descr.equals("<i8")) {
            throw new FormatException("dtype '" + descr + "' is not supported (supported: '<f8' float64 and '<i8'"
                    + " int64, little-endian)");
        }
        if (fortran.equals("True")) {
            throw new FormatException("fortran_order True is not supported (supported: C order; save with"
                    + " np.save(path, np.ascontiguousarray(a)))");
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE - 8) {
                throw new FormatException("array of shape " + Arrays.toString(shape) + " is too large");
            }
        }
        double[] data = new double[(int) count];
        byte[] chunk = new byte[CHUNK * Long.BYTES];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < data.length; start += CHUNK) {
            int n = Math.min(CHUNK, data.length - start);
            try {
                in.readFully(chunk, 0, n * Long.BYTES);
            } catch (EOFException e) {
                throw new FormatException("file ends after fewer than " + (start + n) + " of " + data.length
                        + " values of shape " + Arrays.toString(shape));
            }
            buf.clear();
            if (isDouble) {
                buf.asDoubleBuffer().get(data, start, n);
            } else {
                for (int i = 0; i < n; i++) {
                    data[start + i] = buf.getLong();
                }
            }
        }
        return new NpyArray(shape, data);
    }

    private static String find(Pattern p, String header, String key) throws FormatException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new FormatException("header has no valid '" + key + "' entry: " + IoMessages.oneLine(header));
        }
        return m.group(1);
    }

    private static int[] parseShape(String inner) throws FormatException {
        String trimmed = inner.strip();
        if (trimmed.endsWith(",")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        String[] parts = trimmed.split(",");
        int[] shape = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            // numpy 1.x on some platforms wrote Python 2 longs such as "3L".
            String part = parts[i].strip().replaceFirst("[lL]$", "");
            try {
                shape[i] = Integer.parseInt(part);
            } catch (NumberFormatException e) {
                throw new FormatException("shape (" + inner + ") is not a tuple of non-negative integers");
            }
            if (shape[i] < 0) {
                throw new FormatException("shape (" + inner + ") has a negative dimension");
            }
        }
        return shape;
    }
}
