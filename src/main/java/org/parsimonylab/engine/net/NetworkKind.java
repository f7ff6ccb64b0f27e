package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Which family of network a preset trains. */
public enum NetworkKind implements Labeled {
    /** Deep linear network W_L⋯W_1 (papers.md §1.2). */
    LINEAR("linear");

    private final String label;

    NetworkKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
