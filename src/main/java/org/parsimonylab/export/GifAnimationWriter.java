package org.parsimonylab.export;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF through the JDK's ImageIO: loops forever (NETSCAPE2.0 extension), each frame shown for 100/fps
 * hundredths of a second. To stay small at 1920×1080 each frame after the first stores only the rectangle that
 * changed since the previous frame (disposal "doNotDispose", so the rest stays on screen), and a frame identical to
 * the previous one lengthens the previous frame's delay instead of being stored.
 */
public final class GifAnimationWriter implements FrameSink {
    private final ImageWriter writer;
    private final ImageOutputStream stream;
    private final int delayCs;
    private int[] previous;
    private int width;
    private int height;
    private BufferedImage pending;
    private int pendingX;
    private int pendingY;
    private int pendingDelay;
    private int frames;

    /** Starts a GIF at {@code file} (parent folders created) showing {@code fps} frames per second. */
    public GifAnimationWriter(Path file, double fps) throws IOException {
        if (!(fps > 0) || fps > 100) {
            throw new IllegalArgumentException("--fps must be in (0, 100] for GIF (delays are in 1/100 s), got " + fps);
        }
        this.delayCs = Math.max(1, (int) Math.round(100 / fps));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        Files.deleteIfExists(file);
        this.stream = ImageIO.createImageOutputStream(file.toFile());
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
    }

    /** Frames stored so far (identical consecutive frames count once). */
    public int storedFrames() {
        return frames + (pending != null ? 1 : 0);
    }

    @Override
    public void add(BufferedImage frame) throws IOException {
        int w = frame.getWidth();
        int h = frame.getHeight();
        int[] pixels = frame.getRGB(0, 0, w, h, null, 0, w);
        if (previous == null) {
            width = w;
            height = h;
            previous = pixels;
            setPending(copy(frame, 0, 0, w, h), 0, 0);
            return;
        }
        if (w != width || h != height) {
            throw new IllegalArgumentException(
                    "animation frame " + w + "x" + h + " differs from " + width + "x" + height);
        }
        // The bounding box of the pixels that changed since the previous frame.
        int x0 = w;
        int y0 = h;
        int x1 = -1;
        int y1 = -1;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            if (Arrays.mismatch(pixels, row, row + w, previous, row, row + w) < 0) {
                continue;
            }
            y0 = Math.min(y0, y);
            y1 = y;
            for (int x = 0; x < w; x++) {
                if (pixels[row + x] != previous[row + x]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                }
            }
        }
        previous = pixels;
        if (x1 < 0) {
            pendingDelay += delayCs;
            return;
        }
        setPending(copy(frame, x0, y0, x1 - x0 + 1, y1 - y0 + 1), x0, y0);
    }

    private void setPending(BufferedImage image, int x, int y) throws IOException {
        flushPending();
        pending = image;
        pendingX = x;
        pendingY = y;
        pendingDelay = delayCs;
    }

    private static BufferedImage copy(BufferedImage src, int x, int y, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(src.getSubimage(x, y, w, h), 0, 0, null);
        return out;
    }

    private void flushPending() throws IOException {
        if (pending == null) {
            return;
        }
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata meta = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(pending), param);
        String format = meta.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(format);
        IIOMetadataNode descriptor = child(root, "ImageDescriptor");
        descriptor.setAttribute("imageLeftPosition", Integer.toString(pendingX));
        descriptor.setAttribute("imageTopPosition", Integer.toString(pendingY));
        descriptor.setAttribute("imageWidth", Integer.toString(pending.getWidth()));
        descriptor.setAttribute("imageHeight", Integer.toString(pending.getHeight()));
        descriptor.setAttribute("interlaceFlag", "FALSE");
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "doNotDispose");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("transparentColorIndex", "0");
        control.setAttribute("delayTime", Integer.toString(Math.min(65535, pendingDelay)));
        if (frames == 0) {
            IIOMetadataNode apps = child(root, "ApplicationExtensions");
            IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
            loop.setAttribute("applicationID", "NETSCAPE");
            loop.setAttribute("authenticationCode", "2.0");
            loop.setUserObject(new byte[] {1, 0, 0}); // sub-block 1, loop count 0 = forever
            apps.appendChild(loop);
        }
        meta.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(pending, null, meta), param);
        frames++;
        pending = null;
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equalsIgnoreCase(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    @Override
    public void close() throws IOException {
        try {
            flushPending();
            writer.endWriteSequence();
        } finally {
            stream.close();
            writer.dispose();
        }
    }
}
