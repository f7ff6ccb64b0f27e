package org.parsimonylab.ui;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
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
    private final TextField speedField = new TextField();
    private final Label speedError = new Label();
    private boolean typing;
    private double current = SPEEDS[DEFAULT_SPEED_INDEX];

    /** The largest typed speed, steps per second (beyond it, "max" means as fast as possible). */
    public static final double MAX_TYPED_SPEED = 1_000_000;

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
            if (typing || Math.abs(now.doubleValue() - i) > 1e-9) {
                return;
            }
            apply(SPEEDS[i], actions);
        });
        speedField.setId("speedField");
        speedField.setPrefColumnCount(4);
        speedField.setPrefWidth(62);
        speedField.setMinWidth(Region.USE_PREF_SIZE);
        speedField.setText(fieldText(current));
        speedField.setTooltip(
                new Tooltip("Type an exact speed in steps per second (1 … 1e6) or \"max\"; Enter applies"));
        speedField.setOnAction(e -> {
            commitTyped(actions);
            // Space, Right and R control the run again after a taken Enter.
            if (speedError.getText().isEmpty() && getParent() != null) {
                getParent().requestFocus();
            }
        });
        speedField.focusedProperty().addListener((obs, old, now) -> {
            if (!now) {
                commitTyped(actions);
            }
        });
        speedError.setId("speedError");
        speedError.setStyle("-fx-text-fill: #cc0000; -fx-font-size: 11px;");
        speedError.setMinWidth(Region.USE_PREF_SIZE);
        speedError.setVisible(false);
        speedError.setManaged(false);
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
                        speedField,
                        speedLabel,
                        speedError,
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

    /**
     * Parses a typed speed: a number of steps per second in [1, {@link #MAX_TYPED_SPEED}], or "max" (as fast as
     * possible).
     *
     * @throws IllegalArgumentException with a one-line message naming the field and what is allowed
     */
    public static double parseSpeed(String text) {
        String t = text == null
                ? ""
                : text.strip().toLowerCase(java.util.Locale.ROOT).replace("steps/s", "");
        t = t.replace("/s", "").strip();
        if (t.equals("max") || t.equals("∞") || t.equals("inf") || t.equals("infinity")) {
            return Double.POSITIVE_INFINITY;
        }
        double v;
        try {
            v = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "speed must be a number of steps/s in [1, 1e6] or \"max\" (got '" + text.strip() + "')");
        }
        if (!(v >= 1 && v <= MAX_TYPED_SPEED)) {
            throw new IllegalArgumentException(
                    "speed must be in [1, 1e6] steps/s or \"max\" (got " + text.strip() + ")");
        }
        return v;
    }

    /** Commits the typed speed, or says in one red line why it cannot (the speed then stays). */
    private void commitTyped(RunActions actions) {
        String text = speedField.getText();
        if (text.equals(fieldText(current))) {
            showError("");
            return;
        }
        try {
            apply(parseSpeed(text), actions);
            showError("");
        } catch (IllegalArgumentException e) {
            showError(e.getMessage());
        }
    }

    private void showError(String m) {
        speedError.setText(m);
        speedError.setVisible(!m.isEmpty());
        speedError.setManaged(!m.isEmpty());
    }

    /** Types {@code text} into the speed field and presses Enter (tests and the monkey). */
    public void typeSpeed(String text) {
        speedField.setText(text);
        speedField.getOnAction().handle(null);
    }

    /** The one-line message of the last refused typed speed ("" if it was taken). */
    public String speedError() {
        return speedError.getText();
    }

    /** Sets the speed: the label, the field and the slider (its nearest stop) follow; the run gets it. */
    private void apply(double v, RunActions actions) {
        current = v;
        speedLabel.setText("speed " + Format.speed(v));
        speedField.setText(fieldText(v));
        typing = true;
        try {
            speed.setValue(nearestStop(v));
        } finally {
            typing = false;
        }
        actions.setSpeed(v);
    }

    private static String fieldText(double v) {
        if (Double.isInfinite(v)) {
            return "max";
        }
        // The exact value, as typed: 10 not 10.0, 12.345 not 12.35.
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The index of the slider stop nearest {@code v} (in log scale). */
    static int nearestStop(double v) {
        if (Double.isInfinite(v)) {
            return SPEEDS.length - 1;
        }
        int best = 0;
        for (int i = 0; i < SPEEDS.length - 1; i++) {
            if (Math.abs(Math.log(SPEEDS[i] / v)) < Math.abs(Math.log(SPEEDS[best] / v))) {
                best = i;
            }
        }
        return best;
    }

    /** The speed of slider position {@code value}. */
    public static double speedAt(double value) {
        return SPEEDS[(int) Math.round(Math.max(0, Math.min(SPEEDS.length - 1, value)))];
    }

    /** The current speed. */
    public double speed() {
        return current;
    }
}
