package dev.quarry.server;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Request bodies as JSON, with errors that say where (line and column) and which field. */
final class JsonBodies {
  private static final TypeAdapter<JsonElement> ELEMENT = new Gson().getAdapter(JsonElement.class);
  private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

  private JsonBodies() {}

  /** The request body as one JSON object, refusing bytes that are not UTF-8. */
  static JsonObject object(Context ctx) {
    return object(utf8(ctx.bodyAsBytes()));
  }

  static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw ApiError.badRequest("bad_encoding", null, "the request body is not valid UTF-8")
          .toException();
    }
  }

  /** Parses a whole body as one JSON object; a syntax error names its line and column. */
  static JsonObject object(String body) {
    JsonElement root = parse(body);
    if (!root.isJsonObject()) {
      throw ApiError.badRequest("bad_json", null, "the request body must be a JSON object")
          .toException();
    }
    return root.getAsJsonObject();
  }

  static JsonElement parse(String body) {
    if (body == null || body.isBlank()) {
      throw ApiError.badRequest("bad_json", null, "the request body is empty: send a JSON object")
          .toException();
    }
    try (JsonReader reader = new JsonReader(new StringReader(body))) {
      reader.setStrictness(Strictness.STRICT);
      JsonElement root = ELEMENT.read(reader);
      if (reader.peek() != JsonToken.END_DOCUMENT) {
        throw new JsonParseException("more than one JSON value " + position(reader.toString()));
      }
      return root;
    } catch (JsonParseException | IOException | IllegalStateException e) {
      throw badJson(e);
    } catch (StackOverflowError e) {
      throw ApiError.badRequest("bad_json", null, "malformed JSON: nested too deeply")
          .toException();
    }
  }

  private static ApiError.ApiException badJson(Exception e) {
    String detail = e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
    detail = detail == null ? "unexpected end of input" : detail;
    // Gson appends a link to its troubleshooting page; the position is what the caller needs.
    int see = detail.indexOf("\nSee ");
    if (see >= 0) {
      detail = detail.substring(0, see);
    }
    Matcher m = POSITION.matcher(detail);
    String where = m.find() ? " (line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    String what = detail.replaceAll(" at line \\d+ column \\d+ path \\S+", "");
    return ApiError.badRequest("bad_json", null, "malformed JSON" + where + ": " + what)
        .toException();
  }

  private static String position(String readerDescription) {
    Matcher m = POSITION.matcher(readerDescription);
    return m.find() ? "at line " + m.group(1) + " column " + m.group(2) + " path $" : "";
  }

  static String string(JsonObject o, String field, String fallback) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
      throw wrongType(field, "a string", e);
    }
    return e.getAsString();
  }

  static int integer(JsonObject o, String field, int fallback, int min, int max) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw wrongType(field, "an integer", e);
    }
    double d = e.getAsDouble();
    if (d != Math.rint(d) || d < min || d > max) {
      throw ApiError.badRequest(
              "bad_value",
              field,
              "'" + field + "' must be an integer from " + min + " to " + max + ", got " + e)
          .toException();
    }
    return (int) d;
  }

  static Double number(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return null;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
      throw wrongType(field, "a number", e);
    }
    double d = e.getAsDouble();
    if (!Double.isFinite(d)) {
      throw ApiError.badRequest("bad_value", field, "'" + field + "' must be a finite number")
          .toException();
    }
    return d;
  }

  static boolean bool(JsonObject o, String field, boolean fallback) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      return fallback;
    }
    if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isBoolean()) {
      throw wrongType(field, "true or false", e);
    }
    return e.getAsBoolean();
  }

  static JsonArray array(JsonObject o, String field) {
    JsonElement e = o.get(field);
    if (e == null || e.isJsonNull()) {
      throw ApiError.badRequest("missing_field", field, "'" + field + "' is required")
          .toException();
    }
    if (!e.isJsonArray()) {
      throw wrongType(field, "an array", e);
    }
    return e.getAsJsonArray();
  }

  static ApiError.ApiException wrongType(String field, String expected, JsonElement got) {
    String shown = got.toString();
    if (shown.length() > 40) {
      shown = shown.substring(0, 39) + "…";
    }
    return ApiError.badRequest(
            "wrong_type", field, "'" + field + "' must be " + expected + ", got " + shown)
        .toException();
  }
}
