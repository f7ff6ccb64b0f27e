package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Compressed forms of a network (papers.md §1.5, §2, §3.4). */
public enum CompressionKind implements Labeled {
    /** The full network as specified. */
    NONE("none"),
    /**
     * MLP only: every weight but the last is W = U·S·Vᵀ of rank {@code rank} with trainable U, S, V, initialised inside
     * the big subspace S_big from W(0) and one first-layer gradient (paper 2 §5, Eq. 10, reconstructed: papers.md
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
