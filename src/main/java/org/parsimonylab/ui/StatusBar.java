package org.parsimonylab.ui;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.parsimonylab.session.SessionStatus;

/** The bottom line: status, step, loss, steps/s, elapsed training time, and the BLAS/LAPACK backend in use. */
public final class StatusBar extends HBox {
    private final Label status = new Label();
    private final Label step = new Label();
    private final Label loss = new Label();
    private final Label rate = new Label();
    private final Label elapsed = new Label();
    private final Label message = new Label();
    private final Label backend = new Label();

    /** A status bar bound to {@code model}. */
    public StatusBar(RunViewModel model) {
        setSpacing(18);
        setPadding(new Insets(4, 10, 4, 10));
        setAlignment(Pos.CENTER_LEFT);
        setStyle("-fx-background-color: #eeeeee; -fx-border-color: #cccccc; -fx-border-width: 1 0 0 0;");
        status.setId("statusLabel");
        step.setId("stepLabel");
        loss.setId("lossLabel");
        rate.setId("rateLabel");
        elapsed.setId("elapsedLabel");
        message.setId("messageLabel");
        backend.setId("backendLabel");
        status.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "run #" + model.runIdProperty().get() + " · "
                                + statusText(model.statusProperty().get()),
                        model.runIdProperty(),
                        model.statusProperty()));
        step.textProperty().bind(model.stepProperty().asString("step %d"));
        loss.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "loss " + Format.sig(model.lossProperty().get()), model.lossProperty()));
        rate.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> Format.sig(model.stepsPerSecondProperty().get()) + " steps/s (compute "
                                + Format.sig(
                                        model.computeStepsPerSecondProperty().get()) + "/s)",
                        model.stepsPerSecondProperty(),
                        model.computeStepsPerSecondProperty()));
        elapsed.textProperty()
                .bind(Bindings.createStringBinding(
                        () -> "training "
                                + Format.sig(model.elapsedSecondsProperty().get()) + " s",
                        model.elapsedSecondsProperty()));
        message.textProperty().bind(model.messageProperty());
        message.styleProperty()
                .bind(model.statusProperty()
                        .map(st -> st == SessionStatus.DIVERGED || st == SessionStatus.FAILED
                                ? "-fx-text-fill: #b00020; -fx-font-weight: bold;"
                                : "-fx-text-fill: #0b5394;"));
        message.setWrapText(false);
        message.setMinWidth(0);
        HBox.setHgrow(message, Priority.ALWAYS);
        backend.textProperty().bind(model.backendProperty().map(b -> "backend: " + b));
        backend.setStyle("-fx-text-fill: #555555;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.SOMETIMES);
        getChildren().addAll(status, step, loss, rate, elapsed, message, gap, backend);
        status.setMinWidth(Region.USE_PREF_SIZE);
        step.setMinWidth(Region.USE_PREF_SIZE);
        backend.setMinWidth(Region.USE_PREF_SIZE);
    }

    private static String statusText(SessionStatus s) {
        return switch (s) {
            case RUNNING -> "running";
            case PAUSED -> "paused";
            case FINISHED -> "finished";
            case DIVERGED -> "diverged";
            case FAILED -> "failed";
        };
    }
}
