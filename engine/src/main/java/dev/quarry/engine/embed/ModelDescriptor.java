package dev.quarry.engine.embed;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * How to run an embedding model: pooling, token limit, role prefixes and output size. Built-in
 * models carry one; a user model directory has it as {@value #FILE_NAME}, documented in
 * docs/models.md.
 *
 * @param name model name shown to users and recorded in collections
 * @param pooling how token vectors become one vector
 * @param maxTokens texts are cut to this many tokens (special tokens included)
 * @param dimensions the model's hidden size, checked against the ONNX output
 * @param queryPrefix prepended to texts embedded as {@link Role#QUERY}
 * @param passagePrefix prepended to texts embedded as {@link Role#PASSAGE}
 * @param topicalSimilarity the cosine from which a query and a text are on the same topic, or null
 *     where it was not calibrated (see {@link dev.quarry.core.Embedder#topicalSimilarity()})
 */
public record ModelDescriptor(
    String name,
    Pooling pooling,
    int maxTokens,
    int dimensions,
    String queryPrefix,
    String passagePrefix,
    Double topicalSimilarity) {

  public static final String FILE_NAME = "quarry-model.json";
  private static final int MAX_TOKENS_LIMIT = 8192;
  private static final Set<String> KEYS =
      Set.of(
          "name",
          "pooling",
          "maxTokens",
          "dimensions",
          "queryPrefix",
          "passagePrefix",
          "topicalSimilarity");

  public ModelDescriptor {
    if (name == null || name.isBlank()) {
      throw QuarryException.invalid("model descriptor: 'name' must not be empty");
    }
    if (pooling == null) {
      throw QuarryException.invalid("model descriptor: 'pooling' is required (mean or cls)");
    }
    if (maxTokens < 2 || maxTokens > MAX_TOKENS_LIMIT) {
      throw QuarryException.invalid(
          "model descriptor: 'maxTokens' must be in 2.." + MAX_TOKENS_LIMIT + ", got " + maxTokens);
    }
    if (dimensions <= 0) {
      throw QuarryException.invalid(
          "model descriptor: 'dimensions' must be positive, got " + dimensions);
    }
    if (topicalSimilarity != null && !(topicalSimilarity > -1 && topicalSimilarity < 1)) {
      throw QuarryException.invalid(
          "model descriptor: 'topicalSimilarity' must be a cosine between -1 and 1, got "
              + topicalSimilarity);
    }
    queryPrefix = queryPrefix == null ? "" : queryPrefix;
    passagePrefix = passagePrefix == null ? "" : passagePrefix;
  }

  /** The prefix for a role. */
  public String prefix(Role role) {
    return role == Role.QUERY ? queryPrefix : passagePrefix;
  }

  /** Reads and validates {@value #FILE_NAME} in {@code dir}. */
  public static ModelDescriptor read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "model directory "
              + dir
              + " has no "
              + FILE_NAME
              + ": add one, e.g. {\"name\":\"my-model\",\"pooling\":\"mean\",\"maxTokens\":256,"
              + "\"dimensions\":384} (see docs/models.md)",
          e);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot read " + file + ": " + ErrorText.describe(e), e);
    }
    try {
      return parse(json);
    } catch (QuarryException e) {
      throw new QuarryException(e.kind(), file + ": " + e.getMessage(), e);
    }
  }

  /** Parses a descriptor; unknown keys are errors so that a typo never silently uses a default. */
  public static ModelDescriptor parse(String json) {
    JsonObject obj;
    try {
      JsonElement root = JsonParser.parseString(json);
      if (!root.isJsonObject()) {
        throw QuarryException.invalid("model descriptor must be a JSON object");
      }
      obj = root.getAsJsonObject();
    } catch (JsonParseException e) {
      throw QuarryException.invalid("model descriptor is not valid JSON: " + e.getMessage());
    }
    for (Map.Entry<String, JsonElement> entry : obj.entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw QuarryException.invalid(
            "model descriptor: unknown key '" + entry.getKey() + "' (allowed: " + KEYS + ")");
      }
    }
    return new ModelDescriptor(
        string(obj, "name", null),
        Pooling.parse(string(obj, "pooling", "mean")),
        integer(obj, "maxTokens"),
        integer(obj, "dimensions"),
        string(obj, "queryPrefix", ""),
        string(obj, "passagePrefix", ""),
        number(obj, "topicalSimilarity"));
  }

  private static Double number(JsonObject obj, String key) {
    JsonElement e = obj.get(key);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
      throw QuarryException.invalid("model descriptor: '" + key + "' must be a number");
    }
    return p.getAsDouble();
  }

  private static String string(JsonObject obj, String key, String fallback) {
    JsonElement e = obj.get(key);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    if (!(e instanceof JsonPrimitive p) || !p.isString()) {
      throw QuarryException.invalid("model descriptor: '" + key + "' must be a string");
    }
    return p.getAsString();
  }

  private static int integer(JsonObject obj, String key) {
    JsonElement e = obj.get(key);
    if (e == null || e.isJsonNull()) {
      throw QuarryException.invalid("model descriptor: '" + key + "' is required");
    }
    if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
      throw QuarryException.invalid("model descriptor: '" + key + "' must be a whole number");
    }
    double value = p.getAsDouble();
    if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
      throw QuarryException.invalid(
          "model descriptor: '" + key + "' must be a whole number, got " + p.getAsString());
    }
    return (int) value;
  }
}
