package org.parsimonylab.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Run sweep…'s fields become the sweep command's options; bad entries are refused naming the field. */
class SweepLauncherTest {
    @Test
    void fieldsBecomeTheSweepArguments() {
        SweepLauncher.Request r =
                SweepLauncher.parse("network.depth=2,3; training.learningRate=1e-3:1e-1:log3 ;", "3", "2");
        assertEquals(List.of("network.depth=2,3", "training.learningRate=1e-3:1e-1:log3"), r.axes());
        assertEquals(
                List.of(
                        "sweep",
                        Path.of("/p.json").toString(),
                        "--out",
                        Path.of("/s").toString(),
                        "--grid",
                        "network.depth=2,3",
                        "--grid",
                        "training.learningRate=1e-3:1e-1:log3",
                        "--trials",
                        "3",
                        "--workers",
                        "2"),
                SweepLauncher.arguments(Path.of("/p.json"), Path.of("/s"), r));
        assertEquals(
                List.of(
                        "sweep",
                        Path.of("/p.json").toString(),
                        "--out",
                        Path.of("/s").toString(),
                        "--grid",
                        "a=1,2",
                        "--workers",
                        "1"),
                SweepLauncher.arguments(Path.of("/p.json"), Path.of("/s"), SweepLauncher.parse("a=1,2", "0", "1")));
    }

    @Test
    void badEntriesNameTheirField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepLauncher.parse(" ; ", "1", "1"))
                .getMessage()
                .startsWith("swept fields"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepLauncher.parse("a=1", "x", "1"))
                .getMessage()
                .startsWith("trials"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SweepLauncher.parse("a=1", "1", "0"))
                .getMessage()
                .startsWith("workers"));
        assertThrows(IllegalArgumentException.class, () -> SweepLauncher.parse("network.depth=", "1", "1"));
    }
}
