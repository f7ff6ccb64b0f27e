package org.parsimonylab.session;

import java.util.HashSet;
import java.util.List;
import org.parsimonylab.engine.Check;
import org.parsimonylab.engine.data.DataSpec;

/**
 * A whole experiment as the engine sees it: one data set and seed, one or more variants trained on it.
 *
 * @param seed the seed of every random draw (data, mask, initialisations)
 */
public record ExperimentSpec(long seed, DataSpec data, List<VariantSpec> variants) {
    public ExperimentSpec {
        Check.present("data", data);
        Check.present("variants", variants);
        Check.that(!variants.isEmpty(), "variants must not be empty");
        variants = List.copyOf(variants);
        HashSet<String> names = new HashSet<>();
        for (VariantSpec v : variants) {
            Check.that(names.add(v.name()), "variant names must be unique (twice: '" + v.name() + "')");
        }
    }

    /** This experiment with variants {@code newVariants} (same seed and data). */
    public ExperimentSpec withVariants(List<VariantSpec> newVariants) {
        return new ExperimentSpec(seed, data, newVariants);
    }
}
