package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Activation between layers; a deep linear network uses the identity. */
public enum Activation implements Labeled {
    /** φ(x) = x. */
    IDENTITY("identity");

    private final String label;

    Activation(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
