package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collection API end to end over HTTP. */
class CollectionApiTest {
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

  static JsonObject json(LiveServer.Response r) {
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private static List<String> ids(JsonObject result) {
    List<String> ids = new ArrayList<>();
    result
        .getAsJsonArray("hits")
        .forEach(h -> ids.add(h.getAsJsonObject().get("id").getAsString()));
    return ids;
  }

  @Test
  void searchAnswersWhatQuarrySearchJsonPrintsAndMatchesItsSchema() throws Exception {
    LiveServer.Response r =
        live.post(
            "/collections/notes/search",
            "{\"query\":\"how are vector indexes built\",\"k\":2,\"filter\":\"category = \\\"tech\\\"\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    ObjectMapper mapper = new ObjectMapper();
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(
                mapper.readTree(Files.readString(Repo.file("docs/search-result.schema.json"))));
    JsonNode body = mapper.readTree(r.body());
    assertThat(schema.validate(body)).as(r.body()).isEmpty();
    assertThat(ids(json(r))).containsExactly("hnsw", "rocks");
    // The same object as the in-process search gives, less the timing.
    var request =
        dev.quarry.query.SearchRequest.builder("how are vector indexes built")
            .k(2)
            .filter(dev.quarry.query.filter.FilterParser.parse("category = \"tech\""))
            .explain(true)
            .build();
    JsonObject direct =
        dev.quarry.engine.cli.Json.searchResult(request, live.notes().search(request));
    JsonObject served = json(r);
    assertThat(ids(served)).isEqualTo(ids(direct));
    assertThat(served.getAsJsonArray("hits").get(0).getAsJsonObject().get("score"))
        .isEqualTo(direct.getAsJsonArray("hits").get(0).getAsJsonObject().get("score"));
  }

  @Test
  void upsertOneBatchAndNdjsonThenGetAndDelete() {
    LiveServer.Response one =
        live.post(
            "/collections/notes/documents",
            "{\"id\":\"u1\",\"text\":\"Tea is brewed with hot water.\",\"category\":\"food\"}");
    assertThat(one.status()).as(one.body()).isEqualTo(200);
    assertThat(json(one).get("written").getAsLong()).isEqualTo(1);

    LiveServer.Response batch =
        live.post(
            "/collections/notes/documents",
            "{\"documents\":[{\"id\":\"u2\",\"title\":\"Coffee\",\"text\":\"Espresso is pressed through fine grounds.\"},"
                + "{\"id\":\"u3\",\"text\":\"Green tea is steeped cooler than black tea.\",\"date\":\"2023-01-02\"}]}");
    assertThat(batch.status()).as(batch.body()).isEqualTo(200);
    assertThat(json(batch).get("written").getAsLong()).isEqualTo(2);

    String ndjson =
        "{\"id\":\"u4\",\"text\":\"Rice cooks in twice its volume of water.\"}\n"
            + "not json\n"
            + "{\"id\":\"u5\",\"text\":\"Pasta wants salted, boiling water.\"}\n";
    LiveServer.Response bulk =
        live.send(
            "POST",
            "/collections/notes/documents/bulk",
            ndjson,
            "Content-Type",
            "application/x-ndjson");
    assertThat(bulk.status()).as(bulk.body()).isEqualTo(200);
    assertThat(json(bulk).get("written").getAsLong()).isEqualTo(2);
    JsonArray rejected = json(bulk).getAsJsonArray("rejected");
    assertThat(rejected).hasSize(1);
    assertThat(rejected.get(0).getAsString()).contains("body:2").contains("malformed JSON");

    LiveServer.Response got = live.get("/collections/notes/documents/u2");
    assertThat(got.status()).isEqualTo(200);
    assertThat(json(got).get("title").getAsString()).isEqualTo("Coffee");
    assertThat(live.get("/collections/notes/documents/u3").body()).contains("2023-01-02T00:00:00Z");

    LiveServer.Response byIds =
        live.post("/collections/notes/delete", "{\"ids\":[\"u1\",\"u2\",\"missing\"]}");
    assertThat(json(byIds).get("deleted").getAsInt()).isEqualTo(2);
    assertThat(live.get("/collections/notes/documents/u1").status()).isEqualTo(404);
    LiveServer.Response one404 =
        live.send("DELETE", "/collections/notes/documents/u4", (String) null);
    assertThat(json(one404).get("deleted").getAsInt()).isEqualTo(1);

    live.post(
        "/collections/notes/documents",
        "{\"id\":\"old\",\"text\":\"An old note on tea.\",\"date\":\"2001-01-01\"}");
    LiveServer.Response byFilter =
        live.post("/collections/notes/delete", "{\"filter\":\"date < 2020-01-01\"}");
    assertThat(json(byFilter).get("deleted").getAsInt()).isEqualTo(1);
    assertThat(live.get("/collections/notes/documents/old").status()).isEqualTo(404);

    live.post("/collections/notes/delete", "{\"ids\":[\"u3\",\"u5\"]}");
    assertThat(json(live.get("/collections/notes/verify")).get("ok").getAsBoolean()).isTrue();
  }

  @Test
  void aBadDocumentInABatchWritesNothing() {
    LiveServer.Response r =
        live.post(
            "/collections/notes/documents",
            "{\"documents\":[{\"id\":\"ok1\",\"text\":\"fine\"},{\"id\":\"bad\"},7]}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.body())
        .contains("documents[1]")
        .contains("documents[2]")
        .contains("nothing written");
    assertThat(live.get("/collections/notes/documents/ok1").status()).isEqualTo(404);
  }

  @Test
  void listStatsHealthAndOpenApi() {
    JsonObject list = json(live.get("/collections"));
    JsonObject notes = list.getAsJsonArray("collections").get(0).getAsJsonObject();
    assertThat(notes.get("name").getAsString()).isEqualTo("notes");
    assertThat(notes.get("model").getAsString()).isEqualTo(LiveServer.MODEL);
    assertThat(notes.get("documents").getAsLong()).isGreaterThanOrEqualTo(3);
    assertThat(
            json(live.get("/collections/notes"))
                .getAsJsonObject("fields")
                .get("category")
                .getAsString())
        .isEqualTo("keyword");
    assertThat(json(live.get("/health")).get("status").getAsString()).isEqualTo("ok");
    JsonObject openapi = json(live.get("/openapi.json"));
    assertThat(openapi.get("openapi").getAsString()).startsWith("3.");
    assertThat(openapi.getAsJsonObject("paths").keySet())
        .contains("/collections/{name}/search", "/v1/embeddings", "/health");
    assertThat(live.get("/").body()).contains("<html");
  }

  @Test
  void everyPathOfTheOpenApiDocumentIsServed() {
    JsonObject paths = json(live.get("/openapi.json")).getAsJsonObject("paths");
    for (String template : paths.keySet()) {
      String path =
          template
              .replace("{name}", "notes")
              .replace("{id}", "no-such-doc")
              .replace("{model}", LiveServer.MODEL);
      for (String method : paths.getAsJsonObject(template).keySet()) {
        String verb = method.toUpperCase(java.util.Locale.ROOT);
        LiveServer.Response r =
            live.send(
                verb, path, verb.equals("GET") ? null : "{}", "Content-Type", "application/json");
        assertThat(r.status()).as(verb + " " + path + ": " + r.body()).isNotEqualTo(405);
        assertThat(r.body()).as(verb + " " + path).doesNotContain("no_such_endpoint");
      }
    }
  }

  @Test
  void errorsHaveOneShapeWithThePosition() {
    LiveServer.Response bad =
        live.post("/collections/notes/search", "{\"query\": \"x\",\n \"k\": }");
    assertThat(bad.status()).isEqualTo(400);
    JsonObject error = json(bad).getAsJsonObject("error");
    assertThat(error.get("code").getAsString()).isEqualTo("bad_json");
    assertThat(error.get("message").getAsString()).contains("line 2, column");
    assertThat(error.keySet()).containsExactlyInAnyOrder("message", "type", "param", "code");

    assertThat(live.post("/collections/nope/search", "{\"query\":\"x\"}").status()).isEqualTo(404);
    LiveServer.Response k =
        live.post("/collections/notes/search", "{\"query\":\"x\",\"k\":\"ten\"}");
    assertThat(k.status()).isEqualTo(400);
    assertThat(json(k).getAsJsonObject("error").get("param").getAsString()).isEqualTo("k");
    LiveServer.Response halfLife =
        live.post("/collections/notes/search", "{\"query\":\"x\",\"half_life_days\":0}");
    assertThat(halfLife.status()).isEqualTo(400);
    assertThat(json(halfLife).getAsJsonObject("error").get("param").getAsString())
        .isEqualTo("half_life_days");
    assertThat(
            live.post("/collections/notes/search", "{\"query\":\"x\",\"half_life_days\":365}")
                .status())
        .isEqualTo(200);
    LiveServer.Response unknown =
        live.post("/collections/notes/search", "{\"query\":\"x\",\"top_k\":3}");
    assertThat(json(unknown).getAsJsonObject("error").get("code").getAsString())
        .isEqualTo("unknown_field");
    LiveServer.Response field =
        live.post(
            "/collections/notes/search", "{\"query\":\"x\",\"filter\":\"categry = \\\"tech\\\"\"}");
    assertThat(field.status()).isEqualTo(400);
    assertThat(field.body()).contains("did you mean 'category'");
    assertThat(live.send("PUT", "/collections/notes/search", "{}").status()).isEqualTo(405);
    assertThat(live.get("/no/such/thing").status()).isEqualTo(404);
  }
}
