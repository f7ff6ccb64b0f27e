package org.parsimonylab.ui;

import java.util.List;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;

/** The window's content: controls left, run controls on top, charts in the centre, status bar below. */
public final class MainView extends BorderPane {
    private final ControlsView controls;
    private final RunControlsView runControls;
    private final ChartsView charts;
    private final StatusBar status;

    /** The whole window around the two view models. */
    public MainView(ControlsModel controlsModel, RunViewModel run, RunActions actions, List<PresetEntry> presets) {
        controls = new ControlsView(controlsModel, presets);
        runControls = new RunControlsView(run, actions);
        charts = new ChartsView(run);
        status = new StatusBar(run);
        ScrollPane left = new ScrollPane(controls);
        left.setFitToWidth(true);
        left.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        left.setPrefWidth(345);
        left.setMinWidth(300);
        setLeft(left);
        setTop(runControls);
        setCenter(charts);
        setBottom(status);
    }

    /** Puts {@code menu} above the run controls. */
    public void setMenuBar(javafx.scene.control.MenuBar menu) {
        setTop(new javafx.scene.layout.VBox(menu, runControls));
    }

    /** The charts. */
    public ChartsView charts() {
        return charts;
    }

    /** The run controls. */
    public RunControlsView runControls() {
        return runControls;
    }

    /** The controls panel. */
    public ControlsView controls() {
        return controls;
    }
}
