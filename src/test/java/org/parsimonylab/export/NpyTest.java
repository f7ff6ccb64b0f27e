package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NpyTest {
    @TempDir
    Path dir;

    /** Special values first so that even a 1×1 matrix holds one; a non-standard NaN payload checks raw bits. */
    private static final double[] SPECIAL = {
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
        -0.0,
        Double.MIN_VALUE,
        Double.MAX_VALUE,
        Double.longBitsToDouble(0x7ff8_0000_0000_0123L)
    };

    static DMatrixRMaj random(int rows, int cols, long seed) {
        Random rng = new Random(seed);
        DMatrixRMaj m = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < rows * cols; i++) {
            m.data[i] = i < SPECIAL.length ? SPECIAL[i] : rng.nextGaussian() * Math.pow(10, rng.nextInt(40) - 20);
        }
        return m;
    }

    private static void assertBitsEqual(double[] expected, double[] actual, int n) {
        assertEquals(n, actual.length, "length");
        for (int i = 0; i < n; i++) {
            assertEquals(
                    Double.doubleToRawLongBits(expected[i]),
                    Double.doubleToRawLongBits(actual[i]),
                    "value " + i + ": " + expected[i] + " vs " + actual[i]);
        }
    }

    @ParameterizedTest
    @CsvSource({"1,1", "3,5", "1000,7", "0,0", "0,4", "4,0", "1000,1000"})
    void matrixRoundTripIsBitExact(int rows, int cols) throws IOException {
        DMatrixRMaj m = random(rows, cols, 31L * rows + cols);
        Path file = dir.resolve("m.npy");
        Npy.write(file, m);
        NpyArray a = Npy.read(file);
        assertArrayEquals(new int[] {rows, cols}, a.shape());
        assertBitsEqual(m.data, a.data(), rows * cols);
        assertEquals(headerLength(file) + 8L * rows * cols, Files.size(file), "file size = header + 8 bytes a value");
    }

    @Test
    void onlyTheMatrixPartOfAnOversizedEjmlArrayIsWritten() throws IOException {
        DMatrixRMaj m = random(4, 4, 7);
        m.reshape(2, 3); // EJML keeps the 16-element array; only the first 6 values belong to the matrix.
        Path file = dir.resolve("m.npy");
        Npy.write(file, m);
        NpyArray a = Npy.read(file);
        assertArrayEquals(new int[] {2, 3}, a.shape());
        assertBitsEqual(Arrays.copyOf(m.data, 6), a.data(), 6);
    }

    @Test
    void headerIsVersion10AlignedTo64WithNumpysDictText() throws IOException {
        Path file = dir.resolve("m.npy");
        Npy.write(file, random(3, 5, 1));
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'}, Arrays.copyOf(bytes, 6), "magic");
        assertEquals(1, bytes[6], "major version");
        assertEquals(0, bytes[7], "minor version");
        int headerLen = (bytes[8] & 0xff) | (bytes[9] & 0xff) << 8;
        assertEquals(0, (10 + headerLen) % 64, "data must start at a multiple of 64");
        String header = new String(bytes, 10, headerLen, StandardCharsets.US_ASCII);
        assertTrue(header.startsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (3, 5), }"), header);
        assertTrue(header.endsWith("\n"), "header ends in a newline");
        assertEquals("", header.substring(59, headerLen - 1).strip(), "padding is spaces");
        assertEquals(10 + headerLen + 15 * 8, bytes.length);
        double first = ByteBuffer.wrap(bytes, 10 + headerLen, 8)
                .order(ByteOrder.LITTLE_ENDIAN)
                .getDouble();
        assertTrue(Double.isNaN(first), "first value little-endian NaN");
    }

    @Test
    void shapesUsePythonTupleSyntax() throws IOException {
        Path vector = dir.resolve("v.npy");
        Npy.write(vector, new double[] {1, 2, 3}, 3);
        assertTrue(headerText(vector).contains("'shape': (3,), }"), headerText(vector));
        Path scalar = dir.resolve("s.npy");
        Npy.write(scalar, new double[] {2.5});
        assertTrue(headerText(scalar).contains("'shape': (), }"), headerText(scalar));
        assertEquals(0, Npy.read(scalar).shape().length);
        Path cube = dir.resolve("c.npy");
        Npy.write(cube, new double[24], 2, 3, 4);
        assertTrue(headerText(cube).contains("'shape': (2, 3, 4), }"), headerText(cube));
        assertArrayEquals(new int[] {2, 3, 4}, Npy.read(cube).shape());
    }

    @Test
    void arrayWriteRejectsAShapeThatDoesNotMatch() {
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new double[5], 2, 3));
        assertThrows(IllegalArgumentException.class, () -> Npy.write(dir.resolve("x.npy"), new double[0], -1, 0));
    }

    @Test
    void intsAreWrittenAsInt64AndReadBackAsDoubles() throws IOException {
        int[] labels = {0, 4, 2, -3, Integer.MAX_VALUE, Integer.MIN_VALUE};
        Path file = dir.resolve("labels.npy");
        Npy.writeInts(file, labels);
        assertTrue(headerText(file).startsWith("{'descr': '<i8', 'fortran_order': False, 'shape': (6,), }"));
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer data = ByteBuffer.wrap(bytes, headerLength(file), 48).order(ByteOrder.LITTLE_ENDIAN);
        for (int label : labels) {
            assertEquals(label, data.getLong());
        }
        NpyArray a = Npy.read(file);
        assertArrayEquals(new int[] {6}, a.shape());
        assertArrayEquals(labels, a.toInts());
        assertArrayEquals(new int[0], Npy.read(writeInts(new int[0])).toInts());
    }

    @Test
    void readAcceptsAnyHeaderPaddingAndKeyOrder() throws IOException {
        // numpy >= 2 pads with extra spaces for in-place growth; other writers order keys differently.
        String dict = "{'shape': (2,), 'fortran_order': False, 'descr': '<f8'}";
        Path file = dir.resolve("odd.npy");
        Files.write(file, concat(rawHeader(1, dict + " ".repeat(180) + "\n"), doubles(1.5, -2.0)));
        NpyArray a = Npy.read(file);
        assertArrayEquals(new int[] {2}, a.shape());
        assertArrayEquals(new double[] {1.5, -2.0}, a.data());
    }

    @Test
    void unsupportedFilesGiveOneLineMessagesNamingTheFile() throws IOException {
        assertReadFails(rawHeader(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }\n"), "'<f8'");
        assertReadFails(rawHeader(1, "{'descr': '>f8', 'fortran_order': False, 'shape': (1,), }\n"), "'<i8'");
        assertReadFails(rawHeader(1, "{'descr': '<f8', 'fortran_order': True, 'shape': (1,), }\n"), "C order");
        assertReadFails(rawHeader(4, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n"), "version");
        assertReadFails("PK\u0003\u0004 a zip file".getBytes(StandardCharsets.ISO_8859_1), "magic");
        assertReadFails(
                concat(rawHeader(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }\n"), doubles(1, 2)),
                "of 3 values");
        IOException missing = assertThrows(IOException.class, () -> Npy.read(dir.resolve("missing.npy")));
        assertTrue(missing.getMessage().contains("missing.npy"), missing.getMessage());
        assertFalse(missing.getMessage().contains("\n"));
    }

    @Test
    void writeFailuresNameThePath() {
        Path inMissingFolder = dir.resolve("no-such-folder").resolve("m.npy");
        IOException e = assertThrows(IOException.class, () -> Npy.write(inMissingFolder, random(2, 2, 0)));
        assertEquals("cannot write " + inMissingFolder + ": no such file or directory", e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private void assertReadFails(byte[] content, String expected) throws IOException {
        Path file = dir.resolve("bad.npy");
        Files.write(file, content);
        IOException e = assertThrows(IOException.class, () -> Npy.read(file));
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString()), message);
        assertTrue(message.contains(expected), message);
        assertFalse(message.contains("\n"), message);
    }

    private Path writeInts(int[] values) throws IOException {
        Path file = dir.resolve("ints.npy");
        Npy.writeInts(file, values);
        return file;
    }

    private static byte[] rawHeader(int major, String text) {
        ByteBuffer buf = ByteBuffer.allocate(10 + text.length()).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        buf.putShort((short) text.length());
        buf.put(text.getBytes(StandardCharsets.US_ASCII));
        return buf.array();
    }

    private static byte[] doubles(double... values) {
        ByteBuffer buf = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putDouble(v);
        }
        return buf.array();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static int headerLength(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return 10 + ((bytes[8] & 0xff) | (bytes[9] & 0xff) << 8);
    }

    private static String headerText(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return new String(bytes, 10, headerLength(file) - 10, StandardCharsets.US_ASCII);
    }
}
