package org.parsimonylab.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.Stage;
import org.parsimonylab.sweep.GridAxis;
import org.parsimonylab.sweep.JavaCommand;
import org.parsimonylab.sweep.SweepPlan;

/**
 * File → Run sweep…: a local sweep of the current settings. Asks for the swept fields (as {@code sweep --grid}, several
 * separated by ';'), the trials and the workers, then for a folder; saves the settings there as {@code preset.json},
 * checks every point (errors name the field before anything runs), starts {@code sweep preset.json --out
 * FOLDER/sweep ...} in a child JVM (log in {@code FOLDER/sweep.log}) and opens the sweep window on it. Closing that
 * window stops the sweep (as Ctrl-C does: running runs are marked interrupted; the same command resumes).
 */
final class SweepLauncher {
    /** Writes the current settings as a preset file. */
    interface PresetSaver {
        Path save(Path file) throws IOException;
    }

    /**
     * What to sweep.
     *
     * @param axes the --grid values
     * @param trials --trials (0: none)
     * @param workers --workers
     */
    record Request(List<String> axes, int trials, int workers) {}

    private SweepLauncher() {}

    /** Parses the dialog's fields; a bad entry is an IllegalArgumentException naming the field. */
    static Request parse(String grid, String trials, String workers) {
        List<String> axes = new ArrayList<>();
        for (String a : grid.split(";")) {
            if (!a.isBlank()) {
                GridAxis.parse(a.strip());
                axes.add(a.strip());
            }
        }
        if (axes.isEmpty()) {
            throw new IllegalArgumentException("swept fields: give at least one, e.g. network.depth=2,3,4");
        }
        return new Request(axes, integer("trials", trials, 0, 1000), integer("workers", workers, 1, 1024));
    }

    private static int integer(String field, String text, int min, int max) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v < min || v > max) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    field + ": a whole number from " + min + " to " + max + " (got '" + text + "')");
        }
    }

    /** The sweep command's arguments for {@code preset} into {@code out}. */
    static List<String> arguments(Path preset, Path out, Request r) {
        List<String> args = new ArrayList<>(List.of("sweep", preset.toString(), "--out", out.toString()));
        for (String a : r.axes()) {
            args.add("--grid");
            args.add(a);
        }
        if (r.trials() > 0) {
            args.add("--trials");
            args.add(Integer.toString(r.trials()));
        }
        args.add("--workers");
        args.add(Integer.toString(r.workers()));
        return args;
    }

    /** Asks, checks, starts the sweep and opens its window; every failure is shown in a dialog. */
    static void ask(Stage owner, PresetSaver saver) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.initOwner(owner);
        dialog.setTitle("Run sweep");
        dialog.setHeaderText("Sweep the current settings on this machine's cores");
        TextField grid = new TextField("network.depth=2,3,4");
        grid.setId("sweepGrid");
        grid.setPrefColumnCount(36);
        TextField trials = new TextField("3");
        trials.setId("sweepTrials");
        int cores = Runtime.getRuntime().availableProcessors();
        TextField workers = new TextField(Integer.toString(Math.max(1, cores)));
        workers.setId("sweepWorkers");
        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        form.setPadding(new Insets(10));
        form.addRow(0, new Label("Swept fields"), grid);
        form.add(new Label("path=v1,v2,… or path=from:to:linN|logN|stepS; several separated by ';'"), 1, 1);
        form.addRow(2, new Label("Trials"), trials);
        form.addRow(3, new Label("Workers"), workers);
        form.add(new Label("at most " + cores + " cores here; 1 BLAS thread per run"), 1, 4);
        dialog.getDialogPane().setContent(form);
        dialog.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        if (dialog.showAndWait().orElse(ButtonType.CANCEL) != ButtonType.OK) {
            return;
        }
        Request request;
        try {
            request = parse(grid.getText(), trials.getText(), workers.getText());
        } catch (IllegalArgumentException e) {
            Dialogs.error(owner, "Cannot run the sweep", e.getMessage());
            return;
        }
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Folder for the sweep (its preset, log and sweep folder go in it)");
        File dir = chooser.showDialog(owner);
        if (dir == null) {
            return;
        }
        try {
            start(owner, dir.toPath(), request, saver);
        } catch (IOException | RuntimeException e) {
            Dialogs.error(owner, "Cannot run the sweep", FigureExports.message(e));
        }
    }

    /**
     * A started sweep.
     *
     * @param window its sweep window
     * @param process the {@code sweep} process
     * @param out the sweep folder
     */
    record Started(Stage window, Process process, Path out) {}

    /**
     * Saves the settings as {@code root/preset.json}, checks every point, starts the sweep into {@code root/sweep}
     * (log {@code root/sweep.log}) and opens its window; on the FX thread.
     */
    static Started start(Stage owner, Path folder, Request request, PresetSaver saver) throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        Files.createDirectories(root);
        Path preset = saver.save(root.resolve("preset.json"));
        Path out = root.resolve("sweep");
        List<GridAxis> axes = request.axes().stream().map(GridAxis::parse).toList();
        // Every point loads and validates here, so that a bad value is reported before anything runs.
        SweepPlan.build(preset, List.of(), axes, request.trials(), false, 0, "auto");
        List<String> command = JavaCommand.current(List.of()).command(1, arguments(preset, out, request));
        Path log = root.resolve("sweep.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Stage window = SweepView.openWindow(owner, out);
        window.setTitle(window.getTitle() + " (running here; closing this window stops it)");
        window.addEventHandler(javafx.stage.WindowEvent.WINDOW_HIDDEN, e -> process.destroy());
        process.onExit().thenAccept(p -> {
            if (p.exitValue() != 0) {
                String last = lastLine(log);
                Platform.runLater(() -> {
                    if (window.isShowing()) {
                        Dialogs.error(owner, "The sweep stopped (exit " + p.exitValue() + ")", last + "\nlog: " + log);
                    }
                });
            }
        });
        return new Started(window, process, out);
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).strip();
                }
            }
        } catch (IOException e) {
            return "cannot read the log: " + e.getMessage();
        }
        return "";
    }
}
