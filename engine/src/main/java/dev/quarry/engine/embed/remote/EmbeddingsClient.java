package dev.quarry.engine.embed.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One request to an OpenAI-compatible {@code /embeddings} endpoint and its answer read into
 * vectors, or a {@link CallFailure} saying whether to try again. Knows nothing of retries or
 * batching. Thread-safe; owns the HTTP client.
 */
final class EmbeddingsClient implements AutoCloseable {
  private static final int MESSAGE_CHARS = 300;

  private final RemoteModelOptions options;
  private final ApiKey key;
  private final HttpClient http;

  EmbeddingsClient(RemoteModelOptions options, ApiKey key) {
    this.options = options;
    this.key = key;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(options.connectTimeout())
            .build(); // no redirects: a POST redirected would be re-sent as a GET
  }

  /** What one successful request returned. */
  record Answer(float[][] vectors, long promptTokens) {}

  /** Embeds {@code inputs} (prefixes already applied) in one request. */
  Answer call(List<String> inputs) throws CallFailure, InterruptedException {
    JsonObject body = new JsonObject();
    body.addProperty("model", options.model());
    JsonArray input = new JsonArray(inputs.size());
    inputs.forEach(input::add);
    body.add("input", input);
    body.addProperty("encoding_format", "float");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(options.endpoint())
            .timeout(options.requestTimeout())
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    key.value().ifPresent(k -> request.header("Authorization", "Bearer " + k));
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw CallFailure.retryable(
          "no answer within " + options.requestTimeout().toMillis() + " ms");
    } catch (ConnectException e) {
      throw CallFailure.retryable("cannot connect to " + options.endpoint().getAuthority());
    } catch (IOException e) {
      // Reset connections and bodies cut short of their Content-Length land here.
      throw CallFailure.retryable(
          "connection broken" + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return Answers.read(response.body(), inputs.size());
    }
    throw failure(status, response);
  }

  private CallFailure failure(int status, HttpResponse<String> response) {
    String message = endpointMessage(response.body());
    if (status == 401 || status == 403) {
      return CallFailure.permanent(
          key.value().isEmpty()
              ? "the embedding endpoint at "
                  + options.host()
                  + " needs an API key (HTTP "
                  + status
                  + "): set "
                  + ApiKey.VARIABLES.get(0)
                  + " (or "
                  + ApiKey.VARIABLES.get(1)
                  + ")"
              : "the embedding endpoint at "
                  + options.host()
                  + " refused the API key in "
                  + key.variable()
                  + " (HTTP "
                  + status
                  + "): check that variable");
    }
    if (status == 429 || status == 408 || status / 100 == 5) {
      return CallFailure.retryable(
          "HTTP " + status + (message.isEmpty() ? "" : ": " + message),
          RetryAfter.parse(
              response.headers().firstValue("Retry-After").orElse(null), Instant.now()));
    }
    return CallFailure.permanent(
        "the embedding endpoint at "
            + options.host()
            + " rejected the request (HTTP "
            + status
            + ")"
            + (message.isEmpty() ? "" : ": " + message));
  }

  /** OpenAI's {@code {"error": {"message": …}}}, else the start of the body, on one line. */
  private static String endpointMessage(String body) {
    String text = body == null ? "" : body.strip();
    try {
      JsonElement parsed = JsonParser.parseString(text);
      if (parsed.isJsonObject() && parsed.getAsJsonObject().has("error")) {
        JsonElement error = parsed.getAsJsonObject().get("error");
        JsonElement m = error.isJsonObject() ? error.getAsJsonObject().get("message") : error;
        if (m != null && m.isJsonPrimitive()) {
          text = m.getAsString();
        }
      }
    } catch (JsonParseException | IllegalStateException e) {
      // not JSON: the text itself is the message
    }
    text = text.replaceAll("\\s+", " ");
    return text.length() > MESSAGE_CHARS ? text.substring(0, MESSAGE_CHARS) + "…" : text;
  }

  @Override
  public void close() {
    http.close();
  }
}
