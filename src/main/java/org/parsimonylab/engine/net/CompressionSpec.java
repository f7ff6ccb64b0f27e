package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Check;

/**
 * Which compressed form of the network to train.
 *
 * @param kind none, or a compression of papers.md §1.5 / §2
 * @param rank r̂, the rank the compression keeps (the compressed width is 2r̂)
 */
public record CompressionSpec(CompressionKind kind, int rank) {
    public CompressionSpec {
        Check.present("kind", kind);
        Check.range("rank", rank, 1, 10_000);
    }
}
