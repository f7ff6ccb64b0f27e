package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.metrics.MetricSeries;

class MetricsCsvTest {
    @TempDir
    Path dir;

    private Path csv(String body) throws IOException {
        return Files.writeString(dir.resolve("metrics.csv"), MetricsCsv.HEADER + "\n" + body);
    }

    @Test
    void readsQuotedNamesAndTheSpellingsPandasWrites() throws IOException {
        Path file = csv("3,\"a, \"\"b\"\"\",sv,2,4,1.5\n\n4,w,loss,,,\n5,w,loss,,,NaN\n6,w,loss,,,-Infinity\n");
        assertEquals(
                List.of(
                        new MetricsCsv.Row(3, "a, \"b\"", "sv", 2, 4, 1.5),
                        new MetricsCsv.Row(4, "w", "loss", MetricSeries.NO_LAYER, -1, Double.NaN),
                        new MetricsCsv.Row(5, "w", "loss", MetricSeries.NO_LAYER, -1, Double.NaN),
                        new MetricsCsv.Row(6, "w", "loss", MetricSeries.NO_LAYER, -1, Double.NEGATIVE_INFINITY)),
                MetricsCsv.read(file));
    }

    @Test
    void tensorNamesInTheLayerColumnAreNumberedInOrderOfFirstAppearance() throws IOException {
        Path file = csv("0,run,sv,encoder.w,0,2.0\n0,run,sv,\"blocks.0,attn\",0,3.0\n100,run,sv,encoder.w,1,4.0\n"
                + "100,run,loss,,,0.5\n");
        assertEquals(
                List.of(
                        new MetricsCsv.Row(0, "run", "sv", 1, 0, 2.0, "encoder.w"),
                        new MetricsCsv.Row(0, "run", "sv", 2, 0, 3.0, "blocks.0,attn"),
                        new MetricsCsv.Row(100, "run", "sv", 1, 1, 4.0, "encoder.w"),
                        new MetricsCsv.Row(100, "run", "loss", MetricSeries.NO_LAYER, -1, 0.5, "")),
                MetricsCsv.read(file));
        assertEquals("3", new MetricsCsv.Row(0, "w", "sv", 3, 0, 1.0).layerName(), "a numbered layer's name");
    }

    @Test
    void oneFileHoldsLayerNumbersOrNamesNotBoth() throws IOException {
        assertFails(csv("0,w,sv,1,0,1\n0,w,sv,fc.weight,0,1\n"), "line 3: layer 'fc.weight' is a name");
        assertFails(csv("0,w,sv,fc.weight,0,1\n0,w,sv,2,0,1\n"), "line 3: layer 2 is a number");
    }

    @Test
    void malformedFilesNameTheFileAndLine() throws IOException {
        assertFails(csv("0,w,loss,,,1.0\n0,w,loss,,1.0\n"), "line 3: expected 6 fields, found 5");
        assertFails(csv("0,w,loss,,,one\n"), "line 2: value 'one' is not a number");
        assertFails(csv("x,w,loss,,,1\n"), "line 2: step 'x' is not an integer");
        assertFails(csv("0,w,sv,-2,,1\n"), "line 2: layer -2 is out of range");
        assertFails(csv("0,\"w,loss,,,1\n"), "line 2: unterminated quoted field");
        assertFails(Files.writeString(dir.resolve("other.csv"), "a,b\n"), "line 1: expected the header");
    }

    @Test
    void namesWithLineBreaksAreRejectedBeforeWriting() {
        assertThrows(IllegalArgumentException.class, () -> MetricsCsv.field("two\nlines"));
        assertEquals("\"a,b\"", MetricsCsv.field("a,b"));
        assertEquals("plain", MetricsCsv.field("plain"));
    }

    private static void assertFails(Path file, String expected) {
        IOException e = assertThrows(IOException.class, () -> MetricsCsv.read(file));
        assertTrue(e.getMessage().startsWith(file + ": " + expected), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
