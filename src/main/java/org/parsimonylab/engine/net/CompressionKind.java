package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Labeled;

/** Compressed forms of a network (papers.md §1.5, §2). */
public enum CompressionKind implements Labeled {
    /** The full network as specified. */
    NONE("none");

    private final String label;

    CompressionKind(String label) {
        this.label = label;
    }

    @Override
    public String label() {
        return label;
    }
}
