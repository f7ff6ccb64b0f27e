package org.parsimonylab.export;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A folder that appears complete or not at all: it is written into a hidden sibling {@code .<name>.partial-<random>}
 * (same parent, so same file system) that is renamed to {@code <name>} when complete, and deleted otherwise. Used by
 * run folders, analysis folders and the sweep's clean-up of killed attempts.
 */
public final class StagedFolder {
    private StagedFolder() {}

    /** The start of the names of {@code name}'s hidden partial siblings: {@code .<name>.partial-}. */
    public static String partialPrefix(String name) {
        return "." + name + ".partial-";
    }

    /**
     * Creates a new, empty hidden sibling {@code .<name>.partial-<random>} in {@code parent} (which must exist). A
     * plain createDirectory keeps the user's umask (Files.createTempDirectory would make it private, and the final
     * folder would keep that mode after the rename).
     *
     * @throws IOException one line naming {@code parent} when the file system refuses
     */
    public static Path createPartial(Path parent, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
            Path dir = parent.resolve(partialPrefix(name) + suffix);
            try {
                return Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw IoMessages.failure("write to", parent, e);
                }
            } catch (IOException e) {
                throw IoMessages.failure("write to", parent, e);
            }
        }
    }

    /**
     * Renames {@code partial} to {@code target}, atomically where the file system allows; an empty folder at
     * {@code target} is replaced.
     *
     * @throws java.nio.file.DirectoryNotEmptyException when {@code target} is a folder that is not empty
     * @throws FileAlreadyExistsException when something appeared at {@code target} meanwhile
     * @throws IOException one line naming both paths for any other refusal
     */
    public static void moveIntoPlace(Path partial, Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.delete(target); // only an empty one
            } catch (java.nio.file.DirectoryNotEmptyException | NoSuchFileException e) {
                if (e instanceof java.nio.file.DirectoryNotEmptyException) {
                    throw e;
                }
            } catch (IOException e) {
                throw IoMessages.failure("replace the empty folder", target, e);
            }
        }
        try {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException e) {
            throw IoMessages.failure("move " + partial + " to", target, e);
        }
    }

    /**
     * Deletes {@code root} and everything in it, if it exists; symbolic links are removed, never followed, so nothing
     * outside {@code root} is touched; entries that vanish meanwhile are fine.
     */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
