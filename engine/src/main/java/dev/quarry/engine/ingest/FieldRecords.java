package dev.quarry.engine.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record of named fields to a document, by a {@link FieldMapping}: the rule that JSON lines and
 * other structured inputs (a Spark row) share, so that the same record becomes the same document
 * whatever read it. Values are Java values: strings, {@code Long}, {@code Double}, {@code Boolean},
 * {@code LocalDate}, {@code Instant}, lists and maps (flattened to dotted names). A null value adds
 * nothing, but a null date is rejected: a caller whose input has no "missing" leaves the field out.
 */
public final class FieldRecords {
  private FieldRecords() {}

  /** The document of {@code fields}, or a rejection at {@code location} saying what is missing. */
  public static SourceRecord of(String location, Map<String, ?> fields, FieldMapping mapping) {
    String id = scalar(fields.get(mapping.id()));
    if (id == null && mapping.id().equals("id")) {
      id = scalar(fields.get("_id")); // BEIR's name for it
    }
    if (id == null || id.isBlank()) {
      return SourceRecord.rejected(location, "missing id (field '" + mapping.id() + "')");
    }
    String text = scalar(fields.get(mapping.text()));
    if (text == null || text.isBlank()) {
      return SourceRecord.rejected(
          location, "document '" + id + "' has no text (field '" + mapping.text() + "')");
    }
    String title = scalar(fields.get(mapping.title()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : fields.entrySet()) {
      String key = e.getKey();
      if (key.equals(mapping.id())
          || key.equals("_id")
          || key.equals(mapping.text())
          || key.equals(mapping.title())) {
        continue;
      }
      if (key.equals(mapping.date())) {
        Object date = date(e.getValue());
        if (date == null) {
          return SourceRecord.rejected(
              location,
              "document '" + id + "': field '" + key + "' is not an ISO date: " + e.getValue());
        }
        metadata.put("date", date);
        continue;
      }
      Values.flatten(key, e.getValue(), metadata);
    }
    mapping.keepListed(metadata);
    return SourceRecord.ok(location, new TextDocument(id, title, text, metadata));
  }

  private static Object date(Object value) {
    if (value instanceof LocalDate || value instanceof Instant) {
      return value;
    }
    String raw = scalar(value);
    return raw == null ? null : Values.date(raw);
  }

  /** A scalar as text (a number as written); null for a missing, list or map value. */
  private static String scalar(Object value) {
    return value == null || value instanceof Map<?, ?> || value instanceof List<?>
        ? null
        : value.toString();
  }
}
