package org.parsimonylab.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.jcodec.common.DemuxerTrack;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.containers.mp4.demuxer.MP4Demuxer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The GIF and MP4 animation writers write files that decode back to the frames given. */
class AnimationWritersTest {
    @TempDir
    Path tmp;

    /** A white frame with a black bar {@code i * 4} pixels long: each frame differs from the previous. */
    static BufferedImage frame(int w, int h, int i) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, w, h);
        g.setColor(Color.BLACK);
        g.fillRect(2, 2, 4 + i * 4, 6);
        g.dispose();
        return img;
    }

    /** Decoded GIF: per frame, its image, position and delay (1/100 s); and whether it loops forever. */
    record Gif(List<BufferedImage> frames, List<int[]> positions, List<Integer> delays, boolean loops) {}

    static Gif readGif(Path file) throws IOException {
        ImageReader r = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            r.setInput(in);
            int n = r.getNumImages(true);
            List<BufferedImage> frames = new ArrayList<>();
            List<int[]> positions = new ArrayList<>();
            List<Integer> delays = new ArrayList<>();
            boolean loops = false;
            for (int i = 0; i < n; i++) {
                frames.add(r.read(i));
                IIOMetadataNode root = (IIOMetadataNode) r.getImageMetadata(i).getAsTree("javax_imageio_gif_image_1.0");
                IIOMetadataNode d = (IIOMetadataNode)
                        root.getElementsByTagName("ImageDescriptor").item(0);
                positions.add(new int[] {
                    Integer.parseInt(d.getAttribute("imageLeftPosition")),
                    Integer.parseInt(d.getAttribute("imageTopPosition"))
                });
                IIOMetadataNode g = (IIOMetadataNode)
                        root.getElementsByTagName("GraphicControlExtension").item(0);
                delays.add(Integer.parseInt(g.getAttribute("delayTime")));
                var apps = root.getElementsByTagName("ApplicationExtension");
                for (int k = 0; k < apps.getLength(); k++) {
                    IIOMetadataNode app = (IIOMetadataNode) apps.item(k);
                    byte[] data = (byte[]) app.getUserObject();
                    loops |= "NETSCAPE".equals(app.getAttribute("applicationID"))
                            && data.length == 3
                            && data[0] == 1
                            && data[1] == 0
                            && data[2] == 0;
                }
            }
            return new Gif(frames, positions, delays, loops);
        } finally {
            r.dispose();
        }
    }

    @Test
    void gifLoopsForeverStoresChangedRectanglesAndMergesRepeatedFrames() throws IOException {
        Path file = tmp.resolve("a.gif");
        try (GifAnimationWriter gif = new GifAnimationWriter(file, 5)) {
            gif.add(frame(64, 32, 0));
            gif.add(frame(64, 32, 1));
            gif.add(frame(64, 32, 1)); // the same again: shown longer, not stored
            gif.add(frame(64, 32, 2));
        }
        Gif g = readGif(file);
        assertEquals(3, g.frames().size());
        assertTrue(g.loops(), "NETSCAPE2.0 loop forever");
        assertEquals(List.of(20, 40, 20), g.delays(), "5 fps = 20/100 s; the repeated frame doubles the delay");
        assertEquals(64, g.frames().get(0).getWidth());
        // Frame 1 adds the bar pixels 6..9 of rows 2..7 only.
        assertEquals(6, g.positions().get(1)[0]);
        assertEquals(2, g.positions().get(1)[1]);
        assertEquals(4, g.frames().get(1).getWidth());
        assertEquals(6, g.frames().get(1).getHeight());
        assertEquals(Color.BLACK.getRGB(), g.frames().get(1).getRGB(0, 0));
    }

    @Test
    void gifRejectsFramesOfAnotherSizeAndBadFps() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new GifAnimationWriter(tmp.resolve("b.gif"), 0));
        try (GifAnimationWriter gif = new GifAnimationWriter(tmp.resolve("c.gif"), 10)) {
            gif.add(frame(64, 32, 0));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gif.add(frame(32, 32, 0)));
            assertTrue(e.getMessage().contains("32x32"), e.getMessage());
        }
    }

    /** The four-letter types of the top-level boxes of an MP4 file. */
    static List<String> topLevelBoxes(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.BIG_ENDIAN);
        List<String> out = new ArrayList<>();
        while (b.remaining() >= 8) {
            int start = b.position();
            long size = Integer.toUnsignedLong(b.getInt());
            byte[] type = new byte[4];
            b.get(type);
            if (size == 1) {
                size = b.getLong();
            }
            out.add(new String(type, java.nio.charset.StandardCharsets.US_ASCII));
            if (size < 8 || start + size > b.limit()) {
                break;
            }
            b.position((int) (start + size));
        }
        return out;
    }

    /** The number of video frames jcodec's demuxer reads back from an MP4. */
    static int mp4Frames(Path file) throws IOException {
        try (SeekableByteChannel ch = NIOUtils.readableChannel(file.toFile())) {
            MP4Demuxer demuxer = MP4Demuxer.createMP4Demuxer(ch);
            DemuxerTrack track = demuxer.getVideoTrack();
            int n = 0;
            while (track.nextFrame() != null) {
                n++;
            }
            return n;
        }
    }

    @Test
    void mp4HasFtypAndMoovAndEveryFrameReadsBackEvenAtOddSizes() throws IOException {
        Path file = tmp.resolve("a.mp4");
        try (Mp4AnimationWriter mp4 = new Mp4AnimationWriter(file, 10)) {
            for (int i = 0; i < 7; i++) {
                mp4.add(frame(65, 33, i)); // odd: padded to 66x34 for H.264
            }
            assertEquals(7, mp4.frames());
        }
        List<String> boxes = topLevelBoxes(file);
        assertTrue(boxes.contains("ftyp") && boxes.contains("moov") && boxes.contains("mdat"), boxes.toString());
        assertEquals(7, mp4Frames(file));
    }

    @Test
    void animationFormatsParseAndNameTheBadOne() {
        assertEquals(2, AnimationFormat.parseList("gif, MP4").size());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> AnimationFormat.parseList("gif,avi"));
        assertEquals("--anim-format: unknown format 'avi' (allowed: gif, mp4)", e.getMessage());
    }
}
