package org.parsimonylab.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.jfree.chart.JFreeChart;
import org.parsimonylab.chart.ChartCopies;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.export.ChartCsv;
import org.parsimonylab.export.FigureBatch;
import org.parsimonylab.export.FigureFormat;
import org.parsimonylab.export.FigureMetadata;
import org.parsimonylab.export.FigureOptions;
import org.parsimonylab.export.FigureWriter;

/**
 * Figure export from the app: charts are copied (and themed) on the FX thread, where they change, and drawn and
 * written on a background thread, so a 3× PNG or a folder of PDFs never stalls the window. The metadata (preset JSON,
 * app version) and the last options used are properties the menus read and set.
 */
public final class FigureExports {
    private final ObjectProperty<FigureMetadata> metadata =
            new SimpleObjectProperty<>(new FigureMetadata("", appVersion()));
    private final ObjectProperty<FigureOptions> options = new SimpleObjectProperty<>(FigureOptions.SLIDES);
    private final StringProperty prefix = new SimpleStringProperty("figure");
    private final Executor io;

    /** Exports written by one daemon thread, in order. */
    public FigureExports() {
        this(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "parsimony-export");
            t.setDaemon(true);
            return t;
        }));
    }

    /** Exports written by {@code io} (tests pass {@code Runnable::run}). */
    public FigureExports(Executor io) {
        this.io = io;
    }

    /** The app version from the jar manifest, "dev" when run from classes. */
    public static String appVersion() {
        String v = FigureExports.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** What exported figures embed: the resolved preset of the shown run and the app version. */
    public ObjectProperty<FigureMetadata> metadataProperty() {
        return metadata;
    }

    /** The options of the last export (the dialogs start from them). */
    public ObjectProperty<FigureOptions> optionsProperty() {
        return options;
    }

    /** File names start with this (the preset's name). */
    public StringProperty prefixProperty() {
        return prefix;
    }

    /** The suggested file name of {@code key} in {@code format}. */
    public String fileName(String key, FigureFormat format) {
        return FigureBatch.fileOf(Path.of(""), FigureBatch.safePrefix(prefix.get()), key, format)
                .toString();
    }

    /** Writes {@code figure} to {@code file} (FX thread: copies now, writes in the background). */
    public CompletableFuture<Path> export(Figure figure, FigureFormat format, FigureOptions o, Path file) {
        JFreeChart copy = o.theme().prepare(figure.chart());
        FigureMetadata meta = metadata.get();
        options.set(o);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return FigureWriter.write(copy, format, file, o, meta);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                io);
    }

    /** Writes every figure with data in every format into {@code dir}, as {@code <prefix>-<key>.<ext>}. */
    public CompletableFuture<List<Path>> exportAll(
            List<NamedFigure> figures, Set<FigureFormat> formats, FigureOptions o, Path dir) {
        List<FigureBatch.Prepared> prepared = FigureBatch.prepare(figures, o);
        FigureMetadata meta = metadata.get();
        String p = FigureBatch.safePrefix(prefix.get());
        options.set(o);
        return CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return FigureBatch.write(prepared, dir, p, formats, o, meta);
                    } catch (IOException e) {
                        throw new CompletionException(e);
                    }
                },
                io);
    }

    /** The chart's data as CSV (the "Copy data as CSV" text), FX thread. */
    public String csv(Figure figure) {
        return ChartCsv.of(ChartCopies.detached(figure.chart()), metadata.get());
    }

    /** The message of a failed export, one line, without the wrapping exception's class name. */
    public static String message(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof java.util.concurrent.ExecutionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.replaceAll("\\s*\\R\\s*", " ");
    }
}
