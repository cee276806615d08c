package dev.quarry.bench.serve;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The server's collection API as a load target, and the calls the harness checks with. */
final class HttpTarget implements LoadMix.Target {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final String collection;
  private final String runField;

  HttpTarget(String base, String collection, String runField) {
    this.collection = base + "/collections/" + collection;
    this.runField = runField;
  }

  @Override
  public void search(String query) throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("query", query);
    body.addProperty("k", 10);
    String answer = post("/search", body.toString());
    if (!answer.startsWith("{\"query\"")) {
      throw new IllegalStateException("unexpected search answer: " + answer);
    }
  }

  @Override
  public void upsert(String id, String text) throws Exception {
    JsonObject doc = new JsonObject();
    doc.addProperty("id", id);
    doc.addProperty("text", text);
    doc.addProperty("load_run", runField);
    JsonObject report =
        JsonParser.parseString(post("/documents", doc.toString())).getAsJsonObject();
    if (report.get("written").getAsLong() + report.get("skipped").getAsLong() != 1) {
      throw new IllegalStateException("upsert of " + id + " answered " + report);
    }
  }

  /** The ids among {@code ids} that the collection does not hold. */
  List<String> missing(List<String> ids) throws Exception {
    List<String> missing = new ArrayList<>();
    for (String id : ids) {
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(collection + "/documents/" + id)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        missing.add(id);
      }
    }
    return missing;
  }

  /** Deletes this run's upserts, so that repeated runs keep the collection at its size. */
  int deleteRun() throws Exception {
    JsonObject body = new JsonObject();
    body.addProperty("filter", "load_run = \"" + runField + "\"");
    return JsonParser.parseString(post("/delete", body.toString()))
        .getAsJsonObject()
        .get("deleted")
        .getAsInt();
  }

  boolean healthy() {
    try {
      URI health =
          URI.create(collection.substring(0, collection.indexOf("/collections")) + "/health");
      return client
              .send(
                  HttpRequest.newBuilder(health).GET().build(),
                  HttpResponse.BodyHandlers.ofString())
              .statusCode()
          == 200;
    } catch (Exception e) {
      return false;
    }
  }

  JsonObject verify() throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(collection + "/verify")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  private String post(String path, String json) throws Exception {
    HttpResponse<String> r =
        client.send(
            HttpRequest.newBuilder(URI.create(collection + path))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("HTTP " + r.statusCode() + " from " + path + ": " + r.body());
    }
    return r.body();
  }
}
