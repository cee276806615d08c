package dev.quarry.server;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.explore.CollectionMap;
import dev.quarry.explore.MapHtml;
import dev.quarry.explore.MapLayout;
import dev.quarry.explore.MapMethod;
import dev.quarry.explore.MapOptions;
import dev.quarry.explore.MapProgress;
import dev.quarry.explore.Points;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Locale;

/**
 * {@code GET /collections/{name}/map}: a collection's map as JSON points for the web page (the same
 * JSON that {@code quarry map --out map.html} inlines). A sample by default, so an answer comes in
 * seconds: PCA of 2,000 documents unless asked otherwise.
 */
final class MapApi {
  static final int DEFAULT_SAMPLE = 2_000;
  static final int MAX_SAMPLE = 20_000;

  private final Collections collections;

  MapApi(Collections collections) {
    this.collections = collections;
  }

  void register(RoutesConfig routes) {
    routes.get("/collections/{name}/map", this::map);
    // Outside /collections, like the page itself: no API key needed for the page's own script.
    routes.get("/vendor/echarts/echarts.min.js", MapApi::echarts);
  }

  private static void echarts(Context ctx) {
    java.io.InputStream script = MapApi.class.getClassLoader().getResourceAsStream(MapHtml.ECHARTS);
    if (script == null) {
      throw new IllegalStateException("the ECharts webjar is missing from the classpath");
    }
    ctx.contentType("text/javascript").header("Cache-Control", "max-age=86400").result(script);
  }

  private void map(Context ctx) {
    String name = ctx.pathParam("name");
    Quarry q = collections.get(name);
    MapMethod method = MapMethod.parse(param(ctx, "method", "pca"));
    int sample = number(ctx, "sample", DEFAULT_SAMPLE);
    if (sample < 1 || sample > MAX_SAMPLE) {
      throw QuarryException.invalid(
          "sample must be between 1 and " + MAX_SAMPLE + ", got " + sample);
    }
    MapOptions options =
        new MapOptions(
            method,
            ctx.queryParam("color_by"),
            sample,
            number(ctx, "seed", 42),
            MapOptions.DEFAULT_NEIGHBOURS,
            number(ctx, "clusters", MapOptions.DEFAULT_CLUSTERS));
    Points points = Points.of(q.collection(), "map");
    MapLayout map = CollectionMap.build(q.collection(), points, options, 1, MapProgress.none());
    String title =
        String.format(
            Locale.ROOT, "%s: %s of %,d documents", name, method.name(), map.points().size());
    Responses.json(ctx, 200, MapHtml.json(map, title));
  }

  private static String param(Context ctx, String name, String fallback) {
    String v = ctx.queryParam(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  private static int number(Context ctx, String name, int fallback) {
    String v = param(ctx, name, null);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.trim());
    } catch (NumberFormatException e) {
      throw QuarryException.invalid(name + " must be a whole number, got '" + v + "'");
    }
  }
}
