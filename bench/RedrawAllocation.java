import java.awt.*;
import java.awt.image.BufferedImage;
import java.util.*;
import org.jfree.chart.*;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.AbstractRenderer;
import org.parsimonylab.chart.*;
import org.parsimonylab.metrics.*;

/**
 * Allocation and time of one redraw of the σ_i and waterfall charts (300 steps, d = 30, 450×280 px) with and without a
 * chart entity per data point. Run: mvn -q -o compile; CP=target/classes:~/.m2/repository/org/jfree/jfreechart/1.5.6/jfreechart-1.5.6.jar;
 * javac -d /tmp -cp $CP bench/RedrawAllocation.java && java -Djava.awt.headless=true -cp $CP:/tmp RedrawAllocation
 */
public class RedrawAllocation {
    public static void main(String[] a) {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        for (String kind : new String[]{"waterfall","sv","waterfall","sv"}) {
            for (boolean entities : new boolean[]{true, false}) {
                Figure f = kind.equals("waterfall") ? new WaterfallFigure() : new SingularValuesFigure();
                for (int t = 0; t < 300; t++) {
                    java.util.List<MetricSeries> s = new ArrayList<>();
                    double[] sv = new double[30];
                    for (int i = 0; i < 30; i++) sv[i] = 1 + 0.01 * t * (i < 3 ? 1 : i > 26 ? -0.5 : 0.001*i);
                    s.add(MetricSeries.indexed("sv", 1, sv));
                    StepSnapshot snap = new StepSnapshot(t, t*0.1, s);
                    if (f instanceof WaterfallFigure w) w.add(snap); else ((SingularValuesFigure) f).add(snap);
                }
                f.flush();
                XYPlot p = f.chart().getXYPlot();
                for (int i = 0; i < p.getRendererCount(); i++) if (p.getRenderer(i) instanceof AbstractRenderer r) r.setDefaultCreateEntities(entities, false);
                BufferedImage img = new BufferedImage(450, 280, BufferedImage.TYPE_INT_ARGB);
                Graphics2D g = img.createGraphics();
                for (int k = 0; k < 20; k++) f.chart().draw(g, new Rectangle(0,0,450,280), new ChartRenderingInfo());
                long b0 = mx.getCurrentThreadAllocatedBytes(); long t0 = System.nanoTime();
                int n = 100;
                ChartRenderingInfo info = null;
                for (int k = 0; k < n; k++) { info = new ChartRenderingInfo(); f.chart().draw(g, new Rectangle(0,0,450,280), info); }
                long b1 = mx.getCurrentThreadAllocatedBytes(); long t1 = System.nanoTime();
                System.out.printf("%-9s entities=%-5s %7.1f kB/redraw %6.2f ms/redraw (%d entities)%n", kind, entities, (b1-b0)/1e3/n, (t1-t0)/1e6/n, info.getEntityCollection().getEntityCount());
            }
        }
    }
}
