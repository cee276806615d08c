package dev.quarry.engine.ingest;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which input fields hold the id, title, text and date; every other scalar or list field becomes
 * metadata unless {@code metadata} names the ones to keep.
 *
 * @param id id field (default {@code id}; {@code _id} is also accepted, as BEIR uses it)
 * @param title title field
 * @param text text field
 * @param date date field, stored as the metadata date {@code date}
 * @param metadata fields to keep as metadata; empty keeps all others
 * @param types declared types of CSV/TSV columns ({@code --types}); the others are inferred
 */
public record FieldMapping(
    String id,
    String title,
    String text,
    String date,
    List<String> metadata,
    Map<String, ValueType> types) {
  public static final FieldMapping DEFAULT =
      new FieldMapping("id", "title", "text", "date", List.of(), Map.of());

  public FieldMapping {
    metadata = List.copyOf(metadata);
    types = Map.copyOf(types);
  }

  /** A note for an input that {@code --types} does not apply to, when types were declared. */
  List<String> typesUnused(String input) {
    return types.isEmpty()
        ? List.of()
        : List.of(input + ": --types applies to CSV/TSV columns only; not used for this input");
  }

  /** Drops the metadata fields not named in {@link #metadata()}, when it names any. */
  void keepListed(Map<String, Object> fields) {
    if (!metadata.isEmpty()) {
      Set<String> keep = new HashSet<>(metadata);
      keep.add("date");
      fields.keySet().retainAll(keep);
    }
  }
}
