package org.parsimonylab.engine.data;

import org.parsimonylab.engine.Labeled;

/** The data sets of docs/science.md §1.1, §1.7, §2, §3.4 and §4. */
public enum DataKind implements Labeled {
    /** Deep matrix factorisation: X = I (implicit), Y = Φ of rank r (docs/science.md §1.2). */
    FACTORIZATION("factorization"),
    /** Matrix completion: Y = Φ observed through a random mask (docs/science.md §1.1 generate_observation_matrix). */
    COMPLETION("completion"),
    /** Regression Y = Φ X with X whitened (orthonormal rows) or Gaussian with a scale (docs/science.md §1.2, E2). */
    REGRESSION("regression"),
    /** K classes of n samples, orthogonal X, one-hot Y, class-sorted labels (docs/science.md §1.1, E8–E11). */
    CLASSIFICATION("classification"),
    /**
     * UCI handwritten digits (Alpaydin &amp; Kaynak 1998; presets/data/digits.csv.gz): 1797 images of 8×8 pixels,
     * features scaled to [0, 1], 10 classes, a seeded stratified train/test split; the small real stand-in for the
     * Fashion-MNIST runs of paper 2 (docs/science.md §3.4).
     */
    DIGITS("digits"),
    /** The user's own numeric table: features in columns, label in the last (or a named) column, one sample a row. */
    CSV("csv"),
    /**
     * Gaussian class clusters: class means U·c_k in a random rank-r subspace U (d×r), c_k ~ N(0, I_r), plus isotropic
     * noise σ·N(0, I_d); optionally whitened (paper 2's synthetic classification data, docs/science.md §3.2, §3.4).
     */
    CLASS_CLUSTERS("class-clusters"),
    /**
     * Union of subspaces (docs/science.md §4, uos-linear-separability {@code get_uos_dataset}): class k samples U_k·z + σ·n,
     * U_k (d×r) Haar, z ~ N(0, I_r), n ~ N(0, I_d); optionally whitened.
     */
    UNION_OF_SUBSPACES("union-of-subspaces"),
    /**
     * Images in the IDX format of MNIST and Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017), read from a folder with the
     * shipped train and test splits ({@link IdxFiles}); pixels scaled to [0, 1], an optional class subset (docs/science.md
     * §3.4, paper 2's real-data experiment).
     */
    IDX("idx");

    private final String label;

    DataKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
