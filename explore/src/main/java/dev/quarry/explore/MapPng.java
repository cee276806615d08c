package dev.quarry.explore;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** A map drawn as a PNG scatter plot (XChart): one colour per label, a legend, labelled axes. */
public final class MapPng {
  /** Labels with a legend entry of their own; the rest are drawn as {@link CollectionMap#OTHER}. */
  public static final int MAX_LABELS = 50;

  private MapPng() {}

  public static void write(MapLayout map, String title, Path file) {
    System.setProperty("java.awt.headless", "true");
    XYChart chart =
        new XYChartBuilder()
            .width(1400)
            .height(1000)
            .title(title)
            .xAxisTitle(map.axis(1))
            .yAxisTitle(map.axis(2))
            .build();
    XYStyler styler = chart.getStyler();
    styler.setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    styler.setMarkerSize(map.points().size() > 20_000 ? 2 : 5);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotGridLinesVisible(false);
    Map<String, List<MapPoint>> groups = map.groups(MAX_LABELS);
    List<Color> colours = Palette.colours(groups.size());
    int c = 0;
    for (Map.Entry<String, List<MapPoint>> g : groups.entrySet()) {
      List<MapPoint> points = g.getValue();
      double[] x = new double[points.size()];
      double[] y = new double[points.size()];
      for (int i = 0; i < points.size(); i++) {
        x[i] = points.get(i).x();
        y[i] = points.get(i).y();
      }
      XYSeries s = chart.addSeries(legendName(g.getKey(), points.size()), x, y);
      s.setMarker(SeriesMarkers.CIRCLE);
      s.setMarkerColor(colours.get(c++));
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static String legendName(String label, int count) {
    String shown = label.length() > 30 ? label.substring(0, 29) + "…" : label;
    return shown + " (" + count + ")";
  }
}
