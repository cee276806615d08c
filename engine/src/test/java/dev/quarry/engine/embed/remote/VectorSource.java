package dev.quarry.engine.embed.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.core.Vectors;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Where {@link FaultyEmbeddingsEndpoint} gets the vectors it serves: computed from each text's hash
 * (fast, deterministic, so a test can check that every stored document has its own vector), or
 * forwarded to a real OpenAI-compatible endpoint such as Quarry's own server.
 */
public interface VectorSource {
  float[][] embed(String model, List<String> inputs) throws Exception;

  /** Unit vectors of {@code dimensions} drawn from a generator seeded with the text's sha256. */
  static VectorSource hashing(int dimensions) {
    return (model, inputs) -> {
      float[][] out = new float[inputs.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = hashVector(inputs.get(i), dimensions);
      }
      return out;
    };
  }

  static float[] hashVector(String text, int dimensions) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(digest).getLong());
      float[] v = new float[dimensions];
      for (int j = 0; j < dimensions; j++) {
        v[j] = (float) (random.nextDouble() * 2 - 1);
      }
      return Vectors.normalizeInPlace(v);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Forwards every request, unchanged, to the {@code /embeddings} of {@code baseUrl}. */
  static VectorSource forwardingTo(URI baseUrl) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    return (model, inputs) -> {
      JsonObject body = new JsonObject();
      body.addProperty("model", model);
      JsonArray input = new JsonArray();
      inputs.forEach(input::add);
      body.add("input", input);
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/embeddings"))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("upstream answered " + response.statusCode());
      }
      JsonArray data =
          JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonArray("data");
      float[][] out = new float[data.size()][];
      for (int i = 0; i < out.length; i++) {
        JsonObject item = data.get(i).getAsJsonObject();
        JsonArray e = item.getAsJsonArray("embedding");
        float[] v = new float[e.size()];
        for (int j = 0; j < v.length; j++) {
          v[j] = e.get(j).getAsFloat();
        }
        out[item.get("index").getAsInt()] = v;
      }
      return out;
    };
  }
}
