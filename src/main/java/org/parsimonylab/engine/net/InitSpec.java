package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Check;

/**
 * Weight initialisation (docs/science.md §1.3).
 *
 * @param kind orthogonal, gaussian or uniform
 * @param scale ε, the common singular value of the orthogonal init
 * @param lastScale the scale of the last layer W_L, or 0 for the same ε; paper 2's two-layer setting (§3.2) needs a
 *     small semi-orthogonal W1(0) under a fixed W2 of ordinary size
 * @param seedOffset which independent draw of the initial weights: 0 is the experiment's init (streams "init.W{l}"),
 *     k &gt; 0 an independent trial (streams "init.trial{k}.W{l}") from the same seed, the data unchanged. The papers'
 *     E4/E5 draw a fresh init per trial on the same target and mask (docs/science.md §6 pitfall 13); a preset expresses
 *     trials as variants that differ only in {@code network.init.seedOffset}.
 */
public record InitSpec(InitKind kind, double scale, double lastScale, long seedOffset) {
    public InitSpec {
        Check.present("kind", kind);
        Check.positive("scale", scale);
        Check.atLeast("lastScale", lastScale, 0.0);
        Check.range("seedOffset", seedOffset, 0, Long.MAX_VALUE);
    }

    /** Every layer at scale ε, the experiment's own init (seed offset 0). */
    public InitSpec(InitKind kind, double scale) {
        this(kind, scale, 0.0, 0);
    }

    /** Scale ε, the last layer at {@code lastScale} (0: ε), seed offset 0. */
    public InitSpec(InitKind kind, double scale, double lastScale) {
        this(kind, scale, lastScale, 0);
    }

    /** This init with seed offset {@code newSeedOffset} (another independent trial of the same scales). */
    public InitSpec withSeedOffset(long newSeedOffset) {
        return new InitSpec(kind, scale, lastScale, newSeedOffset);
    }

    /** The scale of layer {@code l} (0-based) of a network of {@code depth} layers. */
    public double scaleOf(int l, int depth) {
        return l == depth - 1 && lastScale > 0 ? lastScale : scale;
    }

    /** The random-stream label of layer {@code layer} (1-based) for this init's seed offset. */
    public String streamLabel(int layer) {
        return seedOffset == 0 ? "init.W" + layer : "init.trial" + seedOffset + ".W" + layer;
    }
}
