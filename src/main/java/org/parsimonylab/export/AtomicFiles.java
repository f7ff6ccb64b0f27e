package org.parsimonylab.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Whole-file writes that never leave half a file: the bytes go to a hidden temporary file in the target's folder
 * (same file system, so the rename is atomic), which replaces the target only when complete; on any failure (no
 * permission, disk full) the temporary file is deleted and the target is untouched.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes {@code bytes} to {@code target}, replacing it; one-line IOException naming the path on failure. */
    public static Path write(Path target, byte[] bytes) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path dir = abs.getParent();
        if (dir == null || abs.getFileName() == null) {
            throw new IOException("cannot write " + target + ": not a file path");
        }
        String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
        Path temp = dir.resolve("." + abs.getFileName() + ".partial-" + suffix);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW)) {
                out.write(bytes);
            }
            try {
                Files.move(temp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // The original failure is the one to report; a leftover hidden file is named by nothing.
            }
            throw IoMessages.failure("write", target, e);
        }
    }

    /** Creates {@code dir} and its parents; one-line IOException naming the path when the file system refuses. */
    public static Path directory(Path dir) throws IOException {
        try {
            return Files.createDirectories(dir);
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new IOException("cannot create " + dir + ": a file is in the way", e);
        } catch (IOException e) {
            throw IoMessages.failure("create", dir, e);
        }
    }
}
