package org.parsimonylab.export;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Adds a document information dictionary to a finished PDF as an incremental update (PDF 1.4 §3.4.5: a new object, an
 * xref section for it and a trailer whose {@code /Prev} points at the old xref), because JFreePDF only writes a title
 * and an author. Text values are UTF-16BE hex strings with a byte-order mark, so any character survives.
 */
final class PdfInfo {
    private static final Pattern STARTXREF = Pattern.compile("startxref\\s+(\\d+)\\s+%%EOF\\s*$");
    private static final Pattern SIZE = Pattern.compile("/Size\\s+(\\d+)");
    private static final Pattern ROOT = Pattern.compile("/Root\\s+(\\d+\\s+\\d+\\s+R)");

    private PdfInfo() {}

    /** {@code pdf} with {@code info} (keys without the slash, e.g. {@code Title}) as its document information. */
    static byte[] withInfo(byte[] pdf, Map<String, String> info) {
        // PDF syntax is ASCII; ISO-8859-1 maps bytes to chars one to one, so offsets stay byte offsets.
        String text = new String(pdf, StandardCharsets.ISO_8859_1);
        Matcher start = STARTXREF.matcher(text);
        if (!start.find()) {
            throw new IllegalStateException("not a PDF with a classic cross-reference table (no startxref)");
        }
        long prevXref = Long.parseLong(start.group(1));
        int trailerAt = text.lastIndexOf("trailer");
        if (trailerAt < 0) {
            throw new IllegalStateException("not a PDF with a classic trailer");
        }
        String trailer = text.substring(trailerAt, start.start());
        Matcher size = SIZE.matcher(trailer);
        Matcher root = ROOT.matcher(trailer);
        if (!size.find() || !root.find()) {
            throw new IllegalStateException("PDF trailer without /Size or /Root");
        }
        int object = Integer.parseInt(size.group(1));

        StringBuilder update = new StringBuilder();
        if (!text.endsWith("\n")) {
            update.append('\n');
        }
        int objectOffset = pdf.length + update.length();
        update.append(object).append(" 0 obj\n<<");
        for (Map.Entry<String, String> e : info.entrySet()) {
            update.append(" /").append(e.getKey()).append(' ').append(hexString(e.getValue()));
        }
        update.append(" >>\nendobj\n");
        int xrefOffset = pdf.length + update.length();
        update.append("xref\n")
                .append(object)
                .append(" 1\n")
                .append(String.format(Locale.ROOT, "%010d 00000 n \n", objectOffset))
                .append("trailer\n<< /Size ")
                .append(object + 1)
                .append(" /Root ")
                .append(root.group(1))
                .append(" /Info ")
                .append(object)
                .append(" 0 R /Prev ")
                .append(prevXref)
                .append(" >>\nstartxref\n")
                .append(xrefOffset)
                .append("\n%%EOF\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length + update.length());
        out.writeBytes(pdf);
        out.writeBytes(update.toString().getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A PDF text string: {@code <FEFF…>}, UTF-16BE in hex. */
    static String hexString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_16BE);
        StringBuilder sb = new StringBuilder(6 + 2 * b.length);
        sb.append("<FEFF");
        for (byte x : b) {
            sb.append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(x & 0xF, 16)));
        }
        return sb.append('>').toString();
    }
}
