package org.parsimonylab.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.RowConstraints;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.parsimonylab.chart.NamedFigure;
import org.parsimonylab.chart.SweepFigures;
import org.parsimonylab.chart.SweepLinesFigure;
import org.parsimonylab.sweep.SweepFolder;

/**
 * A sweep folder on screen: the aggregated figures of its summary (mean ± std of a column against each swept value,
 * one line per other value, and the heat map over two swept values), a chooser of the summary's numeric column, and
 * a progress line (done, running, failed of the runs, ETA). A {@link SweepWatch} re-reads the folder every second on
 * its own thread, so the figures fill in as runs finish; the charts change only on the FX thread.
 */
public final class SweepView extends BorderPane implements AutoCloseable {
    /** How often the folder is read. */
    static final long POLL_MILLIS = 1000;

    private final Path dir;
    private final Label title = new Label();
    private final Label progress = new Label("reading…");
    private final Label message = new Label();
    private final ChoiceBox<String> metric = new ChoiceBox<>();
    private final GridPane charts = new GridPane();
    private final List<ChartPane> panes = new ArrayList<>();
    private final SweepWatch watch;
    private SweepWatch.Snapshot shown;
    private String chosen = "";
    private boolean updatingChoice;

    /** A view of the sweep folder {@code dir}, polling it every second until {@link #close()}. */
    public SweepView(Path dir) {
        this(dir, Platform::runLater);
    }

    SweepView(Path dir, Executor fx) {
        this.dir = dir.toAbsolutePath().normalize();
        setId("sweepView");
        title.setId("sweepTitle");
        title.setStyle("-fx-font-size: 15px; -fx-font-weight: bold;");
        progress.setId("sweepProgress");
        message.setId("sweepMessage");
        message.setWrapText(true);
        message.setStyle("-fx-text-fill: #8a1c1c;");
        metric.setId("sweepMetric");
        metric.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (!updatingChoice && now != null && !now.equals(old)) {
                chosen = now;
                redraw();
            }
        });
        HBox choose = new HBox(8, new Label("Column:"), metric, progress);
        choose.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox top = new VBox(4, title, choose, message);
        top.setPadding(new Insets(8, 10, 6, 10));
        setTop(top);
        charts.setId("sweepCharts");
        charts.setHgap(6);
        charts.setVgap(6);
        charts.setPadding(new Insets(4, 8, 8, 8));
        ScrollPane scroll = new ScrollPane(charts);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        setCenter(scroll);
        title.setText("Sweep " + this.dir);
        watch = new SweepWatch(this.dir, s -> fx.execute(() -> show(s)));
        watch.start(POLL_MILLIS);
    }

    /** Opens {@code dir} in a window of its own (closing it stops the polling). */
    public static Stage openWindow(Window owner, Path dir) {
        SweepView view = new SweepView(dir);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("Sweep – " + view.dir);
        stage.setScene(new Scene(view, 1200, 720));
        stage.setOnHidden(e -> view.close());
        stage.show();
        return stage;
    }

    /** Whether {@code dir} is something this view can show: a sweep folder or a folder with a summary.csv. */
    public static String check(Path dir) {
        if (SweepFolder.isSweepFolder(dir) || java.nio.file.Files.isRegularFile(dir.resolve(SweepFolder.SUMMARY))) {
            return "";
        }
        return dir + " is not a sweep folder: it has no " + SweepFolder.PLAN + " (written by `sweep`) and no "
                + SweepFolder.SUMMARY;
    }

    private void show(SweepWatch.Snapshot s) {
        if (!s.error().isEmpty()) {
            message.setText(s.error());
            if (shown == null) {
                progress.setText("");
            }
            return;
        }
        message.setText("");
        shown = s;
        title.setText("Sweep of " + s.name() + " – " + dir);
        if (s.progress() != null) {
            progress.setText(s.progress().text());
        } else {
            StringBuilder sb = new StringBuilder("summary.csv:");
            for (Map.Entry<String, Long> e :
                    SweepWatch.statusCounts(s.summary()).entrySet()) {
                sb.append(' ').append(e.getValue()).append(' ').append(e.getKey());
            }
            progress.setText(sb.toString());
        }
        List<String> columns = s.summary().numericColumns();
        updatingChoice = true;
        try {
            if (!metric.getItems().equals(columns)) {
                metric.getItems().setAll(columns);
            }
            String wanted = columns.contains(chosen) ? chosen : SweepFigures.defaultMetric(s.summary());
            metric.getSelectionModel().select(wanted);
        } finally {
            updatingChoice = false;
        }
        redraw();
    }

    private void redraw() {
        charts.getChildren().clear();
        charts.getColumnConstraints().clear();
        charts.getRowConstraints().clear();
        panes.clear();
        if (shown == null || metric.getValue() == null) {
            return;
        }
        List<NamedFigure> figures;
        try {
            figures = SweepFigures.build(shown.summary(), metric.getValue(), "", "");
        } catch (IllegalArgumentException e) {
            message.setText(e.getMessage());
            return;
        }
        int columns = figures.size() == 1 ? 1 : 2;
        for (int c = 0; c < columns; c++) {
            ColumnConstraints cc = new ColumnConstraints();
            cc.setPercentWidth(100.0 / columns);
            cc.setHgrow(Priority.ALWAYS);
            charts.getColumnConstraints().add(cc);
        }
        int rows = (figures.size() + columns - 1) / columns;
        for (int r = 0; r < rows; r++) {
            RowConstraints rc = new RowConstraints();
            rc.setMinHeight(280);
            rc.setVgrow(Priority.ALWAYS);
            charts.getRowConstraints().add(rc);
        }
        for (int i = 0; i < figures.size(); i++) {
            NamedFigure f = figures.get(i);
            if (f.figure() instanceof SweepLinesFigure lines) {
                showAllSweptValues(lines);
            }
            ChartPane pane = new ChartPane(f.figure(), f.key());
            panes.add(pane);
            charts.add(pane, i % columns, i / columns);
        }
    }

    /**
     * Sets a linear x axis to span every swept value, not only the finished ones, so that the axis does not jump as
     * runs finish and one sees where the sweep is going.
     */
    private static void showAllSweptValues(SweepLinesFigure figure) {
        if (figure.lines().isEmpty()
                || !(figure.chart().getPlot() instanceof XYPlot plot)
                || !(plot.getDomainAxis() instanceof NumberAxis axis)) {
            return;
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        boolean integers = true;
        for (String v : figure.lines().get(0).xValues()) {
            try {
                double x = Double.parseDouble(v);
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
                integers &= x == Math.rint(x);
            } catch (NumberFormatException e) {
                return;
            }
        }
        if (lo < hi) {
            double pad = 0.04 * (hi - lo);
            axis.setRange(lo - pad, hi + pad);
        }
        if (integers) {
            // Depths and widths: ticks at whole numbers only (no "2.1").
            axis.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        }
    }

    /** The figures shown, in order (lines figures first, then heat maps). */
    public List<ChartPane> panes() {
        return List.copyOf(panes);
    }

    /** The progress line. */
    public Label progressLabel() {
        return progress;
    }

    /** The column chooser. */
    public ChoiceBox<String> metricChoice() {
        return metric;
    }

    /** The folder shown. */
    public Path folder() {
        return dir;
    }

    /** Stops polling. */
    @Override
    public void close() {
        watch.close();
    }
}
