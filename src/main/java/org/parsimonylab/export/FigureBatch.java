package org.parsimonylab.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.parsimonylab.chart.NamedFigure;

/**
 * Writes a set of figures into one folder, named predictably {@code <prefix>-<key>.<ext>} (e.g. {@code
 * e1-law-of-parsimony-sv-W1.png}). Preparing (theme on a detached copy) and writing are separate steps so that the app
 * copies on the FX thread and writes on another.
 */
public final class FigureBatch {
    /**
     * A themed, detached chart ready to write.
     *
     * @param key the figure's key
     * @param chart a copy nobody else changes
     */
    public record Prepared(String key, JFreeChart chart) {}

    private FigureBatch() {}

    /** Detached, themed copies of {@code figures} (call on the thread that changes them). */
    public static List<Prepared> prepare(List<NamedFigure> figures, FigureOptions options) {
        List<Prepared> out = new ArrayList<>();
        for (NamedFigure f : figures) {
            out.add(new Prepared(
                    f.key(),
                    options.theme()
                            .prepare(
                                    f.figure().chart(),
                                    options.size().widthPt(),
                                    options.size().heightPt())));
        }
        return out;
    }

    /** The file of figure {@code key} in {@code format}. */
    public static Path fileOf(Path dir, String prefix, String key, FigureFormat format) {
        String name = prefix.isEmpty() ? key : prefix + "-" + key;
        return dir.resolve(name + "." + format.extension());
    }

    /** Writes every prepared figure in every format into {@code dir} (created if missing); returns the files. */
    public static List<Path> write(
            List<Prepared> figures,
            Path dir,
            String prefix,
            Set<FigureFormat> formats,
            FigureOptions options,
            FigureMetadata meta)
            throws IOException {
        AtomicFiles.directory(dir);
        List<Path> out = new ArrayList<>();
        for (Prepared p : figures) {
            for (FigureFormat format : formats) {
                out.add(FigureWriter.write(p.chart(), format, fileOf(dir, prefix, p.key(), format), options, meta));
            }
        }
        return out;
    }

    /** A file-name prefix from a preset name: letters, digits, '.', '_' and '-' kept, anything else becomes '-'. */
    public static String safePrefix(String name) {
        String s = name == null ? "" : name.strip().replaceAll("[^A-Za-z0-9._-]+", "-");
        s = s.replaceAll("^[-.]+", "");
        return s.isEmpty() ? "figure" : s;
    }
}
