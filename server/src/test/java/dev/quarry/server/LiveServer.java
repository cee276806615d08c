package dev.quarry.server;

import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.TextDocument;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A server on a free port over one small collection "notes", for the tests. */
final class LiveServer implements AutoCloseable {
  static final String MODEL = "all-minilm-l6-v2-q";
  static final List<TextDocument> NOTES =
      List.of(
          new TextDocument(
              "hnsw",
              "Vector indexes",
              "Lucene builds HNSW graphs for approximate nearest neighbour search.",
              Map.of("category", "tech", "date", java.time.Instant.parse("2024-03-01T00:00:00Z"))),
          new TextDocument(
              "bread",
              null,
              "Sourdough bread needs a lively starter and a long, cool proof.",
              Map.of("category", "food")),
          new TextDocument(
              "rocks",
              null,
              "RocksDB keeps a write-ahead log so that acknowledged writes survive a crash.",
              Map.of("category", "tech")));

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  final Serving serving;

  private LiveServer(Serving serving) {
    this.serving = serving;
  }

  /** Serves {@code root/notes}, filled with {@link #NOTES}, with {@code options} (port 0). */
  static LiveServer start(Path root, ServerOptions options) {
    Serving serving =
        Serving.start(
            List.of(root.resolve("notes")), QuarryConfig.DEFAULTS.withModel(MODEL), options);
    serving.collections().get("notes").upsert(NOTES);
    return new LiveServer(serving);
  }

  dev.quarry.engine.Quarry notes() {
    return serving.collections().get("notes");
  }

  String base() {
    return "http://127.0.0.1:" + serving.server().port();
  }

  record Response(int status, String body, Map<String, List<String>> headers) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  Response send(String method, String path, String body, String... headers) {
    return send(
        method,
        path,
        body == null ? null : body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        headers);
  }

  Response send(String method, String path, byte[] body, String... headers) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(60))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers().map());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Response get(String path) {
    return send("GET", path, (String) null);
  }

  Response post(String path, String json) {
    return send("POST", path, json, "Content-Type", "application/json");
  }

  @Override
  public void close() {
    serving.close();
  }
}
