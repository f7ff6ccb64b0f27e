package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Which family of network a preset trains. */
public enum NetworkKind implements Labeled {
    /** Deep linear network W_L⋯W_1 (docs/science.md §1.2). */
    LINEAR("linear"),
    /**
     * Multilayer perceptron W_L·φ(⋯φ(W_1·X + b_1)⋯) + b_L with φ after every layer except the last (docs/science.md §3.2,
     * §3.4).
     */
    MLP("mlp");

    private final String label;

    NetworkKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
