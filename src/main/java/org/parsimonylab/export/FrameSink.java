package org.parsimonylab.export;

import java.awt.image.BufferedImage;
import java.io.Closeable;
import java.io.IOException;

/** Receives the frames of an animation one at a time (so a long animation never holds all frames in memory). */
public interface FrameSink extends Closeable {
    /** Appends a frame; every frame has the size of the first. */
    void add(BufferedImage frame) throws IOException;

    /** Finishes the file (writes trailers and indexes). */
    @Override
    void close() throws IOException;
}
