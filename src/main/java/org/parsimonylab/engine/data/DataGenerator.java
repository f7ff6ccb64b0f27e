package org.parsimonylab.engine.data;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.linalg.Svd;

/**
 * Generates the data sets of docs/science.md §1.1 (Law of Parsimony {@code data.py}), §2 (Kwon et al.), §3.4 (paper 2's
 * synthetic class data and real digits) and §4 (union of subspaces). Each part is drawn from its own seeded stream
 * (target, input, mask, split), so the same seed always gives the same data.
 */
public final class DataGenerator {
    /** The number of pixel columns of the UCI digits table (8×8 images). */
    public static final int DIGITS_FEATURES = 64;

    /** The largest pixel value of the UCI digits table (4×4 blocks of 16 binary pixels). */
    public static final double DIGITS_MAX_PIXEL = 16.0;

    private DataGenerator() {}

    /**
     * Generates the data of {@code spec} for {@code seed}; {@code linAlg} does the one SVD of the target. Relative
     * {@code file} paths resolve against the working directory; prefer {@link #generate(DataSpec, long, LinAlg, Path)}.
     */
    public static Dataset generate(DataSpec spec, long seed, LinAlg linAlg) {
        return generate(spec, seed, linAlg, Path.of(""));
    }

    /**
     * Generates the data of {@code spec} for {@code seed}; relative {@code file} paths (digits, csv) resolve against
     * {@code baseDir}, the folder of the preset.
     */
    public static Dataset generate(DataSpec spec, long seed, LinAlg linAlg, Path baseDir) {
        return switch (spec.kind()) {
            case FACTORIZATION -> {
                DMatrixRMaj phi = lowRankTarget(spec, Rng.stream(seed, "data.target"), linAlg);
                yield new Dataset(spec, null, spec.dim(), phi, null, null, phi);
            }
            case COMPLETION -> {
                DMatrixRMaj phi = lowRankTarget(spec, Rng.stream(seed, "data.target"), linAlg);
                DMatrixRMaj mask = observationMask(
                        spec.outputDim(), spec.dim(), spec.observedFraction(), Rng.stream(seed, "data.mask"));
                yield new Dataset(spec, null, spec.dim(), phi, mask, null, phi);
            }
            case REGRESSION -> regression(spec, seed, linAlg);
            case CLASSIFICATION -> classification(spec, seed);
            case DIGITS -> digits(spec, seed, baseDir);
            case CSV -> csv(spec, seed, baseDir);
            case IDX -> IdxData.load(spec, baseDir);
            case CLASS_CLUSTERS, UNION_OF_SUBSPACES -> subspaceClasses(spec, seed);
        };
    }

    /** {@code file} resolved against {@code baseDir} unless absolute. */
    public static Path resolve(Path baseDir, String file) {
        Path p = Path.of(file);
        return p.isAbsolute() ? p : baseDir.resolve(p);
    }

    /**
     * The table {@code file} under {@code baseDir}; a relative path that does not exist there is looked up among the
     * shipped presets on the class path ({@code presets/<file>}), so shipped presets run from any folder.
     */
    static CsvTable table(Path baseDir, String file, String labelColumn) {
        Path path = resolve(baseDir, file);
        if (!Files.exists(path) && !Path.of(file).isAbsolute()) {
            InputStream shipped = DataGenerator.class.getResourceAsStream("/presets/" + file.replace('\\', '/'));
            if (shipped != null) {
                return CsvTable.read(shipped, file, labelColumn);
            }
        }
        return CsvTable.read(path, labelColumn);
    }

    private static Dataset digits(DataSpec spec, long seed, Path baseDir) {
        CsvTable table = table(baseDir, spec.file(), "");
        String name = spec.file();
        if (table.featureCount() != DIGITS_FEATURES || table.classCount() != 10) {
            throw new IllegalArgumentException("data.file " + name + ": the digits kind expects " + DIGITS_FEATURES
                    + " pixel columns and 10 classes (found " + table.featureCount() + " columns and "
                    + table.classCount() + " classes); use kind csv for other tables");
        }
        double[] f = table.features().clone();
        for (int i = 0; i < f.length; i++) {
            if (f[i] < 0 || f[i] > DIGITS_MAX_PIXEL) {
                throw new IllegalArgumentException("data.file " + name + " row " + (i / DIGITS_FEATURES + 1)
                        + ": pixel value " + f[i] + " outside [0, 16]");
            }
            f[i] /= DIGITS_MAX_PIXEL;
        }
        return fromRows(spec, seed, f, table.rows(), table.featureCount(), table.labels(), table.classCount());
    }

    private static Dataset csv(DataSpec spec, long seed, Path baseDir) {
        CsvTable table = table(baseDir, spec.file(), spec.labelColumn());
        return fromRows(
                spec, seed, table.features(), table.rows(), table.featureCount(), table.labels(), table.classCount());
    }

    /** Data from row-major samples (rows×d): X = featuresᵀ (d×N), one-hot Y, and the stratified split. */
    private static Dataset fromRows(
            DataSpec spec, long seed, double[] rowMajor, int rows, int d, int[] labels, int classes) {
        DMatrixRMaj all = new DMatrixRMaj(d, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < d; j++) {
                all.data[j * rows + i] = rowMajor[i * d + j];
            }
        }
        return split(spec, seed, all, labels, classes, false);
    }

    /**
     * Class-cluster or union-of-subspaces data (docs/science.md §3.2, §4): samples class by class, then the stratified split,
     * then whitening (from the training set) or the input scale.
     */
    private static Dataset subspaceClasses(DataSpec spec, long seed) {
        int d = spec.dim();
        int r = spec.rank();
        int k = spec.classes();
        int n = spec.samplesPerClass();
        RandomGenerator noise = Rng.stream(seed, "data.input");
        DMatrixRMaj all = new DMatrixRMaj(d, k * n);
        int[] labels = new int[k * n];
        DMatrixRMaj[] bases = new DMatrixRMaj[k];
        double[][] means = new double[k][];
        if (spec.kind() == DataKind.CLASS_CLUSTERS) {
            DMatrixRMaj u = Orthogonal.haarColumns(d, r, Rng.stream(seed, "data.subspace")); // d x r
            RandomGenerator meanRng = Rng.stream(seed, "data.means");
            for (int c = 0; c < k; c++) {
                means[c] = new double[d];
                double[] z = new double[r];
                for (int a = 0; a < r; a++) {
                    z[a] = meanRng.nextGaussian();
                }
                for (int i = 0; i < d; i++) {
                    for (int a = 0; a < r; a++) {
                        means[c][i] += u.get(i, a) * z[a];
                    }
                }
            }
        } else {
            RandomGenerator basisRng = Rng.stream(seed, "data.subspace");
            for (int c = 0; c < k; c++) {
                bases[c] = Orthogonal.haarColumns(d, r, basisRng); // d x r
            }
        }
        int cols = k * n;
        double[] z = new double[r];
        for (int c = 0; c < k; c++) {
            for (int s = 0; s < n; s++) {
                int col = c * n + s;
                labels[col] = c;
                if (bases[c] != null) {
                    for (int a = 0; a < r; a++) {
                        z[a] = noise.nextGaussian();
                    }
                }
                for (int i = 0; i < d; i++) {
                    double v;
                    if (bases[c] != null) {
                        v = 0;
                        for (int a = 0; a < r; a++) {
                            v += bases[c].get(i, a) * z[a];
                        }
                    } else {
                        v = means[c][i];
                    }
                    all.data[i * cols + col] = v + spec.noise() * noise.nextGaussian();
                }
            }
        }
        return split(spec, seed, all, labels, k, true);
    }

    /**
     * Splits the columns of {@code all} (d×N) by a seeded stratified draw (stream "data.split"): round(testFraction·n_c)
     * samples of each class c go to the test set; both sets keep the original column order. Synthetic inputs are then
     * whitened with the training set's (XXᵀ)^(−1/2), or scaled by inputScale.
     */
    private static Dataset split(
            DataSpec spec, long seed, DMatrixRMaj all, int[] labels, int classes, boolean synthetic) {
        int total = labels.length;
        boolean[] test = new boolean[total];
        if (spec.testFraction() > 0) {
            RandomGenerator rng = Rng.stream(seed, "data.split");
            for (int c = 0; c < classes; c++) {
                int count = 0;
                for (int label : labels) {
                    count += label == c ? 1 : 0;
                }
                int[] idx = new int[count];
                int m = 0;
                for (int i = 0; i < total; i++) {
                    if (labels[i] == c) {
                        idx[m++] = i;
                    }
                }
                for (int i = count - 1; i > 0; i--) {
                    int j = rng.nextInt(i + 1);
                    int t = idx[i];
                    idx[i] = idx[j];
                    idx[j] = t;
                }
                long nTest = Math.round(spec.testFraction() * count);
                for (int i = 0; i < nTest; i++) {
                    test[idx[i]] = true;
                }
            }
        }
        int nTest = 0;
        for (boolean t : test) {
            nTest += t ? 1 : 0;
        }
        int nTrain = total - nTest;
        if (nTrain == 0) {
            throw new IllegalArgumentException("data.testFraction " + spec.testFraction() + " leaves no training data");
        }
        int[] trainIdx = new int[nTrain];
        int[] testIdx = new int[nTest];
        int a = 0;
        int b = 0;
        for (int i = 0; i < total; i++) {
            if (test[i]) {
                testIdx[b++] = i;
            } else {
                trainIdx[a++] = i;
            }
        }
        DMatrixRMaj x = columns(all, trainIdx);
        DMatrixRMaj xTest = nTest > 0 ? columns(all, testIdx) : null;
        if (synthetic) {
            if (spec.whiten()) {
                DMatrixRMaj w = inverseSqrtGram(x);
                x = product(w, x);
                xTest = xTest == null ? null : product(w, xTest);
            } else {
                CommonOps_DDRM.scale(spec.inputScale(), x);
                if (xTest != null) {
                    CommonOps_DDRM.scale(spec.inputScale(), xTest);
                }
            }
        }
        int[] trainLabels = pick(labels, trainIdx);
        int[] testLabels = nTest > 0 ? pick(labels, testIdx) : null;
        return new Dataset(
                spec,
                x,
                all.numRows,
                oneHot(trainLabels, classes),
                null,
                trainLabels,
                null,
                xTest,
                testLabels == null ? null : oneHot(testLabels, classes),
                testLabels,
                nTest > 0 ? testIdx : null);
    }

    private static DMatrixRMaj columns(DMatrixRMaj all, int[] idx) {
        DMatrixRMaj out = new DMatrixRMaj(all.numRows, idx.length);
        for (int i = 0; i < all.numRows; i++) {
            for (int j = 0; j < idx.length; j++) {
                out.data[i * idx.length + j] = all.data[i * all.numCols + idx[j]];
            }
        }
        return out;
    }

    private static int[] pick(int[] values, int[] idx) {
        int[] out = new int[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = values[idx[i]];
        }
        return out;
    }

    /** One-hot K×N targets of {@code labels}. */
    public static DMatrixRMaj oneHot(int[] labels, int classes) {
        DMatrixRMaj y = new DMatrixRMaj(classes, labels.length);
        for (int i = 0; i < labels.length; i++) {
            y.set(labels[i], i, 1.0);
        }
        return y;
    }

    private static DMatrixRMaj product(DMatrixRMaj a, DMatrixRMaj b) {
        DMatrixRMaj c = new DMatrixRMaj(a.numRows, b.numCols);
        CommonOps_DDRM.mult(a, b, c);
        return c;
    }

    /** (XXᵀ)^(−1/2) (d×d) from the symmetric eigendecomposition of XXᵀ; fails when XXᵀ is (nearly) singular. */
    static DMatrixRMaj inverseSqrtGram(DMatrixRMaj x) {
        int d = x.numRows;
        DMatrixRMaj gram = new DMatrixRMaj(d, d);
        CommonOps_DDRM.multTransB(x, x, gram);
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(gram.copy())) {
            throw new ArithmeticException("eigendecomposition failed while whitening the inputs");
        }
        double max = 0;
        for (int i = 0; i < d; i++) {
            max = Math.max(max, eig.getEigenvalue(i).getReal());
        }
        DMatrixRMaj w = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            double lambda = eig.getEigenvalue(i).getReal();
            if (!(lambda > 1e-12 * max)) {
                throw new IllegalArgumentException("data.whiten: the training inputs span fewer than dim=" + d
                        + " directions (raise noise or samplesPerClass, or set whiten false)");
            }
            DMatrixRMaj v = eig.getEigenVector(i);
            double norm2 = CommonOps_DDRM.dot(v, v); // normalised defensively: EJML does not promise unit vectors
            double f = 1.0 / (Math.sqrt(lambda) * norm2);
            for (int r = 0; r < d; r++) {
                for (int c = 0; c < d; c++) {
                    w.data[r * d + c] += f * v.data[r] * v.data[c];
                }
            }
        }
        return w;
    }

    private static Dataset regression(DataSpec spec, long seed, LinAlg linAlg) {
        DMatrixRMaj x = inputs(spec.dim(), spec.samples(), spec, Rng.stream(seed, "data.input"));
        if (spec.targetKind() == TargetKind.GAUSSIAN) {
            DMatrixRMaj y = Orthogonal.gaussian(spec.outputDim(), spec.samples(), Rng.stream(seed, "data.target"));
            return new Dataset(spec, x, spec.dim(), y, null, null, null);
        }
        DMatrixRMaj phi = lowRankTarget(spec, Rng.stream(seed, "data.target"), linAlg);
        DMatrixRMaj y = new DMatrixRMaj(spec.outputDim(), spec.samples());
        linAlg.mult(phi, x, y);
        return new Dataset(spec, x, spec.dim(), y, null, null, phi);
    }

    private static Dataset classification(DataSpec spec, long seed) {
        int k = spec.classes();
        int n = spec.samplesPerClass();
        int count = k * n;
        DMatrixRMaj x = inputs(spec.dim(), count, spec, Rng.stream(seed, "data.input"));
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i / n;
        }
        DMatrixRMaj y = oneHot(labels, k);
        return new Dataset(spec, x, spec.dim(), y, null, labels, null);
    }

    /**
     * Inputs X (d×N): whitened, the first d rows of a Haar N×N matrix ({@code generate_orthogonal_input}), so
     * XXᵀ = I; otherwise independent N(0, inputScale²) entries.
     */
    static DMatrixRMaj inputs(int d, int count, DataSpec spec, RandomGenerator rng) {
        if (spec.whiten()) {
            DMatrixRMaj q = Orthogonal.haarColumns(count, d, rng); // N x d
            return CommonOps_DDRM.transpose(q, null);
        }
        DMatrixRMaj g = Orthogonal.gaussian(d, count, rng);
        CommonOps_DDRM.scale(spec.inputScale(), g);
        return g;
    }

    /**
     * The rank-r target Φ (outputDim×dim) cut from a standard Gaussian matrix: its best rank-r truncation
     * (Law of Parsimony {@code generate_data}) or Kwon's spread singular indices ⌊j·m/(2r)⌋, j &lt; r, m = min(rows,
     * cols) (docs/science.md §2).
     */
    public static DMatrixRMaj lowRankTarget(DataSpec spec, RandomGenerator rng, LinAlg linAlg) {
        int rows = spec.outputDim();
        int cols = spec.dim();
        int r = spec.rank();
        DMatrixRMaj g = Orthogonal.gaussian(rows, cols, rng);
        Svd svd = new Svd();
        linAlg.svd(g, LinAlg.SvdMode.THIN, svd);
        int m = Math.min(rows, cols);
        DMatrixRMaj phi = new DMatrixRMaj(rows, cols);
        for (int j = 0; j < r; j++) {
            int idx = spec.targetSpectrum() == TargetSpectrum.SPREAD ? (int) Math.floor(j * (double) m / (2.0 * r)) : j;
            double s = svd.s[idx];
            for (int a = 0; a < rows; a++) {
                double ua = svd.u.get(a, idx) * s;
                int base = a * cols;
                for (int b = 0; b < cols; b++) {
                    phi.data[base + b] += ua * svd.v.get(b, idx);
                }
            }
        }
        return phi;
    }

    /**
     * A 0/1 mask with exactly int(p·rows·cols) ones at positions chosen uniformly without replacement
     * ({@code generate_observation_matrix}).
     */
    public static DMatrixRMaj observationMask(int rows, int cols, double p, RandomGenerator rng) {
        int total = rows * cols;
        int observed = (int) (p * rows * cols);
        int[] idx = new int[total];
        for (int i = 0; i < total; i++) {
            idx[i] = i;
        }
        DMatrixRMaj mask = new DMatrixRMaj(rows, cols);
        for (int i = 0; i < observed; i++) {
            int j = i + rng.nextInt(total - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            mask.data[idx[i]] = 1.0;
        }
        return mask;
    }
}
