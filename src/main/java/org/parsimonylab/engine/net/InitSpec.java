package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Check;

/**
 * Weight initialisation (papers.md §1.3).
 *
 * @param kind orthogonal, gaussian or uniform
 * @param scale ε, the common singular value of the orthogonal init
 * @param lastScale the scale of the last layer W_L, or 0 for the same ε; paper 2's two-layer setting (§3.2) needs a
 *     small semi-orthogonal W1(0) under a fixed W2 of ordinary size
 */
public record InitSpec(InitKind kind, double scale, double lastScale) {
    public InitSpec {
        Check.present("kind", kind);
        Check.positive("scale", scale);
        Check.atLeast("lastScale", lastScale, 0.0);
    }

    /** Every layer at scale ε. */
    public InitSpec(InitKind kind, double scale) {
        this(kind, scale, 0.0);
    }

    /** The scale of layer {@code l} (0-based) of a network of {@code depth} layers. */
    public double scaleOf(int l, int depth) {
        return l == depth - 1 && lastScale > 0 ? lastScale : scale;
    }
}
