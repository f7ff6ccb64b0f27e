package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hidden-sibling-then-rename helper shared by run folders, analysis folders and sweeps. */
class StagedFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aPartialFolderIsAHiddenSiblingRenamedIntoPlaceOverAnEmptyFolder() throws IOException {
        Path partial = StagedFolder.createPartial(tmp, "out");
        assertTrue(partial.getFileName().toString().startsWith(".out.partial-"), partial.toString());
        assertTrue(Files.isDirectory(partial));
        Files.writeString(partial.resolve("metrics.csv"), "x");
        Path target = Files.createDirectory(tmp.resolve("out"));
        StagedFolder.moveIntoPlace(partial, target);
        assertEquals("x", Files.readString(target.resolve("metrics.csv")));
        assertFalse(Files.exists(partial));
    }

    @Test
    void aFolderThatIsNotEmptyIsNeverReplaced() throws IOException {
        Path partial = StagedFolder.createPartial(tmp, "out");
        Path target = Files.createDirectory(tmp.resolve("out"));
        Files.writeString(target.resolve("keep.txt"), "mine");
        assertThrows(DirectoryNotEmptyException.class, () -> StagedFolder.moveIntoPlace(partial, target));
        assertEquals("mine", Files.readString(target.resolve("keep.txt")));
        assertTrue(Files.isDirectory(partial), "the partial folder stays for its owner to remove");
    }

    @Test
    void deleteTreeRemovesLinksNotWhatTheyPointTo() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "safe");
        Path partial = StagedFolder.createPartial(tmp, "run");
        Files.createDirectories(partial.resolve("a/b"));
        Files.writeString(partial.resolve("a/b/c.npy"), "data");
        Files.createSymbolicLink(partial.resolve("link"), outside);
        StagedFolder.deleteTree(partial);
        assertFalse(Files.exists(partial));
        assertEquals("safe", Files.readString(outside));
        StagedFolder.deleteTree(partial); // gone already: nothing to do
    }
}
