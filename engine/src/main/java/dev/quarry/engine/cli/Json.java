package dev.quarry.engine.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * JSON forms of documents and search results (schema: docs/search-result.schema.json), shared by
 * {@code quarry search --json} and the server so that both answer in the same shape.
 */
public final class Json {
  private Json() {}

  public static JsonObject document(Document d) {
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

  public static JsonObject metadata(Map<String, List<Object>> metadata) {
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

  /** A search's request and result as one object ({@code quarry search --json}). */
  public static JsonObject searchResult(SearchRequest request, SearchResult r) {
    JsonObject o = new JsonObject();
    o.addProperty("query", request.text());
    o.addProperty("k", request.k());
    o.addProperty("offset", request.offset());
    o.addProperty("mode", request.mode().id());
    o.addProperty("took_ms", Math.round(r.tookMillis() * 100) / 100.0);
    JsonArray hits = new JsonArray();
    for (SearchHit h : r.hits()) {
      JsonObject hit = document(h.document());
      hit.addProperty("score", h.score());
      JsonObject parts = new JsonObject();
      h.parts().asMap().forEach(parts::addProperty);
      hit.add("parts", parts);
      hits.add(hit);
    }
    o.add("hits", hits);
    JsonArray plan = new JsonArray();
    r.plan().forEach(plan::add);
    o.add("plan", plan);
    return o;
  }

  /**
   * A reference time: YYYY-MM-DD (the end of that day, UTC) or an ISO instant; {@code option} names
   * the option or field in the error.
   */
  public static Instant instant(String s, String option) {
    try {
      return s.length() == 10
          ? LocalDate.parse(s).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
          : Instant.parse(s);
    } catch (DateTimeParseException e) {
      throw QuarryException.invalid(
          option + " " + s + ": use YYYY-MM-DD or an ISO instant like 2024-05-01T12:00:00Z");
    }
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
