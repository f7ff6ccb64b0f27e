package org.parsimonylab.engine.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads image sets in the IDX format of MNIST and Fashion-MNIST (docs/science.md §3.4: paper 2's real-data experiment),
 * raw or gzip-compressed: a big-endian header (two zero bytes, the element type 0x08 = unsigned byte, the number of
 * dimensions), one 32-bit size per dimension, then the elements in row-major order. Images are {@code count × rows ×
 * cols} (idx3), labels {@code count} (idx1). Every malformed file (not a regular file, wrong magic, truncated, counts
 * that disagree) is refused with one line naming the file.
 */
public final class IdxFiles {
    /** Where Debian's {@code dataset-fashion-mnist} package installs the four files. */
    public static final String DEBIAN_FASHION_MNIST = "/usr/share/datasets/fashion-mnist";

    /** The command that installs the default folder's files. */
    public static final String INSTALL_HINT = "apt-get install dataset-fashion-mnist";

    /** Largest number of pixels read from one file (60,000 images of 28×28 are 47 million). */
    public static final long MAX_ELEMENTS = 200_000_000L;

    private static final int UNSIGNED_BYTE = 0x08;

    private IdxFiles() {}

    /**
     * Images of one split: {@code pixels[i·rows·cols + r·cols + c]} is pixel (r, c) of image i, in 0..255.
     *
     * @param count number of images read
     * @param rows image height
     * @param cols image width
     * @param pixels count·rows·cols unsigned bytes
     * @param labels the class of each image, in 0..255
     */
    public record Split(int count, int rows, int cols, byte[] pixels, int[] labels) {
        /** The pixel count of one image. */
        public int features() {
            return rows * cols;
        }

        /** Pixel {@code f} of image {@code i} scaled to [0, 1] (value / 255). */
        public double scaled(int i, int f) {
            return (pixels[i * features() + f] & 0xff) / 255.0;
        }
    }

    /** The folder {@code data.file} names: the Debian default when blank, else resolved against {@code baseDir}. */
    public static Path folder(String file, Path baseDir) {
        return file.isBlank() ? Path.of(DEBIAN_FASHION_MNIST) : DataGenerator.resolve(baseDir, file);
    }

    /**
     * Checks that {@code folder} holds the four IDX files (train and t10k images and labels, raw or gzip) without
     * reading them, so an edited folder is judged at once (the app's folder field).
     *
     * @throws IllegalArgumentException the one line of {@link #read} naming the first file that is missing
     */
    public static void requireFolder(Path folder) {
        for (String prefix : new String[] {"train", "t10k"}) {
            find(folder, prefix + "-images-idx3-ubyte");
            find(folder, prefix + "-labels-idx1-ubyte");
        }
    }

    /**
     * The split {@code prefix} ("train" or "t10k") from {@code folder}: {@code <prefix>-images-idx3-ubyte} and
     * {@code <prefix>-labels-idx1-ubyte}, each raw or with {@code .gz}; at most {@code maxCount} images (the first ones
     * of the file; 0 for all).
     *
     * @throws IllegalArgumentException one line naming the file when it is missing or malformed
     */
    public static Split read(Path folder, String prefix, int maxCount) {
        Path images = find(folder, prefix + "-images-idx3-ubyte");
        Path labels = find(folder, prefix + "-labels-idx1-ubyte");
        int[] labelDims = new int[1];
        byte[] labelBytes = readFile(labels, 1, maxCount, labelDims);
        int[] imageDims = new int[3];
        byte[] pixels = readFile(images, 3, maxCount, imageDims);
        if (imageDims[0] != labelDims[0]) {
            throw new IllegalArgumentException(images + " holds " + imageDims[0] + " images but " + labels + " holds "
                    + labelDims[0] + " labels; the two files must come from the same split");
        }
        int count = labelBytes.length;
        int[] classes = new int[count];
        for (int i = 0; i < count; i++) {
            classes[i] = labelBytes[i] & 0xff;
        }
        return new Split(count, imageDims[1], imageDims[2], pixels, classes);
    }

    /**
     * The elements of the first {@code maxCount} (0: all) entries of a {@code dims}-dimensional file; {@code sizes}
     * receives the header's sizes.
     */
    private static byte[] readFile(Path file, int dims, int maxCount, int[] sizes) {
        try (DataInputStream in = open(file)) {
            System.arraycopy(header(in, file, dims), 0, sizes, 0, dims);
            int count = maxCount > 0 ? Math.min(maxCount, sizes[0]) : sizes[0];
            long elements = count;
            for (int i = 1; i < dims; i++) {
                elements *= sizes[i];
            }
            if (elements > MAX_ELEMENTS) {
                throw new IllegalArgumentException(file + ": " + count + " entries of " + (elements / count)
                        + " bytes exceed " + MAX_ELEMENTS + " bytes; read fewer (data.samples)");
            }
            byte[] out = new byte[(int) elements];
            readFully(in, out, file, dims == 1 ? "labels" : "images");
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The file {@code base} or {@code base.gz} in {@code folder}, or a one-line error listing what was looked for. */
    static Path find(Path folder, String base) {
        List<Path> tried = new ArrayList<>(2);
        for (String name : new String[] {base + ".gz", base}) {
            Path p = folder.resolve(name);
            tried.add(p);
            if (Files.exists(p)) {
                if (!Files.isRegularFile(p)) {
                    throw new IllegalArgumentException(
                            p + " is not a regular file (folders, devices and pipes are" + " not read)");
                }
                return p;
            }
        }
        String hint = folder.normalize().equals(Path.of(DEBIAN_FASHION_MNIST))
                ? "; install them with `" + INSTALL_HINT + "`"
                : "; point data.file at the folder that holds the IDX files";
        throw new IllegalArgumentException("data.file: no " + base + " in " + folder + " (looked for " + tried.get(0)
                + " and " + tried.get(1) + ")" + hint);
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a regular file");
        }
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == 0x1f && b1 == 0x8b) {
            in = new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16);
        }
        return new DataInputStream(in);
    }

    /** Reads the magic and the sizes of a {@code dims}-dimensional unsigned-byte IDX file. */
    private static int[] header(DataInputStream in, Path file, int dims) throws IOException {
        int magic;
        try {
            magic = in.readInt();
        } catch (EOFException e) {
            throw new IllegalArgumentException(file + " is truncated: it ends inside the 4-byte IDX header");
        }
        int expected = (UNSIGNED_BYTE << 8) | dims;
        if (magic != expected) {
            throw new IllegalArgumentException(String.format(
                    "%s is not an IDX file of %d-dimensional unsigned bytes: magic number 0x%08x, expected 0x%08x",
                    file, dims, magic, expected));
        }
        int[] sizes = new int[dims];
        for (int i = 0; i < dims; i++) {
            try {
                sizes[i] = in.readInt();
            } catch (EOFException e) {
                throw new IllegalArgumentException(file + " is truncated: it ends inside the IDX header");
            }
            if (sizes[i] <= 0) {
                throw new IllegalArgumentException(
                        file + ": dimension " + (i + 1) + " is " + sizes[i] + ", must be positive");
            }
        }
        return sizes;
    }

    private static void readFully(DataInputStream in, byte[] into, Path file, String what) throws IOException {
        int done = 0;
        while (done < into.length) {
            int n = in.read(into, done, into.length - done);
            if (n < 0) {
                throw new IllegalArgumentException(
                        file + " is truncated: " + done + " of " + into.length + " bytes" + " of " + what + " present");
            }
            done += n;
        }
    }
}
