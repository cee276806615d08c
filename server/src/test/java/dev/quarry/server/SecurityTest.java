package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.google.gson.JsonParser;
import dev.quarry.engine.cli.QuarryCli;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acceptance 5: binding, API keys, the body limit, collection names that try to escape, CORS. */
class SecurityTest {
  private static final String KEY = "s3cret-key";
  private static final String ORIGIN = "http://localhost:3000";
  @TempDir static Path root;
  static LiveServer live;

  @BeforeAll
  static void start() {
    // Every interface, as a user exposing the server would: allowed because there is a key.
    live = LiveServer.start(root, new ServerOptions("0.0.0.0", 0, KEY, ORIGIN, 4096));
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  private static String[] cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QuarryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void aNonLoopbackBindWithoutAKeyIsRefusedAtStartInOneLine(@TempDir Path dir) throws Exception {
    assumeThat(System.getenv(ServeCommand.KEY_VARIABLE))
        .as("QUARRY_API_KEY is set in this environment, so serve would start")
        .isNull();
    Path coll = dir.resolve("c");
    String[] r = cli("serve", coll.toString(), "--host", "0.0.0.0", "--port", "0");
    assertThat(r[0]).isEqualTo("2");
    assertThat(r[2].strip()).doesNotContain("\n");
    assertThat(r[2])
        .startsWith("error: binding 0.0.0.0 exposes the server")
        .contains("QUARRY_API_KEY")
        .contains("--api-key-file");
    assertThat(coll).as("refused before anything is opened or created").doesNotExist();

    Path empty = Files.writeString(dir.resolve("key"), "  \n");
    String[] blank =
        cli("serve", coll.toString(), "--host", "0.0.0.0", "--api-key-file", empty.toString());
    assertThat(blank[0]).isEqualTo("2");
    assertThat(blank[2]).contains("API key is empty");
    assertThat(cli("serve", "--help")[1]).contains("--api-key-file").contains("--cors");
  }

  @Test
  void missingOrWrongKeysAre401AndTheRightKeyPasses() {
    for (String path : new String[] {"/collections", "/v1/models", "/collections/notes/verify"}) {
      LiveServer.Response none = live.get(path);
      assertThat(none.status()).as(path).isEqualTo(401);
      assertThat(none.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(code(none)).isEqualTo("invalid_api_key");
      assertThat(live.send("GET", path, (String) null, "Authorization", "Bearer wrong").status())
          .isEqualTo(401);
      assertThat(live.send("GET", path, (String) null, "Authorization", "Basic " + KEY).status())
          .isEqualTo(401);
      assertThat(live.send("GET", path, (String) null, "Authorization", "Bearer " + KEY).status())
          .as(path)
          .isEqualTo(200);
    }
    LiveServer.Response search =
        live.send(
            "POST",
            "/collections/notes/search",
            "{\"query\":\"x\"}",
            "Authorization",
            "Bearer " + KEY + "x");
    assertThat(search.status()).isEqualTo(401);
    // The page and health need no key: they reveal nothing stored.
    assertThat(live.get("/health").status()).isEqualTo(200);
    assertThat(live.get("/").status()).isEqualTo(200);
  }

  @Test
  void oversizedBodiesAre413WithOrWithoutContentLength() throws Exception {
    String big = "{\"query\":\"" + "x".repeat(5000) + "\"}";
    LiveServer.Response r =
        live.send("POST", "/collections/notes/search", big, "Authorization", "Bearer " + KEY);
    assertThat(r.status()).isEqualTo(413);
    assertThat(code(r)).isEqualTo("body_too_large");

    // Chunked, so that no Content-Length warns the server in advance.
    HttpRequest chunked =
        HttpRequest.newBuilder(URI.create(live.base() + "/v1/embeddings"))
            .header("Authorization", "Bearer " + KEY)
            .POST(
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
            .build();
    HttpResponse<String> c =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(chunked, HttpResponse.BodyHandlers.ofString());
    assertThat(c.statusCode()).isEqualTo(413);
    assertThat(c.body()).startsWith("{\"error\":");
  }

  @Test
  void collectionNamesCannotEscapeTheServedFolders() throws Exception {
    Files.createDirectories(root.resolve("secret"));
    String[] attempts = {
      "/collections/..%2Fsecret/search",
      "/collections/%2E%2E/search",
      "/collections/..%2F..%2F..%2Fetc/search",
      "/collections/..%5Csecret/search",
      "/collections/notes%2F..%2F..%2Fsecret/search",
      "/collections/a..b/search",
      "/collections/../secret/search",
      "/collections/notes/../../secret/search",
      "/collections/%2e%2e%2f%2e%2e/search",
      "/collections/notes%00/search",
      "/collections/secret/search",
    };
    for (String path : attempts) {
      RawHttp.Answer a =
          RawHttp.send(
              live.serving.server().port(),
              "POST " + path + " HTTP/1.1",
              "Authorization: Bearer " + KEY + "\r\nContent-Length: 15\r\n",
              "{\"query\":\"x\"}  ".getBytes(StandardCharsets.UTF_8),
              false);
      assertThat(a.status()).as(path + " → " + a.body()).isBetween(400, 404);
      assertThat(a.body()).as(path).startsWith("{\"error\":");
    }
    LiveServer.Response dots =
        live.send(
            "POST",
            "/collections/..%2Fsecret/search",
            "{\"query\":\"x\"}",
            "Authorization",
            "Bearer " + KEY);
    assertThat(code(dots)).isEqualTo("bad_collection_name");
    assertThat(root.resolve("secret")).isEmptyDirectory();
  }

  @Test
  void corsAnswersOnlyTheConfiguredOrigin() {
    LiveServer.Response preflight =
        live.send(
            "OPTIONS",
            "/collections/notes/search",
            (String) null,
            "Origin",
            ORIGIN,
            "Access-Control-Request-Method",
            "POST");
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.header("Access-Control-Allow-Origin")).isEqualTo(ORIGIN);
    assertThat(preflight.header("Access-Control-Allow-Headers")).contains("Authorization");
  }

  @Test
  void corsIsOffByDefault(@TempDir Path dir) {
    try (LiveServer plain = LiveServer.start(dir, ServerOptions.local(0))) {
      LiveServer.Response r = plain.send("GET", "/collections", (String) null, "Origin", ORIGIN);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("Access-Control-Allow-Origin")).isNull();
      LiveServer.Response preflight =
          plain.send("OPTIONS", "/collections/notes/search", (String) null, "Origin", ORIGIN);
      assertThat(preflight.status()).isBetween(400, 499);
      assertThat(preflight.header("Access-Control-Allow-Origin")).isNull();
    }
  }

  private static String code(LiveServer.Response r) {
    return JsonParser.parseString(r.body())
        .getAsJsonObject()
        .getAsJsonObject("error")
        .get("code")
        .getAsString();
  }
}
