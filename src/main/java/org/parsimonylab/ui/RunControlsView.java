package org.parsimonylab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
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
        speedLabel.setMinWidth(130);
        speedLabel.setText("speed " + Format.speed(speedAt(speed.getValue())));
        speed.valueProperty().addListener((obs, old, now) -> {
            int i = (int) Math.round(now.doubleValue());
            if (Math.abs(now.doubleValue() - i) > 1e-9) {
                return;
            }
            speedLabel.setText("speed " + Format.speed(SPEEDS[i]));
            actions.setSpeed(SPEEDS[i]);
        });
        Label range = new Label("1 step/s … max");
        range.setStyle("-fx-text-fill: #777777; -fx-font-size: 10px;");

        runNote.textProperty().bind(model.runNoteProperty());
        runNote.setStyle("-fx-text-fill: #0b5394;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        for (Button b : new Button[] {playPause, step, reset}) {
            b.setFocusTraversable(false);
        }
        getChildren().addAll(playPause, step, reset, new Label("  "), speed, speedLabel, range, gap, runNote);
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
