package org.parsimonylab.ui;

import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.Duration;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.entity.LegendItemEntity;
import org.jfree.chart.event.PlotChangeListener;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYZDataset;
import org.parsimonylab.chart.Axes;
import org.parsimonylab.chart.ChartStyle;
import org.parsimonylab.chart.Figure;
import org.parsimonylab.chart.LossFigure;
import org.parsimonylab.export.FigureBatch;
import org.parsimonylab.export.FigureFormat;

/**
 * One figure on screen: a {@link ChartViewer} (drag to zoom, context menu to export) under a header with a "?" link
 * (what the chart shows), the crosshair's readout (the point nearest the pointer: x, series, value), log/linear
 * toggles for y and, where x is the step, for x, smoothing for the loss charts, and reset-zoom. A click on a legend
 * entry hides or shows that series.
 */
public final class ChartPane extends BorderPane {
    private final Figure figure;
    private final ChartViewer viewer;
    private final CheckBox logY = new CheckBox("log y");
    private final CheckBox logX = new CheckBox("log x");
    private final Label readout = new Label();
    private final Map<Comparable<?>, Paint> shownPaints = new HashMap<>();
    private LossSmoother smoother;
    private final FigureExports exports;
    private final Supplier<String> key;
    private final boolean byStep;
    private final boolean timeable;
    private boolean wallTime;
    private Function<Comparable<?>, StepClock> clocks = k -> null;
    private final Map<XYDataset, WallTimeDataset> timeViews = new IdentityHashMap<>();
    private final PlotChangeListener rewrap = e -> wrapDatasets();

    /** The x axis label of charts over training time. */
    public static final String WALL_TIME_LABEL = "training time (s)";

    /** A pane showing {@code figure}; {@code id} names it for tests and styling; no export menu. */
    public ChartPane(Figure figure, String id) {
        this(figure, id, null, () -> id);
    }

    /**
     * A pane whose context menu exports the figure through {@code exports} ("Export figure…", "Copy data as CSV")
     * under the file-name key {@code key} gives at the time.
     */
    public ChartPane(Figure figure, String id, FigureExports exports, Supplier<String> key) {
        this.figure = figure;
        this.exports = exports;
        this.key = key;
        setId(id);
        viewer = new ChartViewer(figure.chart());
        viewer.setId(id + "-viewer");
        viewer.setMinSize(200, 150);
        Label info = new Label("?");
        info.setId(id + "-info");
        info.setStyle("-fx-text-fill: #0b5394; -fx-font-size: 12px; -fx-font-weight: bold; -fx-underline: true;");
        Tooltip tip = new Tooltip(figure.description());
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.setShowDelay(Duration.millis(250));
        tip.setShowDuration(Duration.seconds(30));
        info.setTooltip(tip);
        readout.setId(id + "-readout");
        readout.setStyle("-fx-font-size: 11px; -fx-text-fill: #222222; -fx-background-color: rgba(255,255,255,0.85);"
                + " -fx-padding: 1 4 1 4; -fx-border-color: #bbbbbb;");
        readout.setMouseTransparent(true);
        readout.visibleProperty().bind(readout.textProperty().isNotEmpty());
        StackPane.setAlignment(readout, Pos.TOP_RIGHT);
        StackPane.setMargin(readout, new Insets(4, 8, 0, 0));
        installCrosshair();
        if (figure.chart().getPlot() instanceof XYPlot xy) {
            // No chart entity per data point: the readout reads the datasets and the legend makes its own entities,
            // so the thousands of shapes (7 680 per waterfall redraw) every frame would only be garbage.
            dropItemEntities(xy);
            xy.addChangeListener(e -> dropItemEntities(xy));
        }
        logY.setId(id + "-log");
        logY.setSelected(figure.isLogY());
        logY.setVisible(figure.supportsLogY());
        logY.setManaged(figure.supportsLogY());
        logY.setTooltip(new Tooltip("Logarithmic or linear y axis"));
        logY.selectedProperty().addListener((obs, old, now) -> {
            figure.setLogY(now);
            figure.flush();
        });
        Button resetZoom = new Button("reset zoom");
        resetZoom.setId(id + "-resetZoom");
        resetZoom.setTooltip(new Tooltip("Drag on the chart to zoom; this restores the full view"));
        resetZoom.setStyle("-fx-font-size: 10px; -fx-padding: 1 6 1 6;");
        resetZoom.setFocusTraversable(false);
        logY.setFocusTraversable(false);
        resetZoom.setOnAction(e -> {
            figure.resetZoom();
            figure.flush();
        });
        byStep = figure.chart().getPlot() instanceof XYPlot plot
                && "step".equals(plot.getDomainAxis().getLabel());
        // A heat map's columns are steps with a width: it keeps its step axis (log x still works).
        timeable = byStep && !(figure.chart().getXYPlot().getDataset(0) instanceof XYZDataset);
        logX.setId(id + "-logx");
        logX.setVisible(byStep);
        logX.setManaged(byStep);
        logX.setFocusTraversable(false);
        logX.setTooltip(new Tooltip("Logarithmic or linear step axis (early steps spread out)"));
        logX.selectedProperty().addListener((obs, old, now) -> applyDomainAxis());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox header = new HBox(8, info, gap);
        if (figure instanceof LossFigure) {
            smoother = new LossSmoother(figure);
            Slider smooth = new Slider(0, 0.99, 0);
            smooth.setId(id + "-smoothing");
            smooth.setPrefWidth(70);
            smooth.setMinWidth(50);
            smooth.setFocusTraversable(false);
            smooth.setTooltip(new Tooltip("Exponential smoothing of noisy losses (0: raw); the raw line stays faint"));
            smooth.valueProperty().addListener((obs, old, now) -> setSmoothing(now.doubleValue()));
            Label sl = new Label("smooth");
            sl.setStyle("-fx-font-size: 10px;");
            header.getChildren().addAll(sl, smooth);
        }
        header.getChildren().addAll(logX, logY, resetZoom);
        for (Node n : header.getChildren()) {
            if (n instanceof Control c) {
                // The header's controls keep their size in a narrow window; the gap gives way.
                c.setMinWidth(Region.USE_PREF_SIZE);
            }
        }
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(2, 6, 0, 6));
        setTop(header);
        setCenter(new StackPane(viewer, readout));
        setStyle("-fx-background-color: white; -fx-border-color: #dddddd;");
        if (exports != null) {
            installExportMenu(id);
        }
    }

    /**
     * Replaces ChartViewer's own export items, whose SVG export fails with JFreeSVG 5 (ecosystem.md §6), by ours:
     * the chosen size, scale and theme, the preset embedded, written atomically off the FX thread.
     */
    private void installExportMenu(String id) {
        MenuItem export = new MenuItem("Export figure…");
        export.setId(id + "-export");
        export.setOnAction(e -> exportFigure());
        MenuItem copy = new MenuItem("Copy data as CSV");
        copy.setId(id + "-copyCsv");
        copy.setOnAction(e -> copyCsv());
        viewer.getContextMenu().getItems().setAll(export, copy);
    }

    private void installCrosshair() {
        if (!(figure.chart().getPlot() instanceof XYPlot plot)) {
            return;
        }
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                if (event.getEntity() instanceof LegendItemEntity legend) {
                    toggleSeries(legend.getSeriesKey());
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                ChartRenderingInfo info = viewer.getCanvas().getRenderingInfo();
                if (info == null) {
                    return;
                }
                Rectangle2D area = info.getPlotInfo().getDataArea();
                double x = event.getTrigger().getX();
                double y = event.getTrigger().getY();
                if (!area.contains(x, y)) {
                    showReading(null);
                    return;
                }
                showReading(ChartReadout.nearest(plot, area, x, y));
            }
        });
        viewer.setOnMouseExited(e -> showReading(null));
    }

    private static void dropItemEntities(XYPlot plot) {
        for (int i = 0; i < plot.getRendererCount(); i++) {
            if (plot.getRenderer(i) instanceof AbstractRenderer r && r.getDefaultCreateEntities()) {
                r.setDefaultCreateEntities(false, false);
            }
        }
    }

    /** Puts {@code r} in the readout and the crosshair on its point (null clears both). */
    public void showReading(ChartReadout r) {
        XYPlot plot = figure.chart().getXYPlot();
        readout.setText(r == null ? "" : r.text());
        plot.setDomainCrosshairVisible(r != null);
        plot.setRangeCrosshairVisible(r != null);
        if (r != null) {
            plot.setDomainCrosshairValue(r.x(), false);
            plot.setRangeCrosshairValue(r.y(), false);
        }
        if (!figure.isDirty()) {
            // Held figures redraw at their next flush; a clean one redraws now for the crosshair.
            figure.chart().fireChartChanged();
        }
    }

    /**
     * Hides the series named {@code key} (in every dataset of the chart) if shown, shows it again if hidden: its line
     * and legend line turn transparent, the legend entry stays to click again; the readout skips it.
     */
    public void toggleSeries(Comparable<?> key) {
        XYPlot plot = figure.chart().getXYPlot();
        boolean hide = !isHidden(key);
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            XYItemRenderer r = ds == null ? null : plot.getRendererForDataset(ds);
            int s = ds == null ? -1 : ds.indexOf(key);
            if (r == null || s < 0) {
                continue;
            }
            if (hide) {
                Paint p = r.getSeriesPaint(s);
                shownPaints.put(key, p != null ? p : ((AbstractRenderer) r).lookupSeriesPaint(s));
                r.setSeriesPaint(s, new Color(0, 0, 0, ChartReadout.HIDDEN_ALPHA), false);
                ((AbstractRenderer) r).setLegendTextPaint(s, Color.LIGHT_GRAY);
            } else if (d == 0
                    || WallTimeDataset.unwrap(plot.getDataset(d)) != (smoother == null ? null : smoother.smoothed())) {
                r.setSeriesPaint(s, shownPaints.getOrDefault(key, ChartStyle.color(s)), false);
                ((AbstractRenderer) r).setLegendTextPaint(s, null);
            }
        }
        if (smoother != null) {
            smoother.setWeight(smoother.weight());
        }
        figure.chart().fireChartChanged();
    }

    /** Whether the series named {@code key} is hidden (a legend click). */
    public boolean isHidden(Comparable<?> key) {
        XYPlot plot = figure.chart().getXYPlot();
        XYDataset ds = plot.getDataset(0);
        int s = ds == null ? -1 : ds.indexOf(key);
        return s >= 0 && ChartReadout.isHidden(plot.getRendererForDataset(ds).getSeriesPaint(s));
    }

    /** Sets the smoothing weight of a loss chart (0: raw lines only). */
    public void setSmoothing(double w) {
        if (smoother != null) {
            smoother.setWeight(w);
            figure.chart().fireChartChanged();
        }
    }

    /** The smoother of a loss chart, or null. */
    public LossSmoother smoother() {
        return smoother;
    }

    /** Switches the step (or time) axis between logarithmic (from step 1, or 1 ms) and linear. */
    public void setLogX(boolean log) {
        if (logX.isSelected() != log) {
            logX.setSelected(log);
        } else {
            applyDomainAxis();
        }
    }

    private void applyDomainAxis() {
        if (!byStep) {
            return;
        }
        XYPlot plot = figure.chart().getXYPlot();
        String label = wallTime ? WALL_TIME_LABEL : "step";
        ValueAxis axis;
        if (logX.isSelected()) {
            axis = ChartStyle.valueAxis(label, true);
            if (axis instanceof LogAxis la) {
                la.setSmallestValue(wallTime ? 1e-3 : 1);
            }
        } else {
            axis = Axes.axis(label, !wallTime);
        }
        plot.setDomainAxis(axis);
    }

    /** Whether the chart's x axis is the step of a line chart (so it can be training time). */
    public boolean isOverSteps() {
        return timeable;
    }

    /**
     * Draws the chart against training time ({@code on}) or against step: every dataset of the plot (also ones added
     * later: smoothed lines, ghosts) is shown through a {@link WallTimeDataset} of the clock {@code clocks} gives for
     * each series. Heat maps (the waterfall) keep their step columns.
     */
    public void setWallTime(boolean on, Function<Comparable<?>, StepClock> clocks) {
        if (!timeable || on == wallTime) {
            return;
        }
        this.clocks = clocks;
        wallTime = on;
        XYPlot plot = figure.chart().getXYPlot();
        if (on) {
            wrapDatasets();
            plot.addChangeListener(rewrap);
        } else {
            plot.removeChangeListener(rewrap);
            for (int d = 0; d < plot.getDatasetCount(); d++) {
                if (plot.getDataset(d) instanceof WallTimeDataset w) {
                    plot.setDataset(d, w.source());
                }
            }
            timeViews.values().forEach(WallTimeDataset::detach);
            timeViews.clear();
        }
        applyDomainAxis();
    }

    /** Whether the x axis is training time. */
    public boolean isWallTime() {
        return wallTime;
    }

    private void wrapDatasets() {
        XYPlot plot = figure.chart().getXYPlot();
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset ds = plot.getDataset(d);
            if (ds == null || ds instanceof WallTimeDataset || ds instanceof XYZDataset) {
                continue;
            }
            plot.setDataset(d, timeViews.computeIfAbsent(ds, s -> new WallTimeDataset(s, k -> clocks.apply(k))));
        }
    }

    /**
     * Adds an "all layers" button to the header, which runs {@code show} (ChartsView shows this chart kind for every
     * layer as small multiples).
     */
    public Button enableAllLayers(Runnable show) {
        Button all = new Button("all layers");
        all.setId(getId() + "-allLayers");
        all.setStyle("-fx-font-size: 10px; -fx-padding: 1 6 1 6;");
        all.setFocusTraversable(false);
        all.setMinWidth(Region.USE_PREF_SIZE);
        all.setTooltip(new Tooltip("Show this chart for every layer W_1 … W_L side by side"));
        all.setOnAction(e -> show.run());
        HBox header = (HBox) getTop();
        header.getChildren().add(2, all);
        return all;
    }

    /** Adds "Export animation…" (the chart over the run, as GIF or MP4) to the context menu. */
    public void enableAnimationExport(AnimationExport animation) {
        if (exports == null) {
            return;
        }
        MenuItem item = new MenuItem("Export animation…");
        item.setId(getId() + "-exportAnimation");
        item.setOnAction(e -> exportAnimation(animation));
        viewer.getContextMenu().getItems().add(1, item);
    }

    private void exportAnimation(AnimationExport animation) {
        Window owner = getScene() == null ? null : getScene().getWindow();
        AnimationDialog.ask(owner, key.get(), animation.lastStep()).ifPresent(choice -> {
            String ext = choice.format().extension();
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Export animation as " + ext.toUpperCase(java.util.Locale.ROOT));
            chooser.setInitialFileName(
                    FigureBatch.safePrefix(exports.prefixProperty().get()) + "-" + key.get() + "." + ext);
            chooser.getExtensionFilters()
                    .add(new FileChooser.ExtensionFilter(ext.toUpperCase(java.util.Locale.ROOT), "*." + ext));
            java.io.File file = chooser.showSaveDialog(owner);
            if (file == null) {
                return;
            }
            animation
                    .export(key.get(), choice, file.toPath())
                    .whenComplete((frames, error) -> Platform.runLater(() -> {
                        if (error != null) {
                            Dialogs.error(owner, "Cannot export the animation", FigureExports.message(error));
                        }
                    }));
        });
    }

    /** The export key of the chart now ({@code loss}, {@code spectrum-W2}, …). */
    public String key() {
        return key.get();
    }

    /** The readout's text (empty when the pointer is off the data). */
    public String readoutText() {
        return readout.getText();
    }

    /** Puts the chart's data, as CSV, on the clipboard. */
    public void copyCsv() {
        ClipboardContent content = new ClipboardContent();
        content.putString(exports.csv(figure));
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void exportFigure() {
        Window owner = getScene() == null ? null : getScene().getWindow();
        new ExportDialog(
                        owner, "Export figure", false, exports.optionsProperty().get())
                .ask()
                .ifPresent(choice -> {
                    FigureFormat format = choice.formats().iterator().next();
                    FileChooser chooser = new FileChooser();
                    chooser.setTitle("Export figure as " + format.extension().toUpperCase(java.util.Locale.ROOT));
                    chooser.setInitialFileName(exports.fileName(key.get(), format));
                    chooser.getExtensionFilters()
                            .add(new FileChooser.ExtensionFilter(
                                    format.extension().toUpperCase(java.util.Locale.ROOT), "*." + format.extension()));
                    java.io.File file = chooser.showSaveDialog(owner);
                    if (file == null) {
                        return;
                    }
                    exports.export(figure, format, choice.options(), file.toPath())
                            .whenComplete((path, error) -> Platform.runLater(() -> {
                                if (error != null) {
                                    Dialogs.error(owner, "Cannot export the figure", FigureExports.message(error));
                                }
                            }));
                });
    }

    /** The figure. */
    public Figure figure() {
        return figure;
    }

    /** The viewer. */
    public ChartViewer viewer() {
        return viewer;
    }
}
