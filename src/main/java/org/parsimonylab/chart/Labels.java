package org.parsimonylab.chart;

/** Words and symbols for titles, axes and legends: a reader sees "σᵢ of W₁ — GELU", never a metric's code name. */
public final class Labels {
    private static final String SUBSCRIPTS = "₀₁₂₃₄₅₆₇₈₉";

    private Labels() {}

    /** {@code n} in subscript digits (₁₂), a minus sign as "₋". */
    public static String sub(int n) {
        String s = Integer.toString(n);
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            b.append(c == '-' ? '₋' : SUBSCRIPTS.charAt(c - '0'));
        }
        return b.toString();
    }

    /** {@code title — variant}, or the title alone when there is no variant name. */
    public static String withVariant(String title, String variant) {
        return variant == null || variant.isBlank() ? title : title + " — " + variant;
    }

    /**
     * The reader's name of a metric line ({@code angle-right-rad} → "angle to reference, right singular vectors");
     * unknown names come back with dashes as spaces.
     */
    public static String metric(String name) {
        return switch (name) {
            case "angle-right-rad" -> "largest angle, right singular vectors";
            case "angle-left-rad" -> "largest angle, left singular vectors";
            case "angle-middle-right-rad" -> "middle block, right singular vectors";
            case "angle-middle-left-rad" -> "middle block, left singular vectors";
            case "angle-block-right-rad" -> "top and bottom blocks, right singular vectors";
            case "angle-block-left-rad" -> "top and bottom blocks, left singular vectors";
            case "angle-top-rad" -> "top block";
            case "angle-middle-rad" -> "middle block";
            case "angle-bottom-rad" -> "bottom block";
            case "alignment-rad" -> "alignment of adjacent layers";
            case "angle-vbig" -> "angle of the top right singular block";
            case "angle-ubig" -> "angle of the top left singular block";
            case "update-energy-in-block" -> "update energy in the block";
            case "energy-in-block" -> "energy in the block";
            case "moved-sv" -> "singular values that moved";
            case "update-effective-rank" -> "effective rank of the update";
            case "update-stable-rank" -> "stable rank of the update";
            case "twin-distance" -> "distance to the twin network";
            case "recovery-error" -> "recovery error (unobserved entries)";
            case "relative-error" -> "relative error ‖W − Φ‖_F / ‖Φ‖_F";
            case "train-accuracy" -> "train accuracy";
            case "test-accuracy" -> "test accuracy";
            case "loss" -> "loss";
            default -> name.replace('-', ' ');
        };
    }

    /**
     * A legend entry shortened for a paper-size figure, where seven full entries would take the plot's height:
     * "largest angle, right singular vectors" → "largest angle (right)".
     */
    public static String compact(String legend) {
        return legend.replace(", right singular vectors", " (right)")
                .replace(", left singular vectors", " (left)")
                .replace("top and bottom blocks", "top+bottom")
                .replace("alignment of adjacent layers", "layer alignment")
                .replace(" singular vectors", "");
    }
}
