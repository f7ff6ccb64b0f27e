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

    /** Longest echo of a user's value in a message: a 1 MB string must not become a 1 MB error line. */
    public static final int MAX_ECHO = 80;

    /**
     * Collapses every run of line breaks (and the indentation after them) into one space and cuts echoed values (see
     * {@link #shorten}).
     */
    static String oneLine(String message) {
        return message == null ? "" : shorten(message.strip().replaceAll("\\s*[\\r\\n]+\\s*", " "));
    }

    /**
     * Cuts what a message echoes of the input to {@link #MAX_ECHO} characters: the value inside a final
     * {@code (got ...)}, then any single word longer than 200 (a huge key or number), then the whole line to 600.
     */
    public static String shorten(String message) {
        String m = message;
        int got = m.lastIndexOf("(got ");
        if (got >= 0) {
            int start = got + 5;
            int end = m.endsWith(")") ? m.length() - 1 : m.length();
            if (end > start && end - start > MAX_ECHO) {
                m = m.substring(0, start) + cut(m.substring(start, end)) + m.substring(end);
            }
        }
        StringBuilder sb = new StringBuilder(Math.min(m.length(), 1024));
        int i = 0;
        while (i < m.length()) {
            int j = m.indexOf(' ', i);
            if (j < 0) {
                j = m.length();
            }
            String word = m.substring(i, j);
            // Paths may be long; a word past 200 characters is a value, not a path.
            sb.append(word.length() > 200 ? cut(word) : word);
            if (j < m.length()) {
                sb.append(' ');
            }
            i = j + 1;
        }
        return sb.length() > 600 ? sb.substring(0, 599) + "…" : sb.toString();
    }

    private static String cut(String value) {
        return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO - 1) + "…";
    }
}
