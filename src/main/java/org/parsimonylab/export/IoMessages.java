package org.parsimonylab.export;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/** Turns file-system exceptions into one-line messages naming the path and the cause (DESIGN.md §5 errors). */
final class IoMessages {
    private IoMessages() {}

    /** An IOException "cannot {@code action} {@code path}: cause" that keeps {@code cause} for stack traces. */
    static IOException failure(String action, Path path, IOException cause) {
        return new IOException(oneLine("cannot " + action + " " + path + ": " + reason(cause, path)), cause);
    }

    /** The cause in words; the JDK puts only the path into the message of some exceptions, so name those. */
    static String reason(IOException e, Path named) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory" + other((FileSystemException) e, named);
        }
        if (e instanceof FileAlreadyExistsException) {
            return "already exists" + other((FileSystemException) e, named);
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory" + other((FileSystemException) e, named);
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "directory not empty" + other((FileSystemException) e, named);
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason() + other(fse, named);
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }

    /** The file the JDK reported, when it is not the one named already (e.g. a missing parent). */
    private static String other(FileSystemException e, Path named) {
        String file = e.getFile();
        return file == null || file.equals(named.toString()) ? "" : " (" + file + ")";
    }

    /** Collapses line breaks so that a message stays one line on stderr. */
    static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
