package dev.quarry.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import dev.quarry.index.SystemFields;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LangChain4j metadata to Quarry fields and back, keeping the Java type of every value.
 *
 * <p>Quarry keeps three value families that LangChain4j splits further: keyword ({@code String},
 * {@code UUID}), long ({@code Integer}, {@code Long}) and double ({@code Float}, {@code Double}). A
 * value whose type is not its family's default is recorded in Quarry's system field {@link
 * SystemFields#TYPE_HINTS} as {@code key=int}, {@code key=float} or {@code key=uuid}, so it comes
 * back as it was put. A {@code Float} is stored as the double its decimal form denotes ({@code
 * 1.1f} as {@code 1.1}), which is how LangChain4j compares numbers (as decimals) and converts back
 * exactly.
 */
final class MetadataCodec {
  /**
   * Where record version 1 kept the hints (docs/format.md): still read and hidden, so a key of this
   * name is refused.
   */
  static final String LEGACY_TYPES_FIELD = "langchain4j.types";

  private static final String INT = "int";
  private static final String FLOAT = "float";
  private static final String UUID_TYPE = "uuid";

  private MetadataCodec() {}

  /** Puts a segment's metadata, type hints included, on {@code document}. */
  static void toQuarry(Metadata metadata, Document.Builder document) {
    Map<String, String> tags = new LinkedHashMap<>();
    metadata
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.equals(LEGACY_TYPES_FIELD)) {
                throw QuarryException.invalid(
                    "metadata key '"
                        + LEGACY_TYPES_FIELD
                        + "' is reserved by QuarryEmbeddingStore; rename it");
              }
              String tag = tagOf(value);
              if (tag != null) {
                tags.put(key, tag);
              }
              document.meta(key, storedValue(value));
            });
    if (!tags.isEmpty()) {
      document.system(SystemFields.TYPE_HINTS, SystemFields.encodeTypeHints(tags));
    }
  }

  /** The segment metadata of a stored document's fields. */
  static Metadata fromQuarry(Map<String, List<Object>> fields) {
    Map<String, String> tags = SystemFields.typeHints(fields, LEGACY_TYPES_FIELD);
    Map<String, Object> values = new LinkedHashMap<>();
    SystemFields.userOnly(fields)
        .forEach(
            (key, list) -> {
              if (!key.equals(LEGACY_TYPES_FIELD)) {
                values.put(key, restore(list.get(0), tags.get(key)));
              }
            });
    return Metadata.from(values);
  }

  /**
   * A LangChain4j value (metadata or filter) as Quarry compares it: integers as {@code Long},
   * floats as the double of their decimal form, UUIDs as their text.
   */
  static Object storedValue(Object value) {
    return switch (value) {
      case Integer i -> (long) i;
      case Float f -> Double.parseDouble(Float.toString(f));
      case UUID u -> u.toString();
      default -> value;
    };
  }

  private static String tagOf(Object value) {
    return switch (value) {
      case Integer i -> INT;
      case Float f -> FLOAT;
      case UUID u -> UUID_TYPE;
      default -> null;
    };
  }

  private static Object restore(Object stored, String tag) {
    if (tag == null) {
      return stored;
    }
    return switch (tag) {
      case INT -> Math.toIntExact((Long) stored);
      case FLOAT -> ((Double) stored).floatValue();
      case UUID_TYPE -> UUID.fromString((String) stored);
      // A tag of another adapter's vocabulary (the hints field is shared): Quarry's own type.
      default -> stored;
    };
  }
}
