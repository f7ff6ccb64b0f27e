package org.parsimonylab.checkpoints;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a NumPy .npy file (format 1.0–3.0): magic {@code \x93NUMPY}, version, a little-endian header length
 * (uint16 in 1.0, uint32 after) and a Python dict with {@code descr}, {@code fortran_order} and {@code shape}.
 * Floating dtypes {@code f2}, {@code f4}, {@code f8} of either byte order are supported.
 *
 * @param dtype the element type, or null when unsupported
 * @param descr the dtype as the file spells it
 * @param order the byte order of the data
 * @param fortranOrder whether the data are in Fortran (column-major) order
 * @param shape the dimensions
 * @param dataOffset the byte offset of the first element
 */
record NpyHeader(Dtype dtype, String descr, ByteOrder order, boolean fortranOrder, long[] shape, long dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** The tensor description of this header under {@code name}. */
    TensorInfo info(String name) {
        return new TensorInfo(name, dtype, descr, shape);
    }

    /** Bytes of data the header promises. */
    long dataBytes() {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return dtype == null ? -1 : n * dtype.bytes();
    }

    /** Reads the header from the start of {@code in}; {@code where} names the file for messages. */
    static NpyHeader read(InputStream in, String where) throws IOException {
        try {
            byte[] magic = in.readNBytes(MAGIC.length);
            if (magic.length < MAGIC.length) {
                throw new EOFException();
            }
            for (int i = 0; i < MAGIC.length; i++) {
                if (magic[i] != MAGIC[i]) {
                    throw new CheckpointException(where + ": not a .npy file (the magic string \\x93NUMPY is missing)");
                }
            }
            int major = readByte(in);
            readByte(in);
            long headerLength;
            int preamble;
            if (major == 1) {
                headerLength = readByte(in) | (readByte(in) << 8);
                preamble = 10;
            } else if (major == 2 || major == 3) {
                headerLength =
                        (readByte(in) | (readByte(in) << 8) | (readByte(in) << 16) | ((long) readByte(in) << 24));
                preamble = 12;
            } else {
                throw new CheckpointException(
                        where + ": unsupported .npy format version " + major + " (supported: 1.0, 2.0, 3.0)");
            }
            if (headerLength > 1 << 20) {
                throw new CheckpointException(
                        where + ": .npy header of " + headerLength + " bytes is implausibly long");
            }
            byte[] text = in.readNBytes((int) headerLength);
            if (text.length < headerLength) {
                throw new EOFException();
            }
            String header = new String(text, StandardCharsets.UTF_8);
            String descr = find(DESCR, header, "descr", where);
            boolean fortran = find(FORTRAN, header, "fortran_order", where).equals("True");
            long[] shape = parseShape(find(SHAPE, header, "shape", where), where);
            ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            String kind = descr.replaceFirst("^[<>=|]", "");
            Dtype dtype =
                    switch (kind) {
                        case "f8" -> Dtype.F64;
                        case "f4" -> Dtype.F32;
                        case "f2" -> Dtype.F16;
                        default -> null;
                    };
            return new NpyHeader(dtype, descr, order, fortran, shape, preamble + headerLength);
        } catch (EOFException e) {
            throw new CheckpointException(where + ": file ends inside the .npy header (truncated)", e);
        }
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }

    private static String find(Pattern p, String header, String key, String where) throws CheckpointException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new CheckpointException(where + ": .npy header has no valid '" + key + "' entry");
        }
        return m.group(1);
    }

    private static long[] parseShape(String inner, String where) throws CheckpointException {
        String t = inner.strip();
        if (t.endsWith(",")) {
            t = t.substring(0, t.length() - 1).strip();
        }
        if (t.isEmpty()) {
            return new long[0];
        }
        String[] parts = t.split(",");
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].strip().replaceFirst("[lL]$", ""));
            } catch (NumberFormatException e) {
                shape[i] = -1;
            }
            if (shape[i] < 0) {
                throw new CheckpointException(where + ": .npy shape (" + inner + ") is not a tuple of sizes");
            }
        }
        return shape;
    }
}
