package org.parsimonylab.engine.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Data files that are not tables: devices, FIFOs, endless lines and gzip bombs are refused with one line. */
class CsvTableLimitsTest {
    @TempDir
    Path tmp;

    @Test
    void aDeviceIsRefusedBeforeReading() {
        Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero), "no /dev/zero on this system");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(zero, ""));
        assertTrue(e.getMessage().startsWith("data.file /dev/zero: not a regular file"), e.getMessage());
    }

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoIsRefusedInsteadOfBlocking() throws Exception {
        Path fifo = tmp.resolve("table.csv");
        Process p;
        try {
            p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available: " + e.getMessage());
            return;
        }
        assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo failed");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CsvTable.read(fifo, ""));
        assertTrue(e.getMessage().contains("not a regular file"), e.getMessage());
    }

    @Test
    void anEndlessLineStopsAtTheCapWhileReading() {
        // 3 million characters without a line break, produced lazily: readLine would hold them all first.
        InputStream endless = new InputStream() {
            long left = 3_000_000;

            @Override
            public int read() {
                return left-- > 0 ? '1' : -1;
            }
        };
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> CsvTable.read(endless, "endless.csv", ""));
        assertEquals("endless.csv line 1: longer than " + CsvTable.MAX_LINE_CHARS + " characters", e.getMessage());
    }

    @Test
    void aGzipBombStopsAtTheDecompressedCap() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            byte[][] rows = {
                "0.5,1.5,a\n".getBytes(StandardCharsets.US_ASCII), "0.5,1.5,b\n".getBytes(StandardCharsets.US_ASCII)
            };
            for (int i = 0; i < 100_000; i++) {
                gz.write(rows[i % 2]);
            }
        }
        byte[] bytes = packed.toByteArray();
        assertTrue(bytes.length < 100_000, "it compresses well: " + bytes.length);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CsvTable.read(new ByteArrayInputStream(bytes), "bomb.csv.gz", "", 500_000));
        assertEquals("data.file bomb.csv.gz: more than 500000 bytes of text after decompression", e.getMessage());
        // under the cap the same file reads
        CsvTable t = CsvTable.read(new ByteArrayInputStream(bytes), "bomb.csv.gz", "", 2_000_000);
        assertEquals(100_000, t.rows());
    }

    @Test
    void lineEndingsOfEveryKindStillRead() {
        String text = "1,2,a\r\n3,4,b\r5,6,a\n7,8,b";
        CsvTable t = CsvTable.read(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "mixed.csv", "");
        assertEquals(4, t.rows());
        assertEquals(8.0, t.features()[7]);
    }
}
