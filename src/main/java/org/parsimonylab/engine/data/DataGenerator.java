package org.parsimonylab.engine.data;

import java.util.random.RandomGenerator;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.parsimonylab.engine.linalg.LinAlg;
import org.parsimonylab.engine.linalg.Orthogonal;
import org.parsimonylab.engine.linalg.Rng;
import org.parsimonylab.engine.linalg.Svd;

/**
 * Generates the data sets of papers.md §1.1 (Law of Parsimony {@code data.py}) and §2 (Kwon et al.). Each part is
 * drawn from its own seeded stream (target, input, mask), so the same seed always gives the same data.
 */
public final class DataGenerator {
    private DataGenerator() {}

    /** Generates the data of {@code spec} for {@code seed}; {@code linAlg} does the one SVD of the target. */
    public static Dataset generate(DataSpec spec, long seed, LinAlg linAlg) {
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
        };
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
        DMatrixRMaj y = new DMatrixRMaj(k, count);
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i / n;
            y.set(labels[i], i, 1.0);
        }
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
     * cols) (papers.md §2).
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
