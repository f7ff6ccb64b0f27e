package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Compressed forms of a network (docs/science.md §1.5, §2, §3.4). The compressed width is 2r̂, r̂ = compression.rank. */
public enum CompressionKind implements Labeled {
    /** The full network as specified. */
    NONE("none"),
    /**
     * The compressed network of docs/science.md §1.5 built from the wide network's own initialisation: V_{1,1} from the
     * first gradient ({@code compute_factor}), then the L+2 factors [V_{1,1}ᵀ, εI_{2r̂} ×L, U_{L,1}]; the outer two
     * train with γ = outerLearningRateScale (γ = 0 freezes them).
     */
    PARSIMONY("parsimony"),
    /** A random narrow network of width 2r̂ with the spec's own init (the E5 "narrow/random" baseline, docs/science.md §1.7). */
    NARROW("narrow"),
    /**
     * Kwon et al.'s C-DLN (docs/science.md §2): W1 = εV_kᵀ, W_l = εI_k, W_L = εU_k with (U, V) the top-k singular vectors of
     * the surrogate Φ (or (1/p)·mask∘Φ for completion), k = 2r̂; α = outerLearningRateScale on first and last.
     */
    SPECTRAL("spectral"),
    /**
     * MLP only: every weight but the last is W = U·S·Vᵀ of rank {@code rank} with trainable U, S, V, initialised inside
     * the big subspace S_big from W(0) and one first-layer gradient (paper 2 §5, Eq. 10, reconstructed: docs/science.md
     * §3.4).
     */
    LOWRANK("lowrank"),
    /** MLP only: the same low-rank factorisation initialised in a Haar-random subspace (the paper's contrast). */
    LOWRANK_RANDOM("lowrank-random");

    private final String label;

    CompressionKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
