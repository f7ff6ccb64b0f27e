package org.parsimonylab.engine.data;

import java.io.IOException;
import java.io.Reader;

/**
 * Lines of a text with a length cap enforced while reading (unlike {@link java.io.BufferedReader#readLine}, which
 * first holds the whole line): a file without line breaks fails after {@code maxChars} characters instead of filling
 * the memory. Lines end at \n, \r\n or \r. Not thread-safe.
 */
public final class BoundedLineReader {
    private final Reader in;
    private final int maxChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int len;
    private boolean skipLf;

    /** Reads lines of at most {@code maxChars} characters from {@code in} (not closed here). */
    public BoundedLineReader(Reader in, int maxChars) {
        this.in = in;
        this.maxChars = maxChars;
    }

    /** Thrown by {@link #readLine} for a line longer than the cap. */
    public static final class TooLong extends IOException {
        private static final long serialVersionUID = 1L;

        TooLong(int max) {
            super("longer than " + max + " characters");
        }
    }

    /** The next line without its terminator, or null at the end of the text. */
    public String readLine() throws IOException {
        StringBuilder sb = null;
        while (true) {
            if (pos >= len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    return sb == null ? null : sb.toString();
                }
            }
            if (skipLf) {
                skipLf = false;
                if (buf[pos] == '\n') {
                    pos++;
                    continue;
                }
            }
            int start = pos;
            while (pos < len && buf[pos] != '\n' && buf[pos] != '\r') {
                pos++;
            }
            int n = pos - start;
            int have = sb == null ? 0 : sb.length();
            if (have + n > maxChars) {
                throw new TooLong(maxChars);
            }
            if (pos < len) {
                char end = buf[pos++];
                skipLf = end == '\r';
                if (sb == null) {
                    return new String(buf, start, n);
                }
                return sb.append(buf, start, n).toString();
            }
            if (sb == null) {
                sb = new StringBuilder(Math.max(16, n * 2));
            }
            sb.append(buf, start, n);
        }
    }
}
