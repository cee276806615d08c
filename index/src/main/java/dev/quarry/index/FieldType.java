package dev.quarry.index;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/** The type of a metadata field, fixed by its first value. Persisted by {@link #id()}. */
public enum FieldType {
  KEYWORD("keyword", 's'),
  LONG("long", 'l'),
  DOUBLE("double", 'd'),
  DATE("date", 't'),
  BOOLEAN("boolean", 'b');

  private final String id;
  private final char tag;

  FieldType(String id, char tag) {
    this.id = id;
    this.tag = tag;
  }

  public String id() {
    return id;
  }

  /** One-byte tag used in the store's binary records (docs/format.md). */
  public char tag() {
    return tag;
  }

  public static FieldType parse(String value) {
    for (FieldType t : values()) {
      if (t.id.equals(value.toLowerCase(Locale.ROOT))) {
        return t;
      }
    }
    throw QuarryException.invalid(
        "unknown field type '" + value + "': use keyword, long, double, date or boolean");
  }

  public static FieldType ofTag(char tag) {
    for (FieldType t : values()) {
      if (t.tag == tag) {
        return t;
      }
    }
    throw new QuarryException(QuarryException.Kind.CORRUPT, "unknown field type tag '" + tag + "'");
  }
}
