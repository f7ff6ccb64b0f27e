package org.parsimonylab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parsimonylab.export.AnimationWritersTestAccess;

/** {@code figures --animate}: GIF and MP4 that decode, listed in the manifest, and a slide-size GIF under 5 MB. */
class FiguresAnimateTest {
    @TempDir
    Path tmp;

    @Test
    void animationsDecodeAndAreInTheManifest() throws IOException {
        Path out = tmp.resolve("anim");
        CliTest.Result r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--out",
                out.toString(),
                "--steps",
                "10",
                "--format",
                "csv",
                "--animate=spectrum-W1,loss",
                "--frames",
                "6",
                "--fps",
                "4",
                "--anim-size",
                "320x180",
                "--scale",
                "1");
        assertEquals(0, r.code(), r.err());
        Path gif = out.resolve("e1-law-of-parsimony-spectrum-W1.gif");
        Path mp4 = out.resolve("e1-law-of-parsimony-spectrum-W1.mp4");
        var decoded = AnimationWritersTestAccess.readGif(gif);
        assertTrue(decoded.frames() > 1, "GIF frames: " + decoded.frames());
        assertEquals(320, decoded.width());
        assertEquals(180, decoded.height());
        assertEquals(6 * 25, decoded.totalDelay(), "6 frames at 4 fps last 1.5 s, repeated frames merged or not");
        assertTrue(AnimationWritersTestAccess.boxes(mp4).containsAll(List.of("ftyp", "moov")));
        assertEquals(6, AnimationWritersTestAccess.mp4Frames(mp4), "every frame is in the MP4");
        assertTrue(Files.size(out.resolve("e1-law-of-parsimony-loss.gif")) > 0);
        JsonNode m = new ObjectMapper().readTree(out.resolve("figures.json").toFile());
        List<String> animated = new ArrayList<>();
        m.get("files").forEach(f -> {
            if (f.get("animated").asBoolean()) {
                animated.add(f.get("file").asText());
            }
        });
        assertEquals(
                List.of(
                        "e1-law-of-parsimony-spectrum-W1.gif",
                        "e1-law-of-parsimony-spectrum-W1.mp4",
                        "e1-law-of-parsimony-loss.gif",
                        "e1-law-of-parsimony-loss.mp4"),
                animated);
    }

    @Test
    void badAnimationOptionsAreOneLineErrorsBeforeTraining() {
        CliTest.Result r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--out",
                tmp.resolve("x").toString(),
                "--animate",
                "--anim-size",
                "big");
        assertTrue(r.code() != 0, r.err());
        assertTrue(r.err().contains("--anim-size must be WxH in pixels"), r.err());
        r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--out",
                tmp.resolve("y").toString(),
                "--steps",
                "2",
                "--format",
                "csv",
                "--animate=nosuchchart");
        assertTrue(r.err().contains("--animate: no chart 'nosuchchart'"), r.err());
    }

    /** Issue 10 item 6: a 1920x1080, 10 s (100 frames at 10 fps) GIF of E1's spectrum stays under 5 MB. */
    @Test
    void slideSizeTenSecondGifOfE1SpectrumIsUnderFiveMegabytes() throws IOException {
        Path out = tmp.resolve("slide");
        CliTest.Result r = CliTest.cli(
                "figures",
                "presets/e1-law-of-parsimony.json",
                "--out",
                out.toString(),
                "--format",
                "csv",
                "--animate=spectrum-W1",
                "--anim-format",
                "gif");
        assertEquals(0, r.code(), r.err());
        Path gif = out.resolve("e1-law-of-parsimony-spectrum-W1.gif");
        var decoded = AnimationWritersTestAccess.readGif(gif);
        assertEquals(1920, decoded.width());
        assertEquals(1080, decoded.height());
        assertEquals(1000, decoded.totalDelay(), "10 s");
        assertTrue(decoded.frames() > 1);
        long size = Files.size(gif);
        assertTrue(size < 5_000_000, "E1 spectrum GIF: " + size + " bytes");
    }
}
