package org.parsimonylab.checkpoints;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The step of a checkpoint from its name. Rule: drop the extension ({@code .safetensors}, {@code .npz}); if the name
 * contains the word {@code step} (case-insensitive, not preceded by a letter) followed by an optional {@code =},
 * {@code -} or {@code _} and digits, the step is the number after the last such {@code step}; otherwise it is the last
 * run of digits in the name. So {@code step-000100} → 100, {@code ckpt_100} → 100, {@code epoch=3-step=1200} → 1200,
 * {@code model_epoch7} → 7; a name without digits has no step.
 */
public final class StepNames {
    private static final Pattern STEP = Pattern.compile("(?i)(?<![a-z])step[=_-]?(\\d+)");
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern CHUNK = Pattern.compile("\\d+|\\D+");

    private StepNames() {}

    /** The step the rule reads from {@code fileName}, or -1 when the name has no number (or it overflows a long). */
    public static long fromName(String fileName) {
        String name = fileName.replaceFirst("(?i)\\.(safetensors|npz|npy)$", "");
        long found = last(STEP.matcher(name), 1);
        return found >= 0 ? found : last(DIGITS.matcher(name), 0);
    }

    private static long last(Matcher m, int group) {
        String digits = null;
        while (m.find()) {
            digits = m.group(group);
        }
        if (digits == null) {
            return -1;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Natural order of names: runs of digits compare as numbers, so {@code layers.2.weight} comes before
     * {@code layers.10.weight} (and W2 before W10).
     */
    public static final Comparator<String> NATURAL = StepNames::compareNatural;

    private static int compareNatural(String a, String b) {
        Matcher ma = CHUNK.matcher(a);
        Matcher mb = CHUNK.matcher(b);
        while (true) {
            boolean ha = ma.find();
            boolean hb = mb.find();
            if (!ha || !hb) {
                return ha ? 1 : hb ? -1 : a.compareTo(b);
            }
            String ca = ma.group();
            String cb = mb.group();
            int c;
            if (Character.isDigit(ca.charAt(0)) && Character.isDigit(cb.charAt(0))) {
                String ta = ca.replaceFirst("^0+(?=.)", "");
                String tb = cb.replaceFirst("^0+(?=.)", "");
                c = ta.length() != tb.length() ? Integer.compare(ta.length(), tb.length()) : ta.compareTo(tb);
            } else {
                c = ca.compareTo(cb);
            }
            if (c != 0) {
                return c;
            }
        }
    }
}
