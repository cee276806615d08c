package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The web page's map: GET /collections/{name}/map and the ECharts script it loads. */
class MapApiTest {
  @TempDir static Path root;
  static LiveServer live;

  @BeforeAll
  static void start() {
    live = LiveServer.start(root, ServerOptions.local(0));
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  @Test
  void mapsTheCollectionColouredByAField() {
    for (String method : List.of("pca", "umap")) {
      LiveServer.Response r =
          live.get("/collections/notes/map?method=" + method + "&color_by=category");
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      JsonObject map = JsonParser.parseString(r.body()).getAsJsonObject();
      List<String> series = new ArrayList<>();
      map.getAsJsonArray("series")
          .forEach(s -> series.add(s.getAsJsonObject().get("name").getAsString()));
      assertThat(series).containsExactly("tech", "food");
      assertThat(map.getAsJsonArray("ids")).hasSize(3);
      assertThat(map.get("titles").toString()).contains("Vector indexes");
    }
  }

  @Test
  void badParametersAreOneClearMessage() {
    assertError(live.get("/collections/notes/map?method=tsne"), "unknown map method 'tsne'");
    assertError(
        live.get("/collections/notes/map?sample=many"),
        "sample must be a whole number, got 'many'");
    assertError(
        live.get("/collections/notes/map?sample=0"), "sample must be between 1 and 20000, got 0");
    assertError(live.get("/collections/notes/map?color_by=colour"), "unknown field 'colour'");
  }

  @Test
  void servesTheChartLibraryForThePage() {
    LiveServer.Response r = live.get("/vendor/echarts/echarts.min.js");
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).contains("echarts");
    assertThat(live.get("/").body()).contains("/map.js").contains("id=\"map-chart\"");
  }

  private static void assertError(LiveServer.Response r, String message) {
    assertThat(r.status()).as(r.body()).isEqualTo(400);
    assertThat(
            JsonParser.parseString(r.body())
                .getAsJsonObject()
                .getAsJsonObject("error")
                .get("message")
                .getAsString())
        .contains(message);
  }
}
