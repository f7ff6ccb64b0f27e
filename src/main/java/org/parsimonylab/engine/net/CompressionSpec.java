package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Check;

/**
 * Which compressed form of the network to train (docs/science.md §1.5, §2).
 *
 * @param kind none, or a compression of docs/science.md §1.5 / §2
 * @param rank r̂, the rank the compression keeps (the compressed width is 2r̂)
 * @param factor how {@code parsimony} computes V_{1,1} from the first gradient (v1 = the paper-v1 code, default)
 */
public record CompressionSpec(CompressionKind kind, int rank, FactorMethod factor) {
    public CompressionSpec {
        Check.present("kind", kind);
        Check.present("factor", factor);
        Check.range("rank", rank, 1, 10_000);
    }

    /** A compression with the default factor method v1. */
    public CompressionSpec(CompressionKind kind, int rank) {
        this(kind, rank, FactorMethod.V1);
    }

    /** This compression with kind {@code newKind} (rank and factor method kept). */
    public CompressionSpec withKind(CompressionKind newKind) {
        return new CompressionSpec(newKind, rank, factor);
    }

    /** The compressed width 2r̂. */
    public int width() {
        return 2 * rank;
    }
}
