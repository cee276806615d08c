package dev.quarry.engine.embed.remote;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Reads an OpenAI embeddings answer: {@code {"data": [{"index": i, "embedding": [...]}, ...],
 * "usage": {"prompt_tokens": n}}}. A body that is not such JSON (cut short, or garbled on the way)
 * is a transient failure; a well-formed answer with the wrong number of vectors is not.
 */
final class Answers {
  private Answers() {}

  static EmbeddingsClient.Answer read(String body, int expected) throws CallFailure {
    JsonArray data;
    JsonObject root;
    try {
      root = JsonParser.parseString(body).getAsJsonObject();
      data = root.getAsJsonArray("data");
    } catch (JsonParseException | IllegalStateException | ClassCastException e) {
      throw CallFailure.retryable("unreadable answer (" + body.length() + " chars, not JSON)");
    }
    if (data == null) {
      throw CallFailure.retryable("unreadable answer (no 'data' array)");
    }
    if (data.size() != expected) {
      throw CallFailure.permanent(
          "the embedding endpoint returned " + data.size() + " vectors for " + expected + " texts");
    }
    try {
      return new EmbeddingsClient.Answer(vectors(data, expected), promptTokens(root));
    } catch (IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
      throw CallFailure.permanent("the embedding endpoint's answer is not in OpenAI's format");
    }
  }

  private static float[][] vectors(JsonArray data, int expected) throws CallFailure {
    float[][] vectors = new float[expected][];
    for (int i = 0; i < expected; i++) {
      JsonObject item = data.get(i).getAsJsonObject();
      JsonElement at = item.get("index");
      int index = at == null ? i : at.getAsInt(); // some servers leave it out: input order
      if (index < 0 || index >= expected || vectors[index] != null) {
        throw CallFailure.permanent(
            "the embedding endpoint returned vector index " + index + " twice or out of range");
      }
      vectors[index] = vector(item);
    }
    return vectors;
  }

  /** The tokens the endpoint counted, or -1 when it does not say. */
  private static long promptTokens(JsonObject root) {
    JsonElement usage = root.get("usage");
    if (usage == null || !usage.isJsonObject()) {
      return -1;
    }
    JsonElement tokens = usage.getAsJsonObject().get("prompt_tokens");
    return tokens == null || !tokens.isJsonPrimitive() ? -1 : tokens.getAsLong();
  }

  private static float[] vector(JsonObject item) throws CallFailure {
    JsonElement e = item.get("embedding");
    if (e == null || !e.isJsonArray()) {
      throw CallFailure.permanent(
          "the embedding endpoint returned an item without a float 'embedding' array");
    }
    JsonArray a = e.getAsJsonArray();
    float[] v = new float[a.size()];
    for (int j = 0; j < v.length; j++) {
      v[j] = a.get(j).getAsFloat();
      if (!Float.isFinite(v[j])) {
        throw CallFailure.permanent(
            "the embedding endpoint returned a vector with NaN or infinity");
      }
    }
    return v;
  }
}
