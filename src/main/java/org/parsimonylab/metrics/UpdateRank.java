package org.parsimonylab.metrics;

/**
 * Rank summaries of an update ΔW from its singular values σ_1 ≥ … ≥ σ_k ≥ 0 (docs/science.md §3.5): the entropy-based
 * effective rank exp(−Σ p_i ln p_i) with p_i = σ_i / Σ_j σ_j (Roy and Vetterli 2007), the stable rank Σ σ_i² / σ_1²,
 * and the smallest rank that holds a given share of ‖ΔW‖_F². All are 0 for ΔW = 0. Pure functions.
 */
public final class UpdateRank {
    private UpdateRank() {}

    /** exp(H(p)), p_i = σ_i / Σσ: k for k equal values, 1 for one non-zero value, 0 when every σ is 0. */
    public static double effectiveRank(double[] sv) {
        double sum = 0;
        for (double s : sv) {
            sum += s;
        }
        if (!(sum > 0)) {
            return 0;
        }
        double entropy = 0;
        for (double s : sv) {
            if (s > 0) {
                double p = s / sum;
                entropy -= p * Math.log(p);
            }
        }
        return Math.exp(entropy);
    }

    /** ‖ΔW‖_F² / ‖ΔW‖_2² = Σσ_i² / σ_1² for descending {@code sv}; in [1, k], 0 when σ_1 = 0. */
    public static double stableRank(double[] sv) {
        if (sv.length == 0 || !(sv[0] > 0)) {
            return 0;
        }
        double sum = 0;
        for (double s : sv) {
            sum += s * s;
        }
        return sum / (sv[0] * sv[0]);
    }

    /**
     * The smallest r with Σ_{i≤r} σ_i² ≥ share·Σ σ_i² for descending {@code sv} (share in (0, 1]); 0 when every σ is
     * 0. With share 0.9 this is "the rank that holds 90 % of the update's energy".
     */
    public static int rankHolding(double[] sv, double share) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException("share must be in (0, 1] (got " + share + ")");
        }
        double total = 0;
        for (double s : sv) {
            total += s * s;
        }
        if (!(total > 0)) {
            return 0;
        }
        double acc = 0;
        for (int i = 0; i < sv.length; i++) {
            acc += sv[i] * sv[i];
            // relative slack so that rounding in the running sum does not ask for one more direction
            if (acc >= share * total * (1 - 1e-12)) {
                return i + 1;
            }
        }
        return sv.length;
    }
}
