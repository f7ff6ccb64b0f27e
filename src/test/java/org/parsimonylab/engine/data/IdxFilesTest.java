package org.parsimonylab.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxFilesTest {
    @TempDir
    Path dir;

    /** An idx3 file of {@code count} images of rows×cols whose pixel (i, f) is (7i + f) mod 256. */
    static byte[] images(int count, int rows, int cols) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0803);
        out.writeInt(count);
        out.writeInt(rows);
        out.writeInt(cols);
        for (int i = 0; i < count; i++) {
            for (int f = 0; f < rows * cols; f++) {
                out.writeByte((7 * i + f) % 256);
            }
        }
        return bytes.toByteArray();
    }

    static byte[] labels(int count) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0801);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeByte(i % 10);
        }
        return bytes.toByteArray();
    }

    private static void write(Path file, byte[] content, boolean gzip) throws IOException {
        try (OutputStream out =
                gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(content);
        }
    }

    @Test
    void readsRawAndGzipIdentically() throws IOException {
        Path raw = Files.createDirectory(dir.resolve("raw"));
        Path gz = Files.createDirectory(dir.resolve("gz"));
        write(raw.resolve("train-images-idx3-ubyte"), images(12, 3, 4), false);
        write(raw.resolve("train-labels-idx1-ubyte"), labels(12), false);
        write(gz.resolve("train-images-idx3-ubyte.gz"), images(12, 3, 4), true);
        write(gz.resolve("train-labels-idx1-ubyte.gz"), labels(12), true);
        IdxFiles.Split a = IdxFiles.read(raw, "train", 0);
        IdxFiles.Split b = IdxFiles.read(gz, "train", 0);
        assertEquals(12, a.count());
        assertEquals(3, a.rows());
        assertEquals(4, a.cols());
        assertArrayEquals(a.pixels(), b.pixels());
        assertArrayEquals(a.labels(), b.labels());
        assertEquals(((7 * 5 + 9) % 256) / 255.0, a.scaled(5, 9), 0.0);
        assertEquals(3, a.labels()[3]);
    }

    @Test
    void readsTheFirstImagesOnly() throws IOException {
        write(dir.resolve("t10k-images-idx3-ubyte"), images(20, 2, 2), false);
        write(dir.resolve("t10k-labels-idx1-ubyte"), labels(20), false);
        IdxFiles.Split s = IdxFiles.read(dir, "t10k", 5);
        assertEquals(5, s.count());
        assertEquals(20, s.pixels().length);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, s.labels());
    }

    @Test
    void truncatedImagesNameTheFile() throws IOException {
        byte[] full = images(10, 3, 3);
        write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, full.length - 5), false);
        write(dir.resolve("train-labels-idx1-ubyte"), labels(10), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFiles.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte is truncated"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void truncatedGzipNamesTheFile() throws IOException {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(images(10, 3, 3));
        }
        byte[] bytes = gz.toByteArray();
        Files.write(dir.resolve("train-images-idx3-ubyte.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        write(dir.resolve("train-labels-idx1-ubyte"), labels(10), false);
        RuntimeException e = assertThrows(RuntimeException.class, () -> IdxFiles.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void wrongMagicNamesTheFile() throws IOException {
        byte[] bad = images(4, 2, 2);
        bad[3] = 0x02;
        write(dir.resolve("train-images-idx3-ubyte"), bad, false);
        write(dir.resolve("train-labels-idx1-ubyte"), labels(4), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFiles.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte is not an IDX file"), e.getMessage());
        assertTrue(e.getMessage().contains("0x00000802"), e.getMessage());
    }

    @Test
    void mismatchedCountsNameBothFiles() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte"), images(4, 2, 2), false);
        write(dir.resolve("train-labels-idx1-ubyte"), labels(5), false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFiles.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("4 images but"), e.getMessage());
        assertTrue(e.getMessage().contains("5 labels"), e.getMessage());
    }

    @Test
    void missingFilesSayWhatWasLookedFor() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFiles.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz"), e.getMessage());
        IllegalArgumentException debian = assertThrows(
                IllegalArgumentException.class,
                () -> IdxFiles.find(Path.of(IdxFiles.DEBIAN_FASHION_MNIST + "-no"), "x"));
        assertTrue(debian.getMessage().contains("looked for"), debian.getMessage());
    }

    @Test
    void aFolderInPlaceOfAFileIsRefused() throws IOException {
        Files.createDirectory(dir.resolve("train-images-idx3-ubyte"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdxFiles.read(dir, "train", 0));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void readsTheDebianFashionMnistFiles() {
        Path folder = Path.of(IdxFiles.DEBIAN_FASHION_MNIST);
        assumeTrue(
                Files.isDirectory(folder),
                "Fashion-MNIST is not installed (" + IdxFiles.INSTALL_HINT + "; .ci/run installs it)");
        IdxFiles.Split test = IdxFiles.read(folder, "t10k", 0);
        assertEquals(10_000, test.count());
        assertEquals(28, test.rows());
        assertEquals(28, test.cols());
        int[] perClass = new int[10];
        for (int label : test.labels()) {
            perClass[label]++;
        }
        // Fashion-MNIST's test split holds exactly 1000 images of each of its 10 classes.
        assertArrayEquals(new int[] {1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000}, perClass);
        IdxFiles.Split train = IdxFiles.read(folder, "train", 100);
        assertEquals(100, train.count());
    }
}
