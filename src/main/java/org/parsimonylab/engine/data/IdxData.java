package org.parsimonylab.engine.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.ejml.data.DMatrixRMaj;

/**
 * The {@code idx} data kind: the shipped train and test splits of an IDX folder (MNIST, Fashion-MNIST) as X (d×N,
 * d = rows·cols, pixels / 255 in [0, 1]) with one-hot Y (K×N). With a class subset, images of other classes are
 * dropped and the kept classes are relabelled 0..K−1 in the subset's order; then the first {@code samples} training and
 * the first {@code testSamples} (0: all) test images are kept, in file order, so no seed is involved.
 */
final class IdxData {
    private IdxData() {}

    /** The folder {@code spec.file()} names: the Debian default when empty, else resolved against {@code baseDir}. */
    static Path folder(DataSpec spec, Path baseDir) {
        return IdxFiles.folder(spec.file(), baseDir);
    }

    static Dataset load(DataSpec spec, Path baseDir) {
        Path folder = folder(spec, baseDir);
        List<Integer> subset = spec.classSubset();
        // without a filter only the first N images are needed: read no more of the (gzip) file than that
        IdxFiles.Split train = IdxFiles.read(folder, "train", subset.isEmpty() ? spec.samples() : 0);
        IdxFiles.Split test = IdxFiles.read(folder, "t10k", subset.isEmpty() ? spec.testSamples() : 0);
        if (train.features() != test.features()) {
            throw new IllegalArgumentException("data.file " + folder + ": training images are " + train.rows() + "×"
                    + train.cols() + " but test images are " + test.rows() + "×" + test.cols());
        }
        int[] map = relabelling(subset, train, test);
        int classes = 0;
        for (int m : map) {
            classes = Math.max(classes, m + 1);
        }
        int[] trainIdx = keep(train, map, spec.samples());
        int[] testIdx = keep(test, map, spec.testSamples());
        if (trainIdx.length == 0) {
            throw new IllegalArgumentException(
                    "data.classSubset " + subset + ": no training image in " + folder + " has one of these classes");
        }
        int[] trainLabels = labels(train, map, trainIdx);
        int[] testLabels = labels(test, map, testIdx);
        DMatrixRMaj xTest = testIdx.length > 0 ? pixels(test, testIdx) : null;
        return new Dataset(
                spec,
                pixels(train, trainIdx),
                train.features(),
                DataGenerator.oneHot(trainLabels, classes),
                null,
                trainLabels,
                null,
                xTest,
                testIdx.length > 0 ? DataGenerator.oneHot(testLabels, classes) : null,
                testIdx.length > 0 ? testLabels : null,
                testIdx.length > 0 ? testIdx : null);
    }

    /** For each file label 0..255, its class in the data set, or −1 when it is dropped. */
    private static int[] relabelling(List<Integer> subset, IdxFiles.Split train, IdxFiles.Split test) {
        int[] map = new int[256];
        Arrays.fill(map, -1);
        if (subset.isEmpty()) {
            // all classes: the labels as stored, K = the largest label of either split + 1
            int k = 0;
            for (int l : train.labels()) {
                k = Math.max(k, l + 1);
            }
            for (int l : test.labels()) {
                k = Math.max(k, l + 1);
            }
            for (int c = 0; c < k; c++) {
                map[c] = c;
            }
        } else {
            for (int i = 0; i < subset.size(); i++) {
                map[subset.get(i)] = i;
            }
        }
        return map;
    }

    /** Indices of the first {@code max} (0: all) images whose class is kept. */
    private static int[] keep(IdxFiles.Split split, int[] map, int max) {
        int limit = max > 0 ? max : Integer.MAX_VALUE;
        int n = 0;
        for (int i = 0; i < split.count() && n < limit; i++) {
            n += map[split.labels()[i]] >= 0 ? 1 : 0;
        }
        int[] idx = new int[n];
        int m = 0;
        for (int i = 0; m < n; i++) {
            if (map[split.labels()[i]] >= 0) {
                idx[m++] = i;
            }
        }
        return idx;
    }

    private static int[] labels(IdxFiles.Split split, int[] map, int[] idx) {
        int[] out = new int[idx.length];
        for (int j = 0; j < idx.length; j++) {
            out[j] = map[split.labels()[idx[j]]];
        }
        return out;
    }

    /** X (d×n): column j is image idx[j], pixels scaled to [0, 1]. */
    private static DMatrixRMaj pixels(IdxFiles.Split split, int[] idx) {
        int d = split.features();
        int n = idx.length;
        DMatrixRMaj x = new DMatrixRMaj(d, n);
        byte[] p = split.pixels();
        for (int j = 0; j < n; j++) {
            int base = idx[j] * d;
            for (int f = 0; f < d; f++) {
                x.data[f * n + j] = (p[base + f] & 0xff) / 255.0;
            }
        }
        return x;
    }
}
