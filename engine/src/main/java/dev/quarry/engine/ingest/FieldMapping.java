package dev.quarry.engine.ingest;

import java.util.List;

/**
 * Which input fields hold the id, title, text and date; every other scalar or list field becomes
 * metadata unless {@code metadata} names the ones to keep.
 *
 * @param id id field (default {@code id}; {@code _id} is also accepted, as BEIR uses it)
 * @param title title field
 * @param text text field
 * @param date date field, stored as the metadata date {@code date}
 * @param metadata fields to keep as metadata; empty keeps all others
 */
public record FieldMapping(
    String id, String title, String text, String date, List<String> metadata) {
  public static final FieldMapping DEFAULT =
      new FieldMapping("id", "title", "text", "date", List.of());

  public FieldMapping {
    metadata = List.copyOf(metadata);
  }
}
