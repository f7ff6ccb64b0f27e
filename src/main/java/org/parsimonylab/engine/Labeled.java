package org.parsimonylab.engine;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum constant with the lower-case label that presets and the command line use for it. */
public interface Labeled {
    /** The label, e.g. {@code "half-mean"}. */
    String label();

    /** The constant of {@code type} whose label is {@code label}, or an error listing the allowed labels. */
    static <E extends Enum<E> & Labeled> E byLabel(Class<E> type, String label, String field) {
        for (E e : type.getEnumConstants()) {
            if (e.label().equals(label)) {
                return e;
            }
        }
        throw new IllegalArgumentException(field + " must be one of " + allowed(type) + " (got '" + label + "')");
    }

    /** The allowed labels of {@code type}, joined with "|". */
    static <E extends Enum<E> & Labeled> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Labeled::label).collect(Collectors.joining("|"));
    }
}
