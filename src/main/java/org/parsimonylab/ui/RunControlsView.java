package org.parsimonylab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * Play/pause, single step, reset and the speed control, from one step per second (for a lecture) to as fast as
 * possible. Keyboard: Space, Right and R (installed on the scene by the app).
 */
public final class RunControlsView extends HBox {
    /** The speed slider's stops, steps per second. */
    public static final double[] SPEEDS = {
        1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, Double.POSITIVE_INFINITY
    };

    /** The initial speed: slow enough to watch the law-of-parsimony run unfold. */
    public static final int DEFAULT_SPEED_INDEX = 3;

    private final Button playPause = new Button();
    private final Button step = new Button("Step ▶|");
    private final Button reset = new Button("Reset ⟲");
    private final Slider speed = new Slider(0, SPEEDS.length - 1, DEFAULT_SPEED_INDEX);
    private final Label speedLabel = new Label();
    private final Label runNote = new Label();
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressLabel = new Label();
    private final Label budgetWarning = new Label();
    private final Button max = new Button("max");

    /** Above this many seconds for the rest of the budget at the chosen speed, the speed control says so. */
    public static final double SLOW_BUDGET_SECONDS = 60;

    /** Controls bound to {@code model} that ask {@code actions}. */
    public RunControlsView(RunViewModel model, RunActions actions) {
        setSpacing(8);
        setPadding(new Insets(6, 10, 6, 10));
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-background-color: #f4f4f4; -fx-border-color: #dddddd; -fx-border-width: 0 0 1 0;");
        playPause.setId("playPause");
        step.setId("step");
        reset.setId("reset");
        speed.setId("speed");
        speedLabel.setId("speedLabel");
        runNote.setId("runNote");
        playPause.setMinWidth(90);
        playPause
                .textProperty()
                .bind(model.playingProperty()
                        .map(p -> p ? "Pause ❚❚" : "Play ▶")
                        .orElse("Play ▶"));
        playPause.setTooltip(new Tooltip("Play or pause training (Space)"));
        step.setTooltip(new Tooltip("Pause and train exactly one step (Right arrow)"));
        reset.setTooltip(new Tooltip("Re-initialise the weights and start again from step 0 (R)"));
        playPause.setOnAction(e -> {
            if (model.playingProperty().get()) {
                actions.pause();
            } else {
                actions.play();
            }
        });
        step.setOnAction(e -> actions.step());
        reset.setOnAction(e -> actions.reset());

        speed.setMajorTickUnit(1);
        speed.setMinorTickCount(0);
        speed.setSnapToTicks(true);
        speed.setBlockIncrement(1);
        speed.setPrefWidth(180);
        speed.setFocusTraversable(false);
        speed.setTooltip(new Tooltip("Training speed: 1 step/s … as fast as possible. Changes live."));
        speedLabel.setMinWidth(Region.USE_PREF_SIZE);
        speedLabel.setText("speed " + Format.speed(speedAt(speed.getValue())));
        speed.valueProperty().addListener((obs, old, now) -> {
            int i = (int) Math.round(now.doubleValue());
            if (Math.abs(now.doubleValue() - i) > 1e-9) {
                return;
            }
            speedLabel.setText("speed " + Format.speed(SPEEDS[i]));
            actions.setSpeed(SPEEDS[i]);
        });
        progress.setId("progress");
        progressLabel.setId("progressLabel");
        budgetWarning.setId("budgetWarning");
        max.setId("maxSpeed");
        progress.setPrefWidth(110);
        progress.setMinWidth(60);
        progressLabel.setStyle("-fx-font-size: 11px;");
        progressLabel.setMinWidth(Region.USE_PREF_SIZE);
        budgetWarning.setMinWidth(Region.USE_PREF_SIZE);
        budgetWarning.setStyle("-fx-text-fill: #b45f06; -fx-font-size: 11px;");
        max.setStyle("-fx-font-size: 10px; -fx-padding: 1 6 1 6;");
        max.setTooltip(new Tooltip("Train as fast as possible"));
        max.setFocusTraversable(false);
        max.setOnAction(e -> speed.setValue(SPEEDS.length - 1));
        Runnable updateProgress = () -> updateProgress(model);
        model.stepProperty().addListener((obs, old, now) -> updateProgress.run());
        model.budgetProperty().addListener((obs, old, now) -> updateProgress.run());
        model.speedProperty().addListener((obs, old, now) -> updateProgress.run());
        model.stepsPerSecondProperty().addListener((obs, old, now) -> updateProgress.run());
        updateProgress.run();

        runNote.textProperty().bind(model.runNoteProperty());
        runNote.setStyle("-fx-text-fill: #0b5394;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        for (Button b : new Button[] {playPause, step, reset}) {
            b.setFocusTraversable(false);
        }
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {playPause, step, reset, max}) {
            // Never collapse a button's text to "…" in a narrow window; the run note gives way instead.
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        speed.setMinWidth(100);
        runNote.setMinWidth(0);
        getChildren()
                .addAll(
                        playPause,
                        step,
                        reset,
                        speed,
                        speedLabel,
                        budgetWarning,
                        max,
                        progress,
                        progressLabel,
                        gap,
                        runNote);
    }

    /**
     * The progress bar (step / budget), "step of budget · pace · time left", and, when the rest of the budget takes
     * longer than {@link #SLOW_BUDGET_SECONDS} at the chosen speed, a warning with the "max" button.
     */
    private void updateProgress(RunViewModel model) {
        long budget = model.budgetProperty().get();
        long now = model.stepProperty().get();
        progress.setProgress(budget > 0 ? Math.min(1, (double) now / budget) : 0);
        double measured = model.stepsPerSecondProperty().get();
        double left = model.secondsLeftMeasured();
        if (Double.isNaN(left)) {
            left = model.secondsLeftAtSpeed();
        }
        progressLabel.setText(
                budget > 0
                        ? now + " / " + budget + " · " + Format.sig(measured) + "/s · " + Format.duration(left)
                                + " left"
                        : "");
        double atSpeed = model.secondsLeftAtSpeed();
        boolean slow = atSpeed > SLOW_BUDGET_SECONDS;
        budgetWarning.setText(slow ? "budget takes " + Format.duration(atSpeed) + " here" : "");
        budgetWarning.setVisible(slow);
        budgetWarning.setManaged(slow);
        max.setVisible(slow);
        max.setManaged(slow);
    }

    /** The speed of slider position {@code value}. */
    public static double speedAt(double value) {
        return SPEEDS[(int) Math.round(Math.max(0, Math.min(SPEEDS.length - 1, value)))];
    }

    /** The current speed. */
    public double speed() {
        return speedAt(speed.getValue());
    }
}
