package org.parsimonylab.export;

import java.io.IOException;

/** A malformed or unsupported file; the reader that catches it prefixes the path to the message. */
final class FormatException extends IOException {
    FormatException(String message) {
        super(message);
    }
}
