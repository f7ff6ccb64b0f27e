package org.parsimonylab.engine.linalg;

import java.nio.charset.StandardCharsets;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;

/**
 * Seeded random streams. Every consumer (data, mask, each layer's init) gets its own stream derived from the preset
 * seed and a purpose label, so adding a draw in one place never shifts the numbers of another (DESIGN.md §4).
 */
public final class Rng {
    private static final RandomGeneratorFactory<RandomGenerator> FACTORY =
            RandomGeneratorFactory.of("L64X128MixRandom");

    private Rng() {}

    /** A generator determined by {@code seed} and {@code purpose} alone. */
    public static RandomGenerator stream(long seed, String purpose) {
        long h = 0x9E3779B97F4A7C15L;
        for (byte b : purpose.getBytes(StandardCharsets.UTF_8)) {
            h = mix(h ^ b);
        }
        return FACTORY.create(mix(seed ^ h));
    }

    /** SplitMix64 finaliser. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
