package dev.quarry.bench.ann;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG charts of the ANN report, drawn headless with JFreeChart. */
final class AnnCharts {
  private static final int WIDTH = 1000;
  private static final int HEIGHT = 650;
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 20);
  private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 16);
  private static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  // A colour-blind-safe palette (Okabe-Ito), one fixed colour per engine across charts.
  private static final Map<String, Color> COLORS =
      Map.of(
          "Lucene", new Color(0x00, 0x00, 0x00),
          "Quarry float32", new Color(0x00, 0x72, 0xB2),
          "Quarry int8", new Color(0x56, 0xB4, 0xE9),
          "Quarry int4", new Color(0x00, 0x9E, 0x73),
          "Quarry binary", new Color(0xCC, 0x79, 0xA7),
          "JVector", new Color(0xE6, 0x9F, 0x00),
          "hnswlib", new Color(0xD5, 0x5E, 0x00));

  private static Color color(String engine) {
    return COLORS.getOrDefault(engine, Color.GRAY);
  }

  private AnnCharts() {}

  static {
    System.setProperty("java.awt.headless", "true");
  }

  /**
   * Recall@k (x) against queries/s (y, log scale), one line per engine, as ann-benchmarks draws.
   */
  static void recallQps(AnnResults.Dataset d, int k, Path file) throws IOException {
    XYSeriesCollection series = new XYSeriesCollection();
    double minRecall = 1;
    for (AnnResults.Engine e : d.engines()) {
      XYSeries s = new XYSeries(e.name(), false, true);
      for (AnnResults.Point p : e.points()) {
        s.add(p.recall(), p.medianQps());
        minRecall = Math.min(minRecall, p.recall());
      }
      series.addSeries(s);
    }
    NumberAxis x = new NumberAxis("recall@" + k + " (against exact search)");
    x.setRange(Math.max(0, Math.floor(minRecall * 20) / 20 - 0.01), 1.005);
    x.setTickUnit(new NumberTickUnit(minRecall < 0.5 ? 0.1 : 0.05));
    // Base-2 log axis, a tick per doubling, labelled with plain numbers (256, 512, 1,024...).
    LogAxis y = new LogAxis("queries/s, one thread (log scale)");
    y.setBase(2);
    y.setSmallestValue(1);
    y.setTickUnit(new NumberTickUnit(1));
    y.setNumberFormatOverride(new DecimalFormat("#,##0"));
    XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
    for (int i = 0; i < d.engines().size(); i++) {
      renderer.setSeriesPaint(i, color(d.engines().get(i).name()));
      renderer.setSeriesStroke(i, new BasicStroke(2.5f));
    }
    XYPlot plot = new XYPlot(series, x, y, renderer);
    style(plot.getDomainAxis(), plot.getRangeAxis());
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    JFreeChart chart =
        new JFreeChart(
            AnnReport.title(d) + ": recall vs speed (up and right is better)", TITLE, plot, true);
    legend(chart);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  /** Build CPU seconds per engine, grouped by dataset. */
  static void buildTime(List<AnnResults.Dataset> datasets, Path file) throws IOException {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (AnnResults.Dataset d : datasets) {
      for (AnnResults.Engine e : d.engines()) {
        data.addValue(e.buildCpuSeconds(), e.name(), AnnReport.title(d));
      }
    }
    NumberAxis y = new NumberAxis("build CPU seconds, whole process (lower is better)");
    org.jfree.chart.axis.CategoryAxis x = new org.jfree.chart.axis.CategoryAxis("dataset");
    BarRenderer renderer = new BarRenderer();
    renderer.setBarPainter(new StandardBarPainter());
    renderer.setShadowVisible(false);
    renderer.setItemMargin(0.05);
    for (int i = 0; i < data.getRowCount(); i++) {
      renderer.setSeriesPaint(i, color((String) data.getRowKey(i)));
    }
    CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
    plot.setOrientation(PlotOrientation.VERTICAL);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
    style(x, y);
    JFreeChart chart = new JFreeChart("Index build time", TITLE, plot, true);
    legend(chart);
    ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
  }

  private static void style(org.jfree.chart.axis.Axis... axes) {
    for (org.jfree.chart.axis.Axis a : axes) {
      a.setLabelFont(LABEL);
      a.setTickLabelFont(TICK);
    }
  }

  private static void legend(JFreeChart chart) {
    LegendTitle legend = chart.getLegend();
    legend.setItemFont(LABEL);
    legend.setPosition(RectangleEdge.BOTTOM);
    chart.setBackgroundPaint(Color.WHITE);
  }
}
