package org.parsimonylab.engine.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.engine.linalg.EjmlLinAlg;

/** The {@code idx} data kind: shipped splits, scaling, class subset and sample counts (docs/science.md §3.4). */
class IdxDataTest {
    @TempDir
    Path dir;

    /** A tiny IDX folder: 30 training and 20 test images of 2×3, image i has label i mod 10, pixel (7i + f) mod 256. */
    private Path folder() throws IOException {
        write(dir.resolve("train-images-idx3-ubyte.gz"), IdxFilesTest.images(30, 2, 3));
        write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFilesTest.labels(30));
        Files.write(dir.resolve("t10k-images-idx3-ubyte"), IdxFilesTest.images(20, 2, 3));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte"), IdxFilesTest.labels(20));
        return dir;
    }

    private static void write(Path file, byte[] content) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content);
        }
    }

    private static DataSpec idx(String file, int samples, List<Integer> subset, int testSamples) {
        return DataSpec.defaults()
                .withKind(DataKind.IDX)
                .withFile(file)
                .withSamples(samples)
                .withClassSubset(subset)
                .withTestSamples(testSamples);
    }

    @Test
    void readsBothSplitsScaledToUnitInterval() throws IOException {
        Path f = folder();
        Dataset d = DataGenerator.generate(idx(f.toString(), 25, List.of(), 0), 1, new EjmlLinAlg());
        assertEquals(6, d.inputDim());
        assertEquals(6, d.x().numRows);
        assertEquals(25, d.sampleCount());
        assertEquals(10, d.outputDim());
        assertEquals(20, d.xTest().numCols);
        assertEquals(20, d.labelsTest().length);
        for (int i = 0; i < 25; i++) {
            assertEquals(i % 10, d.labels()[i]);
            assertEquals(1.0, d.y().get(i % 10, i));
            for (int p = 0; p < 6; p++) {
                assertEquals(((7 * i + p) % 256) / 255.0, d.x().get(p, i), 0.0);
            }
        }
        for (int i = 0; i < 20; i++) {
            assertEquals(i % 10, d.labelsTest()[i]);
            assertEquals(((7 * i + 5) % 256) / 255.0, d.xTest().get(5, i), 0.0);
        }
        assertTrue(d.hasTest());
    }

    @Test
    void classSubsetRelabelsInItsOrderAndCountsAfterTheFilter() throws IOException {
        Path f = folder();
        Dataset d = DataGenerator.generate(idx(f.toString(), 4, List.of(7, 2), 3), 1, new EjmlLinAlg());
        // training images of class 2 or 7, in file order: 2, 7, 12, 17, 22, 27 -> first 4
        assertArrayEquals(new int[] {1, 0, 1, 0}, d.labels());
        assertEquals(2, d.outputDim());
        assertEquals(((7 * 17) % 256) / 255.0, d.x().get(0, 3), 0.0);
        // test images 2, 7, 12 (testSamples = 3)
        assertArrayEquals(new int[] {1, 0, 1}, d.labelsTest());
        assertArrayEquals(new int[] {2, 7, 12}, d.testIndices());
        assertEquals(2, d.yTest().numRows);
        assertEquals(2, idx(f.toString(), 4, List.of(7, 2), 3).targetRows());
    }

    @Test
    void moreSamplesThanTheFileHoldsKeepsAllOfThem() throws IOException {
        Dataset d = DataGenerator.generate(idx(folder().toString(), 1000, List.of(), 0), 1, new EjmlLinAlg());
        assertEquals(30, d.sampleCount());
    }

    @Test
    void relativeFolderResolvesAgainstThePresetFolder() throws IOException {
        folder();
        Files.createDirectories(dir.resolve("sub"));
        for (String n : new String[] {
            "train-images-idx3-ubyte.gz",
            "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte",
            "t10k-labels-idx1-ubyte"
        }) {
            Files.move(dir.resolve(n), dir.resolve("sub").resolve(n));
        }
        Dataset d = DataGenerator.generate(idx("sub", 5, List.of(), 0), 1, new EjmlLinAlg(), dir);
        assertEquals(5, d.sampleCount());
    }

    @Test
    void absentFilesGiveOneLineNamingThem() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DataGenerator.generate(
                        idx(dir.resolve("none").toString(), 5, List.of(), 0), 1, new EjmlLinAlg()));
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void badSubsetsAreRefusedNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> idx("", 5, List.of(3), 0))
                .getMessage()
                .startsWith("classSubset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> idx("", 5, List.of(3, 3), 0))
                .getMessage()
                .startsWith("classSubset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> idx("", 5, List.of(1, 300), 0))
                .getMessage()
                .startsWith("classSubset"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> idx("", 5, List.of(), -1))
                .getMessage()
                .startsWith("testSamples"));
    }

    @Test
    void subsetWithoutTrainingImagesIsRefused() throws IOException {
        Path f = folder();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> DataGenerator.generate(idx(f.toString(), 5, List.of(11, 12), 0), 1, new EjmlLinAlg()));
        assertTrue(e.getMessage().startsWith("data.classSubset"), e.getMessage());
    }

    @Test
    void realFashionMnistWhenInstalled() {
        Path real = Path.of(IdxFiles.DEBIAN_FASHION_MNIST);
        assumeTrue(
                Files.exists(real.resolve("train-images-idx3-ubyte.gz")),
                "Fashion-MNIST is not installed in " + real + " (" + IdxFiles.INSTALL_HINT + ")");
        Dataset d = DataGenerator.generate(idx("", 1000, List.of(), 500), 1, new EjmlLinAlg());
        assertEquals(784, d.inputDim());
        assertEquals(1000, d.sampleCount());
        assertEquals(10, d.outputDim());
        assertEquals(500, d.labelsTest().length);
        double max = 0;
        for (double v : d.x().data) {
            assertTrue(v >= 0 && v <= 1);
            max = Math.max(max, v);
        }
        assertEquals(1.0, max, 0.0);
        // the shipped training split is balanced: 6000 images per class
        Dataset all = DataGenerator.generate(idx("", 60_000, List.of(3, 8), 0), 1, new EjmlLinAlg());
        assertEquals(12_000, all.sampleCount());
        assertEquals(2000, all.labelsTest().length);
    }
}
