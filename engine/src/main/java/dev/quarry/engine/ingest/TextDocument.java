package dev.quarry.engine.ingest;

import dev.quarry.core.QuarryException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A document before embedding: what users and readers hand to Quarry.
 *
 * @param id external id (required)
 * @param title optional title; embedded before the text (as MTEB does: title + " " + text)
 * @param text the text (required, non-blank)
 * @param metadata field values: strings, numbers, booleans, dates, or lists of one of them
 */
public record TextDocument(String id, String title, String text, Map<String, Object> metadata) {
  public TextDocument {
    if (id == null || id.isBlank()) {
      throw QuarryException.invalid("document has no id");
    }
    if (text == null || text.isBlank()) {
      throw QuarryException.invalid("document '" + id + "' has no text");
    }
    metadata =
        metadata == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
  }

  public static TextDocument of(String id, String text) {
    return new TextDocument(id, null, text, Map.of());
  }
}
