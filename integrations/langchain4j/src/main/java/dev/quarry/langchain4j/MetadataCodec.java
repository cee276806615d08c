package dev.quarry.langchain4j;

import dev.langchain4j.data.document.Metadata;
import dev.quarry.core.QuarryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * LangChain4j metadata to Quarry fields and back, keeping the Java type of every value.
 *
 * <p>Quarry keeps three value families that LangChain4j splits further: keyword ({@code String},
 * {@code UUID}), long ({@code Integer}, {@code Long}) and double ({@code Float}, {@code Double}). A
 * value whose type is not its family's default is recorded in the hidden keyword field {@link
 * #TYPES_FIELD} as {@code key=int}, {@code key=float} or {@code key=uuid}, so it comes back as it
 * was put. A {@code Float} is stored as the double its decimal form denotes ({@code 1.1f} as {@code
 * 1.1}), which is how LangChain4j compares numbers (as decimals) and converts back exactly.
 */
final class MetadataCodec {
  /** Hidden Quarry field with the LangChain4j type of values that are not their family default. */
  static final String TYPES_FIELD = "langchain4j.types";

  private static final String INT = "int";
  private static final String FLOAT = "float";
  private static final String UUID_TYPE = "uuid";

  private MetadataCodec() {}

  /** Quarry metadata for a segment's metadata, type tags included. */
  static Map<String, Object> toQuarry(Metadata metadata) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> tags = new ArrayList<>();
    metadata
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.equals(TYPES_FIELD)) {
                throw QuarryException.invalid(
                    "metadata key '" + TYPES_FIELD + "' is reserved by QuarryEmbeddingStore");
              }
              String tag = tagOf(value);
              if (tag != null) {
                tags.add(key + "=" + tag);
              }
              out.put(key, storedValue(value));
            });
    if (!tags.isEmpty()) {
      out.put(TYPES_FIELD, tags);
    }
    return out;
  }

  /** The segment metadata of stored Quarry fields. */
  static Metadata fromQuarry(Map<String, List<Object>> fields) {
    Map<String, String> tags = new HashMap<>();
    for (Object tag : fields.getOrDefault(TYPES_FIELD, List.of())) {
      String s = (String) tag;
      int eq = s.lastIndexOf('=');
      tags.put(s.substring(0, eq), s.substring(eq + 1));
    }
    Map<String, Object> values = new LinkedHashMap<>();
    fields.forEach(
        (key, list) -> {
          if (!key.equals(TYPES_FIELD)) {
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
      default ->
          throw new QuarryException(
              QuarryException.Kind.CORRUPT,
              "unknown LangChain4j type tag '" + tag + "' in field " + TYPES_FIELD);
    };
  }
}
