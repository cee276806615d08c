package dev.quarry.engine.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quarry.index.Document;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON forms of documents for the CLI (schema: docs/search-result.schema.json). */
final class Json {
  private Json() {}

  static JsonObject document(Document d) {
    JsonObject o = new JsonObject();
    o.addProperty("id", d.id());
    o.add("title", d.title() == null ? JsonNull.INSTANCE : new JsonPrimitive(d.title()));
    Object date = d.first("date");
    o.add("date", date instanceof Instant t ? new JsonPrimitive(t.toString()) : JsonNull.INSTANCE);
    o.add("parent", d.parent() == null ? JsonNull.INSTANCE : new JsonPrimitive(d.parent()));
    o.add("metadata", metadata(d.userMetadata()));
    o.add("text", d.text() == null ? JsonNull.INSTANCE : new JsonPrimitive(d.text()));
    return o;
  }

  static JsonObject metadata(Map<String, List<Object>> metadata) {
    JsonObject o = new JsonObject();
    metadata.forEach(
        (k, values) -> {
          if (values.size() == 1) {
            o.add(k, value(values.get(0)));
          } else {
            JsonArray a = new JsonArray();
            values.forEach(v -> a.add(value(v)));
            o.add(k, a);
          }
        });
    return o;
  }

  private static JsonElement value(Object v) {
    return switch (v) {
      case String s -> new JsonPrimitive(s);
      case Number n -> new JsonPrimitive(n);
      case Boolean b -> new JsonPrimitive(b);
      case Instant t -> new JsonPrimitive(t.toString());
      default -> new JsonPrimitive(v.toString());
    };
  }
}
