package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.testing.Chars;
import dev.quarry.testing.Gen;
import dev.quarry.testing.RandomCases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance 5: seeded malformed requests (bad JSON, wrong types, huge numbers, bad paths and
 * collection names, wrong methods, truncated bodies) get only 4xx answers in the one error shape,
 * and leave the collection as it was and verifying clean.
 */
class FuzzedRequestsTest {
  static final int CASES = 1200;
  @TempDir static Path root;
  static LiveServer live;

  @BeforeAll
  static void start() {
    live = LiveServer.start(root, ServerOptions.local(0).withMaxBodyBytes(64 << 10));
  }

  @AfterAll
  static void stop() {
    live.close();
  }

  /** A request as sent on the wire. */
  record Case(String kind, String method, String path, byte[] body, int declaredLength) {
    @Override
    public String toString() {
      String shown = new String(body, StandardCharsets.UTF_8);
      return kind
          + ": "
          + method
          + " "
          + path
          + " ("
          + body.length
          + " of "
          + declaredLength
          + " bytes) "
          + (shown.length() > 300 ? shown.substring(0, 300) + "…" : shown);
    }
  }

  private static final List<String> ENDPOINTS =
      List.of(
          "/collections/notes/search",
          "/collections/notes/documents",
          "/collections/notes/delete",
          "/v1/embeddings");

  private static final List<String> VALID =
      List.of(
          "{\"query\":\"vector graphs\",\"k\":3,\"filter\":\"category = \\\"tech\\\"\",\"mode\":\"hybrid\"}",
          "{\"documents\":[{\"id\":\"f1\",\"text\":\"fuzz text\",\"category\":\"tech\"}]}",
          "{\"ids\":[\"hnsw\"]}",
          "{\"input\":[\"a text\"],\"model\":\"" + LiveServer.MODEL + "\",\"dimensions\":8}");

  /** Values each field refuses: other JSON types, out-of-range and huge numbers, bad syntax. */
  private static final java.util.Map<String, List<String>> WRONG =
      java.util.Map.of(
          "query", List.of("null", "1", "true", "[]", "{}", "[\"q\"]"),
          "k",
              List.of(
                  "\"ten\"",
                  "0",
                  "-1",
                  "1.5",
                  "1e309",
                  "99999999999999999999",
                  "[]",
                  "{}",
                  "true",
                  "10001"),
          "filter", List.of("1", "[]", "{}", "\"category ==\"", "\"((\"", "\"nosuchfield = 1\""),
          "mode", List.of("\"fast\"", "1", "[]", "\"\""),
          "documents", List.of("\"x\"", "1", "{}", "[]", "[1]", "null", "[{}]", "[{\"id\":1}]"),
          "ids", List.of("\"x\"", "1", "{}", "[]", "[1]", "null", "[null]", "[[]]"),
          "input", List.of("1", "[]", "[1,2]", "[[1]]", "{}", "\"\"", "[\"\"]", "null", "true"),
          "model", List.of("1", "\"no-such-model\"", "[]", "null", "\"../../etc\""),
          "dimensions", List.of("0", "-1", "1e309", "99999999999999999999", "1.5", "\"8\"", "385"));

  /** Bodies that are JSON but not an object. */
  private static final List<String> NOT_OBJECTS =
      List.of(
          "null",
          "true",
          "-1",
          "1e309",
          "\"x\"",
          "[]",
          "[1,2]",
          "[[[]]]",
          "\"" + "z".repeat(1000) + "\"");

  /** Whether the server's own parser accepts {@code body}. */
  private static boolean isJson(String body) {
    try {
      JsonBodies.parse(body);
      return true;
    } catch (ApiError.ApiException malformed) {
      return false;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static Case generate(Gen g) {
    int which = g.ints(0, ENDPOINTS.size() - 1);
    String path = ENDPOINTS.get(which);
    String valid = VALID.get(which);
    Function<Gen, Case> badJson =
        x -> {
          String cut = valid.substring(0, x.ints(0, valid.length() - 1));
          String noise = x.string(0, 8, Chars.between(0x20, 0x7e).with("\t\n{}[]\",:\\"));
          String body = cut + noise;
          // A cut and its noise can close the document again ("dimensions":8 + "9}"): a comma
          // after a whole JSON value keeps the case malformed.
          return new Case("bad JSON", "POST", path, utf8(isJson(body) ? body + "," : body), -1);
        };
    Function<Gen, Case> wrongType =
        x -> {
          JsonObject o = JsonParser.parseString(valid).getAsJsonObject();
          String key = x.pick(List.copyOf(o.keySet()));
          o.add(key, JsonParser.parseString(x.pick(WRONG.get(key))));
          if (x.ints(0, 9) == 0) {
            o.addProperty("unexpected_" + x.ints(0, 9), 1);
          }
          return new Case("wrong value", "POST", path, utf8(o.toString()), -1);
        };
    Function<Gen, Case> notObject =
        x -> new Case("not an object", "POST", path, utf8(x.pick(NOT_OBJECTS)), -1);
    Function<Gen, Case> badPath =
        x -> {
          String name =
              x.pick(
                  List.of(
                      "..",
                      "..%2F..%2Fetc",
                      "%2E%2E",
                      "notes%00",
                      ".hidden",
                      "no such",
                      "NOTES",
                      "n".repeat(200),
                      java.net.URLEncoder.encode(
                              x.string(1, 12, Chars.between(0x21, 0x7e).with("é€")),
                              StandardCharsets.UTF_8)
                          .replace("+", "%20")));
          String rest =
              x.pick(List.of("/search", "/documents", "/documents/x", "/delete", "", "/verify"));
          String method =
              rest.isEmpty() || rest.equals("/verify") || rest.equals("/documents/x")
                  ? "GET"
                  : "POST";
          return new Case(
              "bad path", method, "/collections/" + encodeSpaces(name) + rest, utf8(valid), -1);
        };
    Function<Gen, Case> badEndpoint =
        x ->
            new Case(
                "bad endpoint",
                x.pick(List.of("GET", "POST", "DELETE")),
                x.pick(
                    List.of(
                        "/v2/embeddings",
                        "/collections/notes/nothing",
                        "/v1/models/none",
                        "/collections/notes/documents/missing-id",
                        "/%2e%2e/%2e%2e/etc/passwd",
                        "/api",
                        "/collections/notes/documents/x/y")),
                utf8(valid),
                -1);
    Function<Gen, Case> badMethod =
        x ->
            new Case(
                "bad method",
                x.pick(List.of("PUT", "PATCH", "DELETE", "GET")),
                path,
                utf8(valid),
                -1);
    Function<Gen, Case> truncated =
        x -> {
          byte[] full = utf8(valid);
          int sent = x.ints(0, full.length - 1);
          return new Case(
              "truncated", "POST", path, java.util.Arrays.copyOf(full, sent), full.length);
        };
    Function<Gen, Case> tooLarge =
        x ->
            new Case(
                "too large", "POST", path, utf8("{\"query\":\"" + "y".repeat(70_000) + "\"}"), -1);
    Function<Gen, Case> badUtf8 =
        x -> {
          byte[] b = utf8(valid);
          b[x.ints(0, b.length - 1)] = (byte) (int) x.pick(List.of(0xC3, 0xFF, 0x80, 0xED));
          return new Case("bad bytes", "POST", path, b, -1);
        };
    return g.oneOf(
        badJson,
        wrongType,
        notObject,
        badPath,
        badEndpoint,
        badMethod,
        truncated,
        tooLarge,
        badUtf8);
  }

  private static String encodeSpaces(String s) {
    return s.replace(" ", "%20");
  }

  @Test
  void malformedRequestsGetOnlyFourHundredsInTheErrorShape() {
    long before = live.notes().stats().documents();
    int[] byStatus = new int[600];
    RandomCases.check(
        "malformed requests",
        CASES,
        FuzzedRequestsTest::generate,
        c -> {
          int length = c.declaredLength() >= 0 ? c.declaredLength() : c.body().length;
          RawHttp.Answer a =
              RawHttp.send(
                  live.serving.server().port(),
                  c.method() + " " + c.path() + " HTTP/1.1",
                  "Content-Type: application/json\r\nContent-Length: " + length + "\r\n",
                  c.body(),
                  c.declaredLength() >= 0);
          assertThat(a.status()).as("status, answer %s", a.body()).isBetween(400, 499);
          JsonObject error =
              JsonParser.parseString(a.body()).getAsJsonObject().getAsJsonObject("error");
          assertThat(error.keySet()).containsExactlyInAnyOrder("message", "type", "param", "code");
          assertThat(error.get("message").getAsString()).isNotBlank();
          byStatus[a.status()]++;
        });
    StringBuilder counts = new StringBuilder();
    for (int s = 400; s < 500; s++) {
      if (byStatus[s] > 0) {
        counts.append(' ').append(s).append('×').append(byStatus[s]);
      }
    }
    System.out.println("malformed requests by status:" + counts);
    assertThat(live.notes().stats().documents()).isEqualTo(before);
    assertThat(live.notes().verify().problems()).isEmpty();
  }
}
