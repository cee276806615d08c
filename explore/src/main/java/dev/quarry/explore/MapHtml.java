package dev.quarry.explore;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A map as one self-contained HTML page: Apache ECharts (from its webjar) inlined, the points as
 * JSON, hover shows a point's title and id, the legend shows and hides labels. No network needed.
 */
public final class MapHtml {
  /** The ECharts script in its webjar, on the classpath; the server serves the same file. */
  public static final String ECHARTS =
      "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

  private static final String TEMPLATE = "dev/quarry/explore/map.html";

  private MapHtml() {}

  public static void write(MapLayout map, String title, Path file) {
    String page =
        resource(TEMPLATE)
            .replace("__TITLE__", escapeHtml(title))
            .replace("/*__DATA__*/", new Gson().toJson(json(map, title)))
            .replace("/*__ECHARTS__*/", resource(ECHARTS));
    try {
      Files.writeString(file, page, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /**
   * The map as JSON: {@code {title, x, y, series: [{name, color, points: [[x, y, i]...]}], ids,
   * titles}}, where i indexes {@code ids} and {@code titles}. Gson escapes {@code <} and {@code >},
   * so a title cannot close the page's script element.
   */
  public static JsonObject json(MapLayout map, String title) {
    JsonObject root = new JsonObject();
    root.addProperty("title", title);
    root.addProperty("x", map.axis(1));
    root.addProperty("y", map.axis(2));
    JsonArray ids = new JsonArray();
    JsonArray titles = new JsonArray();
    JsonArray series = new JsonArray();
    Map<String, List<MapPoint>> groups = map.groups(MapPng.MAX_LABELS);
    List<Color> colours = Palette.colours(groups.size());
    int c = 0;
    for (Map.Entry<String, List<MapPoint>> g : groups.entrySet()) {
      JsonArray points = new JsonArray();
      for (MapPoint p : g.getValue()) {
        JsonArray xyi = new JsonArray();
        xyi.add(p.x());
        xyi.add(p.y());
        xyi.add(ids.size());
        points.add(xyi);
        ids.add(p.id());
        titles.add(p.title());
      }
      JsonObject s = new JsonObject();
      s.addProperty("name", g.getKey());
      s.addProperty("color", Palette.hex(colours.get(c++)));
      s.add("points", points);
      series.add(s);
    }
    root.add("series", series);
    root.add("ids", ids);
    root.add("titles", titles);
    return root;
  }

  private static String resource(String name) {
    try (InputStream in = MapHtml.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name + " on the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escapeHtml(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
