package org.parsimonylab.engine.net;

import org.parsimonylab.engine.Check;

/**
 * Weight initialisation (papers.md §1.3).
 *
 * @param kind orthogonal, gaussian or uniform
 * @param scale ε, the common singular value of the orthogonal init
 */
public record InitSpec(InitKind kind, double scale) {
    public InitSpec {
        Check.present("kind", kind);
        Check.positive("scale", scale);
    }
}
