package org.parsimonylab.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jcodec.api.awt.AWTSequenceEncoder;
import org.jcodec.common.io.NIOUtils;
import org.jcodec.common.io.SeekableByteChannel;
import org.jcodec.common.model.Rational;

/**
 * An MP4 (H.264, pure Java through jcodec 0.2.5) at {@code fps} frames per second. H.264 works on 2×2 chroma blocks,
 * so a frame of odd width or height is padded with one white row or column.
 */
public final class Mp4AnimationWriter implements FrameSink {
    private final SeekableByteChannel channel;
    private final AWTSequenceEncoder encoder;
    private int frames;

    /** Starts an MP4 at {@code file} (parent folders created) at {@code fps} frames per second. */
    public Mp4AnimationWriter(Path file, double fps) throws IOException {
        if (!(fps > 0) || fps > 120) {
            throw new IllegalArgumentException("--fps must be in (0, 120], got " + fps);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = NIOUtils.writableChannel(file.toFile());
        // fps as a fraction with 1/1000 precision (e.g. 12.5 fps = 12500/1000).
        this.encoder = new AWTSequenceEncoder(channel, Rational.R((int) Math.round(fps * 1000), 1000));
    }

    /** Frames encoded so far. */
    public int frames() {
        return frames;
    }

    @Override
    public void add(BufferedImage frame) throws IOException {
        int w = frame.getWidth() + (frame.getWidth() & 1);
        int h = frame.getHeight() + (frame.getHeight() & 1);
        BufferedImage even = frame;
        if (w != frame.getWidth() || h != frame.getHeight() || frame.getType() != BufferedImage.TYPE_3BYTE_BGR) {
            even = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
            java.awt.Graphics2D g = even.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, w, h);
            g.drawImage(frame, 0, 0, null);
            g.dispose();
        }
        encoder.encodeImage(even);
        frames++;
    }

    @Override
    public void close() throws IOException {
        try {
            encoder.finish();
        } finally {
            NIOUtils.closeQuietly(channel);
        }
    }
}
