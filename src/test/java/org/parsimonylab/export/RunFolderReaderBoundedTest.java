package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.metrics.StepSnapshot;
import org.parsimonylab.session.RunHistory;

/** A run folder of any length reads into a bounded, evenly thinned history; a corrupted file is one line. */
class RunFolderReaderBoundedTest {
    @TempDir
    Path tmp;

    private Path folder(long steps) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("run"));
        Files.writeString(dir.resolve("preset.json"), "{\"schemaVersion\": 1}\n");
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("metrics.csv"));
                BufferedWriter t = Files.newBufferedWriter(dir.resolve("timings.csv"))) {
            w.write(MetricsCsv.HEADER + "\n");
            t.write(MetricsCsv.HEADER + "\n");
            for (long s = 0; s < steps; s++) {
                w.write(s + ",main,loss,,," + (1.0 / (s + 1)) + "\n");
                w.write(s + ",main,sv,1,0," + s + "\n");
                w.write(s + ",main,sv,1,1," + (s + 0.5) + "\n");
                t.write(s + ",main,wall-seconds,,," + (s * 0.001) + "\n");
            }
        }
        return dir;
    }

    @Test
    void aLongRunIsThinnedEvenlyWithinTheCapacity() throws IOException {
        long steps = 3L * RunFolderReader.MAX_CAPACITY;
        RunHistory h = RunFolderReader.read(folder(steps)).history();
        List<StepSnapshot> snaps = h.snapshots("main");
        assertTrue(snaps.size() <= RunFolderReader.MAX_CAPACITY + 1, snaps.size() + " snapshots");
        assertTrue(snaps.size() >= RunFolderReader.MAX_CAPACITY / 2, "thinning halves at most: " + snaps.size());
        assertEquals(0, snaps.get(0).step());
        assertEquals(steps - 1, snaps.get(snaps.size() - 1).step(), "the last step is kept");
        long gap = snaps.get(1).step() - snaps.get(0).step();
        assertTrue(gap > 1, "thinned");
        for (int i = 1; i < snaps.size(); i++) {
            long g = snaps.get(i).step() - snaps.get(i - 1).step();
            if (i < snaps.size() - 1) {
                assertEquals(gap, g, "even spacing at " + i);
            } else {
                assertTrue(g >= 1 && g <= gap, "the newest step closes the history: " + g);
            }
        }
        // values and the timings survive the streaming
        StepSnapshot last = snaps.get(snaps.size() - 1);
        assertEquals((steps - 1) * 0.001, last.elapsedSeconds(), 1e-12);
        double[] sv = last.series().stream()
                .filter(s -> s.name().equals("sv"))
                .findFirst()
                .orElseThrow()
                .values();
        assertEquals(steps - 1 + 0.5, sv[1]);
    }

    @Test
    void aShortRunIsReadWhole() throws IOException {
        RunHistory h = RunFolderReader.read(folder(100)).history();
        assertEquals(100, h.snapshots("main").size());
    }

    @Test
    void aCorruptedIndexIsOneLineNotAnOutOfMemoryError() throws IOException {
        Path dir = folder(3);
        Files.writeString(
                dir.resolve("metrics.csv"), "3,main,sv,1,2000000000,1.0\n", java.nio.file.StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> RunFolderReader.read(dir));
        assertTrue(
                e.getMessage().endsWith("metrics.csv: line 11: index 2000000000 is out of range (at most 100000)"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aLineWithoutBreaksStopsAtTheCap() throws IOException {
        Path dir = folder(1);
        Files.writeString(dir.resolve("metrics.csv"), "x".repeat(50_000), java.nio.file.StandardOpenOption.APPEND);
        IOException e = assertThrows(IOException.class, () -> RunFolderReader.read(dir));
        assertTrue(e.getMessage().contains("longer than " + MetricsCsv.MAX_LINE_CHARS), e.getMessage());
    }
}
