package org.parsimonylab.export;

import java.io.IOException;
import java.nio.file.Path;

/** The requested run folder already holds something, so nothing was written (DESIGN.md §5: runs never overwrite). */
public final class RunFolderExistsException extends IOException {
    private final transient Path path;

    /** A refusal for {@code path}; {@code what} says what is there, e.g. "is not empty". */
    public RunFolderExistsException(Path path, String what) {
        super("--out " + path + " exists and " + what + "; choose a new folder");
        this.path = path;
    }

    /** The folder that was refused, as the caller named it. */
    public Path path() {
        return path;
    }
}
