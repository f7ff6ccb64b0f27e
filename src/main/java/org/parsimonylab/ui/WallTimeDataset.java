package org.parsimonylab.ui;

import java.util.function.Function;
import org.jfree.chart.util.PublicCloneable;
import org.jfree.data.DomainOrder;
import org.jfree.data.general.DatasetChangeEvent;
import org.jfree.data.general.DatasetChangeListener;
import org.jfree.data.xy.AbstractXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A view of a dataset over steps with x mapped to training time: x_i = clock(series).seconds(step_i), y unchanged.
 * The source keeps being fed in steps by its figure; its change events pass through, so one flush is still one redraw.
 */
public final class WallTimeDataset extends AbstractXYDataset implements DatasetChangeListener, PublicCloneable {
    private final XYDataset source;
    private final Function<Comparable<?>, StepClock> clocks;

    /** {@code source} with x read through the clock {@code clocks} gives for each series key. */
    public WallTimeDataset(XYDataset source, Function<Comparable<?>, StepClock> clocks) {
        this.source = source;
        this.clocks = clocks;
        source.addChangeListener(this);
    }

    /** The dataset over steps. */
    public XYDataset source() {
        return source;
    }

    /** {@code d} itself, or the source of a wall-time view. */
    public static XYDataset unwrap(XYDataset d) {
        return d instanceof WallTimeDataset w ? w.source : d;
    }

    /** Stops following the source (the view is dropped). */
    public void detach() {
        source.removeChangeListener(this);
    }

    @Override
    public void datasetChanged(DatasetChangeEvent event) {
        fireDatasetChanged();
    }

    /**
     * A detached copy over time (exports and "Copy data as CSV" of a chart shown against training time): the points as
     * drawn now, x in seconds.
     */
    @Override
    public Object clone() {
        XYSeriesCollection copy = new XYSeriesCollection();
        for (int s = 0; s < getSeriesCount(); s++) {
            XYSeries series = new XYSeries(getSeriesKey(s), false, true);
            for (int i = 0; i < getItemCount(s); i++) {
                series.add(getXValue(s, i), getYValue(s, i), false);
            }
            copy.addSeries(series);
        }
        return copy;
    }

    @Override
    public int getSeriesCount() {
        return source.getSeriesCount();
    }

    @Override
    public Comparable<?> getSeriesKey(int series) {
        return source.getSeriesKey(series);
    }

    @Override
    public DomainOrder getDomainOrder() {
        return DomainOrder.NONE;
    }

    @Override
    public int getItemCount(int series) {
        return source.getItemCount(series);
    }

    @Override
    public Number getX(int series, int item) {
        return getXValue(series, item);
    }

    @Override
    public double getXValue(int series, int item) {
        StepClock c = clocks.apply(source.getSeriesKey(series));
        double step = source.getXValue(series, item);
        return c == null ? Double.NaN : c.seconds(step);
    }

    @Override
    public Number getY(int series, int item) {
        return source.getY(series, item);
    }

    @Override
    public double getYValue(int series, int item) {
        return source.getYValue(series, item);
    }
}
