package org.parsimonylab.engine.train;

import java.util.random.RandomGenerator;
import org.parsimonylab.engine.linalg.Rng;

/**
 * The sample order of mini-batch training ({@link MlpModel} with 0 &lt; batchSize &lt; N): before each epoch the order
 * of the previous epoch (0, 1, …, N−1 before the first) is shuffled in place by Fisher–Yates, for i = N−1 down to 1
 * swapping i with j = nextInt(i + 1) of the stream {@code Rng.stream(seed, "batches")}. Step t then trains on
 * columns order_e[jB, min((j+1)B, N)) of epoch e = ⌊t/m⌋, j = t mod m, m = ⌈N/B⌉ batches per epoch. Exported so that
 * a run folder can hold the order itself (data/batch_order.npy) for a replay without this generator.
 */
public final class BatchOrder {
    /** The label of the random stream the order is drawn from. */
    public static final String STREAM = "batches";

    private BatchOrder() {}

    /** One epoch's Fisher–Yates shuffle of {@code order} in place. */
    public static void shuffle(int[] order, RandomGenerator rng) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    /** The orders of epochs 0 … {@code epochs}−1 for {@code samples} samples and {@code seed}: row e is epoch e's. */
    public static int[][] epochs(long seed, int samples, int epochs) {
        RandomGenerator rng = Rng.stream(seed, STREAM);
        int[] order = new int[samples];
        for (int i = 0; i < samples; i++) {
            order[i] = i;
        }
        int[][] out = new int[epochs][];
        for (int e = 0; e < epochs; e++) {
            shuffle(order, rng);
            out[e] = order.clone();
        }
        return out;
    }

    /** Epochs begun within {@code steps} steps (one batch per step) of {@code batchSize} out of {@code samples}. */
    public static long epochsFor(long steps, int samples, int batchSize) {
        long perEpoch = (samples + batchSize - 1) / batchSize;
        return (steps + perEpoch - 1) / perEpoch;
    }
}
