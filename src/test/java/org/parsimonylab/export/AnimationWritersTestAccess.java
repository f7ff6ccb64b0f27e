package org.parsimonylab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The animation decoders of AnimationWritersTest, for tests in other packages. */
public final class AnimationWritersTestAccess {
    private AnimationWritersTestAccess() {}

    /** A decoded GIF's frame count, logical size (of its first frame) and total delay in 1/100 s. */
    public record Decoded(int frames, int width, int height, int totalDelay) {}

    public static Decoded readGif(Path file) throws IOException {
        AnimationWritersTest.Gif g = AnimationWritersTest.readGif(file);
        return new Decoded(
                g.frames().size(),
                g.frames().get(0).getWidth(),
                g.frames().get(0).getHeight(),
                g.delays().stream().mapToInt(Integer::intValue).sum());
    }

    public static List<String> boxes(Path file) throws IOException {
        return AnimationWritersTest.topLevelBoxes(file);
    }

    public static int mp4Frames(Path file) throws IOException {
        return AnimationWritersTest.mp4Frames(file);
    }
}
