package org.parsimonylab.engine.data;

import java.util.HashSet;
import java.util.List;
import org.parsimonylab.engine.Check;

/**
 * What data to generate (the {@code data} section of a preset, DESIGN.md §5). Shapes follow the papers: X is
 * dim×N, Y is outputDim×N (classification: classes×N).
 *
 * @param kind which generator (docs/science.md §1.1, §1.7, §3.4, §4)
 * @param dim input dimension d (factorization/completion: columns of Φ; digits/csv: ignored, taken from the file)
 * @param outputDim output dimension (rows of Φ; ignored for classification, where it is {@code classes})
 * @param rank rank r of the target map Φ; class-clusters: dimension of the subspace holding the class means;
 *     union-of-subspaces: dimension of each class's subspace
 * @param samples N for regression; idx: the first N training images kept after the class filter (fewer when the
 *     file holds fewer)
 * @param classes K for classification, class-clusters and union-of-subspaces (digits/csv: taken from the labels)
 * @param samplesPerClass n for classification, class-clusters and union-of-subspaces (N = K·n before the test split)
 * @param observedFraction p for completion: int(p·d1·d2) entries observed
 * @param whiten regression/classification: X with orthonormal rows (true) or Gaussian·inputScale (false);
 *     class-clusters/union-of-subspaces: X ← (XXᵀ)^(−1/2)·X on the training set, so that XXᵀ = I (docs/science.md §3.2), the
 *     test set mapped by the same matrix; digits/csv: ignored (features are used as read, digits scaled to [0, 1])
 * @param inputScale scale of Gaussian X when not whitened (E2 uses 1/15); class-clusters/union-of-subspaces: factor on
 *     X when not whitened
 * @param targetSpectrum how Φ is cut from a Gaussian matrix
 * @param targetKind regression target: low-rank map Φ X or Gaussian noise (E2)
 * @param file digits/csv: the table to read, absolute or relative to the preset's folder (gzip when it ends in .gz);
 *     idx: the folder of the four IDX files, empty for {@link IdxFiles#DEBIAN_FASHION_MNIST}
 * @param labelColumn csv: header name of the label column; empty for the last column (then a header is optional)
 * @param testFraction digits, csv, class-clusters, union-of-subspaces: share of each class held out as a test set by a
 *     seeded stratified split, in [0, 0.9]; 0 for none (idx: ignored, the split is the shipped one)
 * @param noise class-clusters/union-of-subspaces: σ of the isotropic Gaussian noise added to every sample
 * @param classSubset idx: the classes kept, in the order they are relabelled 0, 1, …; empty for all classes
 * @param testSamples idx: the first this many images of the shipped test split (after the class filter); 0 for all
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
        TargetKind targetKind,
        String file,
        String labelColumn,
        double testFraction,
        double noise,
        List<Integer> classSubset,
        int testSamples) {

    /** Largest dimension accepted anywhere (a 10000×10000 double matrix is 800 MB). */
    public static final int MAX_DIM = 10_000;

    /** Largest number of samples accepted. */
    public static final int MAX_SAMPLES = 1_000_000;

    public DataSpec {
        Check.present("kind", kind);
        Check.present("targetSpectrum", targetSpectrum);
        Check.present("targetKind", targetKind);
        Check.present("file", file);
        Check.present("labelColumn", labelColumn);
        Check.range("testFraction", testFraction, 0.0, 0.9);
        Check.range("noise", noise, 0.0, 1e6);
        classSubset = classSubset == null ? List.of() : List.copyOf(classSubset);
        Check.that(
                classSubset.isEmpty() || classSubset.size() >= 2,
                "classSubset must list at least 2 classes, or none for all (got " + classSubset + ")");
        for (int c : classSubset) {
            Check.range("classSubset entry", c, 0, 255);
        }
        Check.that(
                new HashSet<>(classSubset).size() == classSubset.size(),
                "classSubset must not repeat a class (got " + classSubset + ")");
        Check.range("testSamples", testSamples, 0, MAX_SAMPLES);
        Check.range("dim", dim, 1, MAX_DIM);
        Check.range("outputDim", outputDim, 1, MAX_DIM);
        Check.range("samples", samples, 1, MAX_SAMPLES);
        Check.range("classes", classes, 2, 1000);
        Check.range("samplesPerClass", samplesPerClass, 1, MAX_SAMPLES);
        Check.fraction("observedFraction", observedFraction);
        Check.positive("inputScale", inputScale);
        int maxRank = Math.min(dim, outputDim);
        boolean subspaceKind = kind == DataKind.CLASS_CLUSTERS || kind == DataKind.UNION_OF_SUBSPACES;
        // the parameters, not the accessors: fields are assigned only at the end of a compact constructor
        boolean fileKind = kind == DataKind.DIGITS || kind == DataKind.CSV;
        boolean idxKind = kind == DataKind.IDX;
        boolean needsRank = kind != DataKind.CLASSIFICATION
                && !fileKind
                && !idxKind
                && !subspaceKind
                && !(kind == DataKind.REGRESSION && targetKind == TargetKind.GAUSSIAN);
        if (subspaceKind) {
            Check.range("rank", rank, 1, dim);
        } else if (needsRank) {
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
        if (fileKind) {
            Check.that(!file.isBlank(), "file must name a table for data kind '" + kind.label() + "'");
        }
        if (subspaceKind) {
            Check.range("classes * samplesPerClass", (long) classes * samplesPerClass, 2, MAX_SAMPLES);
            if (whiten) {
                long train = trainCount(classes, samplesPerClass, testFraction);
                Check.that(
                        dim <= train,
                        "dim must be <= the number of training samples for whitened inputs (got dim=" + dim
                                + ", training samples=" + train + ")");
            }
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

    /** The sixteen-field form of earlier versions: all classes, the whole shipped test split. */
    public DataSpec(
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
            TargetKind targetKind,
            String file,
            String labelColumn,
            double testFraction,
            double noise) {
        this(
                kind,
                dim,
                outputDim,
                rank,
                samples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                file,
                labelColumn,
                testFraction,
                noise,
                List.of(),
                0);
    }

    /** This spec with another {@code kind}. */
    public DataSpec withKind(DataKind newKind) {
        return new DataSpec(
                newKind,
                dim,
                outputDim,
                rank,
                samples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                file,
                labelColumn,
                testFraction,
                noise,
                classSubset,
                testSamples);
    }

    /** This spec with another {@code file}. */
    public DataSpec withFile(String newFile) {
        return new DataSpec(
                kind,
                dim,
                outputDim,
                rank,
                samples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                newFile,
                labelColumn,
                testFraction,
                noise,
                classSubset,
                testSamples);
    }

    /** This spec with another {@code samples}. */
    public DataSpec withSamples(int newSamples) {
        return new DataSpec(
                kind,
                dim,
                outputDim,
                rank,
                newSamples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                file,
                labelColumn,
                testFraction,
                noise,
                classSubset,
                testSamples);
    }

    /** This spec with another {@code classSubset}. */
    public DataSpec withClassSubset(List<Integer> newSubset) {
        return new DataSpec(
                kind,
                dim,
                outputDim,
                rank,
                samples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                file,
                labelColumn,
                testFraction,
                noise,
                newSubset,
                testSamples);
    }

    /** This spec with another {@code testSamples}. */
    public DataSpec withTestSamples(int newTestSamples) {
        return new DataSpec(
                kind,
                dim,
                outputDim,
                rank,
                samples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                file,
                labelColumn,
                testFraction,
                noise,
                classSubset,
                newTestSamples);
    }

    /** The twelve-field form of earlier versions: the new fields take their {@link #defaults()}. */
    public DataSpec(
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
        this(
                kind,
                dim,
                outputDim,
                rank,
                samples,
                classes,
                samplesPerClass,
                observedFraction,
                whiten,
                inputScale,
                targetSpectrum,
                targetKind,
                DEFAULT_FILE,
                "",
                0.0,
                0.1);
    }

    /** Default {@code file}: the shipped digits table, relative to the presets folder. */
    public static final String DEFAULT_FILE = "data/digits.csv.gz";

    /** Number of samples per class that stay in training after the stratified split (docs/science.md §3.4). */
    static long trainCount(int classes, int perClass, double testFraction) {
        return (long) classes * (perClass - Math.round(testFraction * perClass));
    }

    /** True for the kinds read from a table ({@code digits}, {@code csv}). */
    public boolean fromFile() {
        return kind == DataKind.DIGITS || kind == DataKind.CSV;
    }

    /** True for the kinds read from files of any format ({@code digits}, {@code csv}, {@code idx}). */
    public boolean readsFiles() {
        return fromFile() || kind == DataKind.IDX;
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
                TargetKind.LOW_RANK_MAP,
                DEFAULT_FILE,
                "",
                0.0,
                0.1);
    }

    /** Number of (training) samples N of the generated data; −1 for tables, whose size is known only once read. */
    public int sampleCount() {
        return switch (kind) {
            case FACTORIZATION, COMPLETION -> dim;
            case REGRESSION -> samples;
            case CLASSIFICATION -> classes * samplesPerClass;
            case CLASS_CLUSTERS, UNION_OF_SUBSPACES -> (int) trainCount(classes, samplesPerClass, testFraction);
            case DIGITS, CSV, IDX -> -1;
        };
    }

    /** Rows of Y; −1 for csv, whose classes are known only once read. */
    public int targetRows() {
        return switch (kind) {
            case CLASSIFICATION, CLASS_CLUSTERS, UNION_OF_SUBSPACES -> classes;
            case DIGITS -> 10;
            case CSV -> -1;
            case IDX -> classSubset.isEmpty() ? -1 : classSubset.size();
            default -> outputDim;
        };
    }
}
