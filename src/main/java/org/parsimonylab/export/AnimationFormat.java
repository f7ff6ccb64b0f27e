package org.parsimonylab.export;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** The file formats of a chart's animation over a run: GIF (JDK ImageIO) and MP4 (H.264 through jcodec). */
public enum AnimationFormat {
    GIF("gif"),
    MP4("mp4");

    private final String extension;

    AnimationFormat(String extension) {
        this.extension = extension;
    }

    /** The file extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** The formats of a comma-separated list such as {@code gif,mp4}; a one-line error names the bad entry. */
    public static Set<AnimationFormat> parseList(String text) {
        Set<AnimationFormat> out = EnumSet.noneOf(AnimationFormat.class);
        for (String part : text.split(",")) {
            String p = part.strip().toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            AnimationFormat f =
                    switch (p) {
                        case "gif" -> GIF;
                        case "mp4" -> MP4;
                        default -> throw new IllegalArgumentException(
                                "--anim-format: unknown format '" + part.strip() + "' (allowed: gif, mp4)");
                    };
            out.add(f);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("--anim-format: give at least one of gif, mp4");
        }
        return out;
    }
}
