package org.parsimonylab.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javafx.animation.PauseTransition;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextInputControl;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import javafx.util.Duration;
import javax.imageio.ImageIO;
import org.parsimonylab.engine.linalg.LinAlgs;
import org.parsimonylab.preset.PresetOverrides;

/**
 * The desktop app. With no options it opens the law-of-parsimony preset already running. Options (after {@code gui}
 * on the jar's command line, or in {@code -Djavafx.args} for {@code mvn javafx:run}):
 *
 * <ul>
 *   <li>{@code --preset=FILE} a shipped preset file name or a path; {@code --set=path=value} overrides a field
 *   <li>{@code --paused} open without playing
 *   <li>{@code --record=DIR} write the run folder of the current run to DIR (new or empty) when it ends or when the
 *       window closes, whichever comes first; File → Save run… does the same on demand
 *   <li>{@code --open-checkpoints=PATH} also open a checkpoints window on a folder ({@code --watch-checkpoints}:
 *       watching it)
 *   <li>{@code --open-sweep=DIR} also open the sweep folder DIR in a sweep window (File → Open sweep…)
 *   <li>{@code --screenshot=PNG} save the window after {@code --screenshot-after=SECONDS} (default 8) and exit
 *   <li>{@code --speed=STEPS_PER_S} the training speed at start (a number in [1, 1e6] or {@code max})
 *   <li>{@code --measure-pulse=SECONDS} print the FX pulse-interval percentiles after that long (2 s warm-up) and
 *       exit
 * </ul>
 */
public class App extends Application {
    private static final Logger LOG = Logger.getLogger(App.class.getName());

    private AppController controller;
    private MainView view;
    private ChartRefresher refresher;
    private RunViewModel runModel;

    /** Launches the app (only from a launcher that has JavaFX on its path; see {@link Launcher}). */
    public static void main(String[] args) {
        launch(args);
    }

    @Override
    public void start(Stage stage) {
        List<String> args =
                getParameters() == null ? List.of() : getParameters().getRaw();
        start(stage, args);
    }

    /** Builds the window into {@code stage} with command-line {@code args}. */
    public void start(Stage stage, List<String> args) {
        ErrorReporter.install();
        Options options = Options.parse(args);
        List<PresetEntry> presets = new ArrayList<>(PresetEntry.shipped());
        PresetEntry first = presets.stream()
                .filter(p -> p.fileName().equals(PresetEntry.DEFAULT_FILE))
                .findFirst()
                .orElse(presets.get(0));
        List<String> overrides = List.of();
        if (options.preset != null || !options.overrides.isEmpty()) {
            try {
                PresetEntry chosen =
                        PresetEntry.load(options.preset == null ? first.fileName() : options.preset, List.of());
                // Checked here so that a bad --set falls back to the default preset; the controls apply them.
                PresetOverrides.apply(chosen.preset(), chosen.fileName(), options.overrides);
                presets.replaceAll(p -> p.fileName().equals(chosen.fileName()) ? chosen : p);
                if (presets.stream().noneMatch(p -> p == chosen)) {
                    presets.add(chosen);
                }
                first = chosen;
                overrides = List.copyOf(options.overrides);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "cannot open the requested preset: " + e.getMessage());
            }
        }

        ControlsModel controls = new ControlsModel();
        RunViewModel run = new RunViewModel();
        runModel = run;
        run.backendProperty().set(backend());
        // Snapshot batches are applied at the start of a pulse, before the refresher redraws (PulseExecutor).
        PulseExecutor deliveries = new PulseExecutor();
        deliveries.start();
        controller = new AppController(controls, run, deliveries, LinAlgs::create);
        if (options.record != null) {
            controller.recordTo(Path.of(options.record));
        }
        view = new MainView(controls, run, controller, presets);
        view.setMenuBar(menuBar(stage));
        refresher = new ChartRefresher(view.charts()::visibleFigures);
        refresher.start();

        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(view, Math.min(1500, screen.getWidth()), Math.min(930, screen.getHeight()));
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> onKey(e, scene, run));
        stage.setScene(scene);
        stage.setTitle("Parsimony Lab");
        stage.setOnCloseRequest(e -> controller.close());
        stage.show();

        if (options.speed != null) {
            // As if typed into the speed field: the slider, label and run all follow.
            view.runControls().typeSpeed(options.speed);
        }
        controller.open(first, overrides, !options.paused);
        if (options.openSweep != null) {
            openSweep(stage, Path.of(options.openSweep));
        }
        if (options.screenshot != null) {
            screenshotLater(scene, options.screenshot, options.screenshotAfterSeconds);
        }
        if (options.measurePulseSeconds > 0) {
            measurePulse(options.measurePulseSeconds);
        }
        if (options.openCheckpoints != null) {
            CheckpointsView.openWindow(stage, List.of(Path.of(options.openCheckpoints)), options.watchCheckpoints);
        }
    }

    /** File: Export all figures…, Save run…, Open run…, Open sweep…, Run sweep…; every failure is shown in a dialog. */
    private MenuBar menuBar(Stage stage) {
        MenuItem exportAll = new MenuItem("Export all figures…");
        exportAll.setId("exportAll");
        exportAll.setOnAction(e -> exportAll(stage));
        MenuItem save = new MenuItem("Save run…");
        save.setId("saveRun");
        save.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        save.setOnAction(e -> saveRun(stage));
        MenuItem open = new MenuItem("Open run…");
        open.setId("openRun");
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(e -> openRun(stage));
        MenuItem openCheckpoints = new MenuItem("Open checkpoints…");
        openCheckpoints.setId("openCheckpoints");
        openCheckpoints.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Open a folder of checkpoints (.safetensors, .npz, folders of .npy files)");
            File dir = chooser.showDialog(stage);
            if (dir != null) {
                CheckpointsView.openWindow(stage, List.of(dir.toPath()), false);
            }
        });
        MenuItem ghost = new MenuItem("Open run as ghost…");
        ghost.setId("openGhost");
        ghost.setOnAction(e -> openGhost(stage));
        MenuItem savePreset = new MenuItem("Save settings as preset…");
        savePreset.setId("savePreset");
        savePreset.setAccelerator(
                new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        savePreset.setOnAction(e -> savePreset(stage));
        MenuItem openPreset = new MenuItem("Open preset…");
        openPreset.setId("openPreset");
        openPreset.setAccelerator(
                new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN));
        openPreset.setOnAction(e -> openPreset(stage));
        MenuItem openSweep = new MenuItem("Open sweep…");
        openSweep.setId("openSweep");
        openSweep.setOnAction(e -> openSweep(stage));
        MenuItem runSweep = new MenuItem("Run sweep…");
        runSweep.setId("runSweep");
        runSweep.setOnAction(e -> SweepLauncher.ask(stage, controller::savePreset));
        MenuItem quit = new MenuItem("Quit");
        quit.setId("quit");
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(e -> quit(stage));
        Menu file = new Menu(
                "File",
                null,
                savePreset,
                openPreset,
                new SeparatorMenuItem(),
                save,
                open,
                openCheckpoints,
                ghost,
                openSweep,
                runSweep,
                new SeparatorMenuItem(),
                exportAll,
                new SeparatorMenuItem(),
                quit);
        file.setId("fileMenu");
        MenuItem keys = new MenuItem("Keyboard shortcuts");
        keys.setId("shortcuts");
        keys.setAccelerator(new KeyCodeCombination(KeyCode.F1));
        keys.setOnAction(e -> Dialogs.info(stage, "Keyboard shortcuts", SHORTCUTS));
        Menu help = new Menu("Help", null, keys);
        help.setId("helpMenu");
        MenuBar bar = new MenuBar(file, help);
        bar.setId("menuBar");
        return bar;
    }

    /** The keyboard shortcuts, as Help → Keyboard shortcuts lists them. */
    static final String SHORTCUTS = String.join(
            "\n",
            "Space\tplay / pause",
            "→ (Right)\tone step (pauses first)",
            "R\treset: train again from step 0",
            "Enter in a value field\ttake the typed value",
            "Ctrl+S\tsave run…",
            "Ctrl+O\topen run…",
            "Ctrl+Shift+S\tsave settings as preset…",
            "Ctrl+Shift+O\topen preset…",
            "Ctrl+Q\tquit",
            "F1\tthis list",
            "On a chart: drag to zoom, hover to read a value, click a legend entry to hide or show a series,"
                    + " right-click to export");

    private void savePreset(Stage stage) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save the settings as a preset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Preset (JSON)", "*.json"));
        chooser.setInitialFileName(runModel.exports().prefixProperty().get() + "-edited.json");
        File out = chooser.showSaveDialog(stage);
        if (out == null) {
            return;
        }
        try {
            Path path = controller.savePreset(out.toPath());
            runModel.runNoteProperty().set("Saved the settings as the preset " + path);
        } catch (IOException | RuntimeException ex) {
            Dialogs.error(stage, "Cannot save the preset", FigureExports.message(ex));
        }
    }

    private void openPreset(Stage stage) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open a preset");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("Preset (JSON)", "*.json"));
        File in = chooser.showOpenDialog(stage);
        if (in == null) {
            return;
        }
        try {
            controller.openPreset(in.toPath(), runModel.playingProperty().get());
        } catch (RuntimeException ex) {
            Dialogs.error(stage, "Cannot open the preset", ex.getMessage());
        }
    }

    private void quit(Stage stage) {
        stop();
        stage.close();
        Platform.exit();
    }

    private void exportAll(Stage stage) {
        FigureExports exports = runModel.exports();
        new ExportDialog(
                        stage,
                        "Export all figures",
                        true,
                        exports.optionsProperty().get())
                .ask()
                .ifPresent(choice -> {
                    DirectoryChooser chooser = new DirectoryChooser();
                    chooser.setTitle("Folder for the figures");
                    File dir = chooser.showDialog(stage);
                    if (dir == null) {
                        return;
                    }
                    refresher.flushVisible();
                    runModel.figures().flushAll();
                    exports.exportAll(runModel.figures().named(), choice.formats(), choice.options(), dir.toPath())
                            .whenComplete((files, error) -> Platform.runLater(() -> {
                                if (error != null) {
                                    Dialogs.error(stage, "Cannot export the figures", FigureExports.message(error));
                                } else {
                                    runModel.runNoteProperty().set("Exported " + files.size() + " files to " + dir);
                                }
                            }));
                });
    }

    private void saveRun(Stage stage) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save run as a new folder");
        chooser.setInitialFileName(runModel.exports().prefixProperty().get() + "-run");
        File out = chooser.showSaveDialog(stage);
        if (out == null) {
            return;
        }
        controller
                .saveRun(out.toPath())
                .whenComplete((path, error) -> Platform.runLater(() -> {
                    if (error != null) {
                        Dialogs.error(stage, "Cannot save the run", FigureExports.message(error));
                    } else {
                        runModel.runNoteProperty().set("Saved the run to " + path);
                    }
                }));
    }

    private void openRun(Stage stage) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a run folder (with preset.json and metrics.csv)");
        File dir = chooser.showDialog(stage);
        if (dir == null) {
            return;
        }
        // Read on a background thread: a large metrics.csv must not freeze the window.
        controller.openRunAsync(dir.toPath()).whenComplete((ok, error) -> {
            if (error != null) {
                Dialogs.error(stage, "Cannot open the run", FigureExports.message(error));
            }
        });
    }

    private void openGhost(Stage stage) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a run folder as a ghost beside the live run");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            controller.openGhostAsync(dir.toPath()).whenComplete((ok, error) -> {
                if (error != null) {
                    Dialogs.error(stage, "Cannot open the run as a ghost", FigureExports.message(error));
                }
            });
        }
    }

    private void openSweep(Stage stage) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Open a sweep folder (with plan.json or summary.csv)");
        File dir = chooser.showDialog(stage);
        if (dir != null) {
            openSweep(stage, dir.toPath());
        }
    }

    private static void openSweep(Stage stage, Path dir) {
        String problem = SweepView.check(dir);
        if (!problem.isEmpty()) {
            Dialogs.error(stage, "Cannot open the sweep", problem);
            return;
        }
        SweepView.openWindow(stage, dir);
    }

    private void onKey(KeyEvent e, Scene scene, RunViewModel run) {
        if (scene.getFocusOwner() instanceof TextInputControl) {
            return;
        }
        if (e.getCode() == KeyCode.SPACE) {
            if (run.playingProperty().get()) {
                controller.pause();
            } else {
                controller.play();
            }
            e.consume();
        } else if (e.getCode() == KeyCode.RIGHT) {
            controller.step();
            e.consume();
        } else if (e.getCode() == KeyCode.R && !e.isShortcutDown()) {
            controller.reset();
            e.consume();
        }
    }

    private static String backend() {
        try {
            return LinAlgs.create().describe();
        } catch (RuntimeException e) {
            return "unavailable (" + e.getMessage() + ")";
        }
    }

    private void screenshotLater(Scene scene, String path, double seconds) {
        PauseTransition wait = new PauseTransition(Duration.seconds(seconds));
        wait.setOnFinished(e -> {
            refresher.flushVisible();
            WritableImage image = scene.getRoot().snapshot(null, null);
            try {
                File file = new File(path);
                if (file.getAbsoluteFile().getParentFile() != null) {
                    file.getAbsoluteFile().getParentFile().mkdirs();
                }
                ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file);
                System.out.println("screenshot written to " + file.getAbsolutePath());
            } catch (IOException ex) {
                System.err.println("cannot write the screenshot " + path + ": " + ex.getMessage());
            }
            Platform.exit();
        });
        wait.play();
    }

    private void measurePulse(double seconds) {
        PulseMeter meter = new PulseMeter();
        meter.start();
        PauseTransition warmUp = new PauseTransition(Duration.seconds(2));
        warmUp.setOnFinished(e -> {
            meter.reset();
            long redrawsBefore = refresher.redraws();
            PauseTransition measure = new PauseTransition(Duration.seconds(seconds));
            measure.setOnFinished(f -> {
                meter.stop();
                System.out.println("FX pulse interval while training (" + seconds + " s, up to step "
                        + runModel.stepProperty().get() + ", "
                        + Format.sig(runModel.stepsPerSecondProperty().get()) + " steps/s): " + meter.summary() + "; "
                        + meter.allocationSummary() + "; " + meter.cpuSummary() + "; chart redraws "
                        + String.format(java.util.Locale.ROOT, "%.1f", (refresher.redraws() - redrawsBefore) / seconds)
                        + "/s");
                Platform.exit();
            });
            measure.play();
        });
        warmUp.play();
    }

    /** The controller (tests drive the app through it and the view). */
    public AppController controller() {
        return controller;
    }

    /** The run view model. */
    public RunViewModel runModel() {
        return runModel;
    }

    /** The window's view. */
    public MainView view() {
        return view;
    }

    /** The chart refresher. */
    public ChartRefresher refresher() {
        return refresher;
    }

    @Override
    public void stop() {
        if (refresher != null) {
            refresher.stop();
        }
        if (controller != null) {
            controller.close();
        }
    }

    /** The app's command-line options. */
    static final class Options {
        String preset;
        final List<String> overrides = new ArrayList<>();
        boolean paused;
        String record;
        String screenshot;
        String openSweep;
        double screenshotAfterSeconds = 8;
        double measurePulseSeconds;
        String openCheckpoints;
        boolean watchCheckpoints;
        String speed;

        static Options parse(List<String> args) {
            Options o = new Options();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                if (a.startsWith("--preset=")) {
                    o.preset = a.substring("--preset=".length());
                } else if (a.startsWith("--set=")) {
                    o.overrides.add(a.substring("--set=".length()));
                } else if (a.equals("--set") && i + 1 < args.size()) {
                    o.overrides.add(args.get(++i));
                } else if (a.equals("--paused")) {
                    o.paused = true;
                } else if (a.startsWith("--record=")) {
                    o.record = a.substring("--record=".length());
                } else if (a.startsWith("--open-sweep=")) {
                    o.openSweep = a.substring("--open-sweep=".length());
                } else if (a.startsWith("--screenshot=")) {
                    o.screenshot = a.substring("--screenshot=".length());
                } else if (a.startsWith("--screenshot-after=")) {
                    o.screenshotAfterSeconds = Double.parseDouble(a.substring("--screenshot-after=".length()));
                } else if (a.startsWith("--open-checkpoints=")) {
                    o.openCheckpoints = a.substring("--open-checkpoints=".length());
                } else if (a.equals("--watch-checkpoints")) {
                    o.watchCheckpoints = true;
                } else if (a.startsWith("--speed=")) {
                    o.speed = a.substring("--speed=".length());
                    RunControlsView.parseSpeed(o.speed);
                } else if (a.startsWith("--measure-pulse=")) {
                    o.measurePulseSeconds = Double.parseDouble(a.substring("--measure-pulse=".length()));
                } else {
                    System.err.println("ignoring unknown option " + a);
                }
            }
            return o;
        }
    }
}
