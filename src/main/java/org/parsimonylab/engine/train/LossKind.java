package org.parsimonylab.engine.train;

import org.parsimonylab.engine.Labeled;

/** Losses and their normalisation (docs/science.md §1.2, §6 pitfall 1). The learning rate means what it meant in the paper's code for the same convention. */
public enum LossKind implements Labeled {
    /** ½·mean over all output entries of (mask∘R)², masked entries counting in the denominator (Law of Parsimony loss.py). */
    HALF_MEAN("half-mean"),
    /** ½·Σ(mask∘R)², the paper convention ½‖·‖²_F. */
    HALF_SUM("half-sum"),
    /** ½·Σ(mask∘R)²/Σmask, the mean over observed entries (Kwon et al. loss.py). */
    HALF_MEAN_OBSERVED("half-mean-observed"),
    /** −(1/N)·Σ_i log softmax(output_i)[y_i], softmax over each column (Kwon et al. create_loss_ce). */
    CROSS_ENTROPY("cross-entropy");

    private final String label;

    LossKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }

    /**
     * The one normalisation c of every model: loss = ½·c·Σ(mask∘R)² (squared) or c·Σ(−log p) (cross-entropy) over
     * {@code samples} columns of {@code outputs} rows; half-mean 1/(outputs·samples), half-sum 1, half-mean-observed
     * 1/{@code observed} (the number of observed entries; without a mask pass outputs·samples), cross-entropy
     * 1/samples.
     */
    public double scale(int outputs, int samples, double observed) {
        return switch (this) {
            case HALF_MEAN -> 1.0 / ((double) outputs * samples);
            case HALF_SUM -> 1.0;
            case HALF_MEAN_OBSERVED -> 1.0 / observed;
            case CROSS_ENTROPY -> 1.0 / samples;
        };
    }
}
