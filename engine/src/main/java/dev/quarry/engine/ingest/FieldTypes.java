package dev.quarry.engine.ingest;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import dev.quarry.index.FieldType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks each record's metadata against the collection's field types, in input order, before it is
 * batched: a field holds one type, and a record that breaks this (or has a field name or value that
 * cannot be stored) is rejected with its location, instead of failing the whole batch when it is
 * written. Front matter varies from file to file, so this is where it meets the schema. An integer
 * where the field holds fractions is stored as a fraction.
 */
final class FieldTypes {
  private final Map<String, FieldType> known;

  FieldTypes(Map<String, FieldType> existing) {
    this.known = new HashMap<>(existing);
  }

  /**
   * The document as it can be stored, or the problem.
   *
   * @param document the record's document, maybe with integers turned into fractions; null when
   *     rejected
   * @param problem why it cannot be stored, or null
   */
  record Admitted(TextDocument document, String problem) {}

  Admitted admit(TextDocument d) {
    Map<String, List<Object>> canonical;
    try {
      Document.Builder probe = Document.builder(d.id()).vector(new float[0]);
      d.metadata().forEach(probe::meta);
      canonical = probe.build().metadata();
    } catch (QuarryException e) {
      return new Admitted(null, e.getMessage());
    }
    Map<String, Object> fixed = null;
    Map<String, FieldType> added = new HashMap<>();
    for (Map.Entry<String, List<Object>> e : canonical.entrySet()) {
      FieldType type = Document.typeOf(e.getValue().get(0));
      FieldType want = known.getOrDefault(e.getKey(), added.getOrDefault(e.getKey(), type));
      if (want == type) {
        added.put(e.getKey(), type);
      } else if (want == FieldType.DOUBLE && type == FieldType.LONG) {
        fixed = fixed == null ? new LinkedHashMap<>(d.metadata()) : fixed;
        fixed.put(
            e.getKey(), e.getValue().stream().map(v -> (Object) ((Long) v).doubleValue()).toList());
      } else {
        return new Admitted(
            null,
            "document '"
                + d.id()
                + "': field '"
                + e.getKey()
                + "' holds "
                + want.id()
                + " values in this collection, got "
                + type.id()
                + " "
                + e.getValue().get(0));
      }
    }
    known.putAll(added);
    return new Admitted(
        fixed == null ? d : new TextDocument(d.id(), d.title(), d.text(), fixed), null);
  }
}
