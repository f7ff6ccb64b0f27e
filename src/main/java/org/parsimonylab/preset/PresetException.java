package org.parsimonylab.preset;

/**
 * A preset that cannot be read, parsed or validated. The message is always one line that names the source (file name
 * or resource) and the offending field, so the command line can print it as is.
 */
public final class PresetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with its one-line message; line breaks in {@code message} are flattened to spaces. */
    public PresetException(String message) {
        super(oneLine(message));
    }

    /** Creates the exception with its one-line message and the low-level cause (kept for debugging, never shown). */
    public PresetException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    /** Collapses every run of line breaks (and the indentation after them) into one space. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }
}
