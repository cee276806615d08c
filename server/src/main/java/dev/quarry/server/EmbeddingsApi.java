package dev.quarry.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quarry.core.Embeddings;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.engine.embed.TextEmbedder;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * OpenAI's embeddings API ({@code POST /v1/embeddings}, {@code GET /v1/models}), so that OpenAI
 * clients embed with Quarry's models. Texts are embedded as passages (documents), the role a client
 * that indexes with them needs; requests and errors follow OpenAI's reference.
 */
final class EmbeddingsApi {
  private static final Set<String> FIELDS =
      Set.of("input", "model", "encoding_format", "dimensions", "user");

  /** OpenAI's own limit on inputs per request. */
  static final int MAX_INPUTS = 2048;

  private final Models models;

  EmbeddingsApi(Models models) {
    this.models = models;
  }

  void register(RoutesConfig routes) {
    routes.post("/v1/embeddings", this::embeddings);
    routes.get("/v1/models", this::list);
    routes.get("/v1/models/{model}", this::one);
  }

  private void list(Context ctx) {
    JsonArray data = new JsonArray();
    models.names().forEach(name -> data.add(model(name)));
    JsonObject o = new JsonObject();
    o.addProperty("object", "list");
    o.add("data", data);
    Responses.json(ctx, 200, o);
  }

  private void one(Context ctx) {
    String name = ctx.pathParam("model");
    if (!models.names().contains(name)) {
      throw ApiError.notFound(
              "model_not_found",
              "the model '" + name + "' does not exist here; GET /v1/models lists them")
          .toException();
    }
    Responses.json(ctx, 200, model(name));
  }

  private static JsonObject model(String name) {
    JsonObject m = new JsonObject();
    m.addProperty("id", name);
    m.addProperty("object", "model");
    m.addProperty("created", 0);
    m.addProperty("owned_by", "quarry");
    return m;
  }

  private void embeddings(Context ctx) {
    JsonObject body = JsonBodies.object(ctx);
    SearchBody.requireKnownFields(body, FIELDS);
    List<String> inputs = inputs(body.get("input"));
    String name = JsonBodies.string(body, "model", null);
    if (name == null) {
      throw ApiError.badRequest(
              "missing_field", "model", "'model' is required; GET /v1/models lists them")
          .toException();
    }
    String format = JsonBodies.string(body, "encoding_format", "float");
    if (!format.equals("float") && !format.equals("base64")) {
      throw ApiError.badRequest(
              "bad_value",
              "encoding_format",
              "'encoding_format' must be 'float' or 'base64', got '" + format + "'")
          .toException();
    }
    TextEmbedder embedder = models.get(name);
    int full = embedder.identity().dimensions();
    int dimensions = JsonBodies.integer(body, "dimensions", full, 1, full);
    Embeddings out = embedder.embed(inputs, Role.PASSAGE);
    JsonArray data = new JsonArray();
    for (int i = 0; i < inputs.size(); i++) {
      float[] v = Vectors.truncate(out.get(i), dimensions);
      JsonObject item = new JsonObject();
      item.addProperty("object", "embedding");
      item.addProperty("index", i);
      item.add("embedding", format.equals("base64") ? base64(v) : floats(v));
      data.add(item);
    }
    JsonObject usage = new JsonObject();
    usage.addProperty("prompt_tokens", out.tokens());
    usage.addProperty("total_tokens", out.tokens());
    JsonObject o = new JsonObject();
    o.addProperty("object", "list");
    o.add("data", data);
    o.addProperty("model", name);
    o.add("usage", usage);
    Responses.json(ctx, 200, o);
  }

  /**
   * A string or an array of strings; token arrays (which Quarry cannot map to its tokenizer) are
   * refused.
   */
  private static List<String> inputs(JsonElement input) {
    if (input == null || input.isJsonNull()) {
      throw ApiError.badRequest(
              "missing_field", "input", "'input' is required: a string or an array of strings")
          .toException();
    }
    if (input.isJsonPrimitive() && input.getAsJsonPrimitive().isString()) {
      return List.of(nonEmpty(input.getAsString(), "input"));
    }
    if (!input.isJsonArray()) {
      throw JsonBodies.wrongType("input", "a string or an array of strings", input);
    }
    JsonArray array = input.getAsJsonArray();
    if (array.isEmpty() || array.size() > MAX_INPUTS) {
      throw ApiError.badRequest(
              "bad_value",
              "input",
              "'input' must hold 1 to " + MAX_INPUTS + " strings, got " + array.size())
          .toException();
    }
    List<String> texts = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonElement e = array.get(i);
      if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isString()) {
        texts.add(nonEmpty(e.getAsString(), "input[" + i + "]"));
      } else if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber() || e.isJsonArray()) {
        throw ApiError.badRequest(
                "unsupported_input",
                "input",
                "token arrays are not supported: send the texts as strings (Quarry tokenizes them with the model's own tokenizer)")
            .toException();
      } else {
        throw JsonBodies.wrongType("input[" + i + "]", "a string", e);
      }
    }
    return texts;
  }

  private static String nonEmpty(String s, String param) {
    if (s.isEmpty()) {
      throw ApiError.badRequest(
              "bad_value", param, "'" + param + "' is an empty string: send some text")
          .toException();
    }
    return s;
  }

  private static JsonArray floats(float[] v) {
    JsonArray a = new JsonArray(v.length);
    for (float f : v) {
      a.add(new JsonPrimitive(f));
    }
    return a;
  }

  /** OpenAI's base64 form: the little-endian float32 bytes. */
  private static JsonPrimitive base64(float[] v) {
    ByteBuffer b = ByteBuffer.allocate(v.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    b.asFloatBuffer().put(v);
    return new JsonPrimitive(Base64.getEncoder().encodeToString(b.array()));
  }
}
