package org.parsimonylab.engine.data;

import org.parsimonylab.engine.Check;

/**
 * What data to generate (the {@code data} section of a preset, DESIGN.md §5). Shapes follow the papers: X is
 * dim×N, Y is outputDim×N (classification: classes×N).
 *
 * @param kind which generator (papers.md §1.1, §1.7)
 * @param dim input dimension d (factorization/completion: columns of Φ)
 * @param outputDim output dimension (rows of Φ; ignored for classification, where it is {@code classes})
 * @param rank rank r of the target map Φ
 * @param samples N for regression
 * @param classes K for classification
 * @param samplesPerClass n for classification (N = K·n)
 * @param observedFraction p for completion: int(p·d1·d2) entries observed
 * @param whiten regression/classification: X with orthonormal rows (true) or Gaussian·inputScale (false)
 * @param inputScale scale of Gaussian X when not whitened (E2 uses 1/15)
 * @param targetSpectrum how Φ is cut from a Gaussian matrix
 * @param targetKind regression target: low-rank map Φ X or Gaussian noise (E2)
 */
public record DataSpec(
        DataKind kind,
        int dim,
        int outputDim,
        int rank,
        int samples,
        int classes,
        int samplesPerClass,
        double observedFraction,
        boolean whiten,
        double inputScale,
        TargetSpectrum targetSpectrum,
        TargetKind targetKind) {

    /** Largest dimension accepted anywhere (a 10000×10000 double matrix is 800 MB). */
    public static final int MAX_DIM = 10_000;

    /** Largest number of samples accepted. */
    public static final int MAX_SAMPLES = 1_000_000;

    public DataSpec {
        Check.present("kind", kind);
        Check.present("targetSpectrum", targetSpectrum);
        Check.present("targetKind", targetKind);
        Check.range("dim", dim, 1, MAX_DIM);
        Check.range("outputDim", outputDim, 1, MAX_DIM);
        Check.range("samples", samples, 1, MAX_SAMPLES);
        Check.range("classes", classes, 2, 1000);
        Check.range("samplesPerClass", samplesPerClass, 1, MAX_SAMPLES);
        Check.fraction("observedFraction", observedFraction);
        Check.positive("inputScale", inputScale);
        int maxRank = Math.min(dim, outputDim);
        boolean needsRank =
                kind != DataKind.CLASSIFICATION && !(kind == DataKind.REGRESSION && targetKind == TargetKind.GAUSSIAN);
        if (needsRank) {
            Check.range("rank", rank, 1, maxRank);
        } else {
            Check.range("rank", rank, 0, MAX_DIM);
        }
        if (kind == DataKind.REGRESSION && whiten) {
            Check.that(
                    samples >= dim,
                    "samples must be >= dim for whitened regression: orthonormal rows need N >= d (got samples="
                            + samples + ", dim=" + dim + ")");
        }
        if (kind == DataKind.CLASSIFICATION) {
            Check.that(
                    (long) classes * samplesPerClass <= MAX_SAMPLES,
                    "samplesPerClass times classes must be at most " + MAX_SAMPLES + " samples (got "
                            + (long) classes * samplesPerClass + ")");
            if (whiten) {
                Check.that(
                        dim <= classes * samplesPerClass,
                        "dim must be at most classes times samplesPerClass: orthogonal inputs need N >= d (got dim="
                                + dim + ", N=" + classes * samplesPerClass + ")");
            }
        }
    }

    /** The defaults of DESIGN.md §5: the law-of-parsimony factorisation, d = 30, r = 3. */
    public static DataSpec defaults() {
        return new DataSpec(
                DataKind.FACTORIZATION,
                30,
                30,
                3,
                300,
                5,
                10,
                0.2,
                true,
                1.0,
                TargetSpectrum.TRUNCATED_GAUSSIAN,
                TargetKind.LOW_RANK_MAP);
    }

    /** Number of samples N of the generated data. */
    public int sampleCount() {
        return switch (kind) {
            case FACTORIZATION, COMPLETION -> dim;
            case REGRESSION -> samples;
            case CLASSIFICATION -> classes * samplesPerClass;
        };
    }

    /** Rows of Y. */
    public int targetRows() {
        return kind == DataKind.CLASSIFICATION ? classes : outputDim;
    }
}
