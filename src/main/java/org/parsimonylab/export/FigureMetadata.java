package org.parsimonylab.export;

/**
 * What every exported figure carries besides the picture: the resolved preset (JSON text, so that export does not
 * depend on the preset package) and the app version (SVG {@code <desc>}, PDF document information, PNG text chunks,
 * CSV {@code #} lines).
 *
 * @param presetJson the resolved preset as JSON, or empty when unknown
 * @param appVersion e.g. {@code 0.1.0}
 */
public record FigureMetadata(String presetJson, String appVersion) {
    public FigureMetadata {
        presetJson = presetJson == null ? "" : presetJson;
        appVersion = appVersion == null || appVersion.isBlank() ? "dev" : appVersion;
    }

    /** "Parsimony Lab" and the version. */
    public String software() {
        return "Parsimony Lab " + appVersion;
    }

    /**
     * The preset JSON on one line: line breaks and the indentation after them go (JSON strings cannot hold raw line
     * breaks, so only whitespace between tokens is removed and the text parses to the same preset).
     */
    public String presetOneLine() {
        return presetJson.strip().replaceAll("\\R\\s*", "");
    }

    /** {@link #presetOneLine()} with every non-ASCII character as a JSON {@code \\uXXXX} escape (PNG tEXt is Latin-1). */
    public String presetAscii() {
        String s = presetOneLine();
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                sb.append(c);
            } else {
                // Non-ASCII characters only occur inside JSON strings, where \\uXXXX means the same character.
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }
}
