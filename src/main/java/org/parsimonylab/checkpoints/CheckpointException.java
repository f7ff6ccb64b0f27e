package org.parsimonylab.checkpoints;

import java.io.IOException;

/** A checkpoint that cannot be read as given (malformed, truncated, unsupported); the message is one line naming the file. */
public final class CheckpointException extends IOException {
    /** An error with a one-line message that already names the file (and tensor). */
    public CheckpointException(String message) {
        super(message);
    }

    /** As {@link #CheckpointException(String)}, keeping the cause for stack traces. */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
