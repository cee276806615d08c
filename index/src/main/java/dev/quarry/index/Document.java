package dev.quarry.index;

import dev.quarry.core.QuarryException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A document as stored: external id, optional title, text and parent id, metadata and its vector.
 *
 * <p>Metadata values are canonicalized on construction: integers become {@code Long}, floats {@code
 * Double}, dates ({@code LocalDate}, {@code OffsetDateTime}, {@code ZonedDateTime}, {@code
 * java.util.Date}) {@code Instant}; a collection value is a multi-valued field. Anything else is
 * rejected here, before anything is written.
 *
 * @param id external id, unique in a collection (1..512 UTF-8 bytes)
 * @param title optional title, searched by keyword
 * @param text optional text, searched by keyword
 * @param parent optional id of the parent document (chunks name the document they came from)
 * @param metadata field name to its values (one or more of one type): the user's metadata and,
 *     under keys starting with {@link SystemFields#PREFIX}, Quarry's own fields
 * @param vector the embedding; finite values only
 */
public record Document(
    String id,
    String title,
    String text,
    String parent,
    Map<String, List<Object>> metadata,
    float[] vector) {

  private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]{0,127}");
  private static final int MAX_ID_BYTES = 512;

  public Document {
    checkId(id);
    metadata = canonical(id, metadata == null ? Map.of() : metadata);
    if (vector == null) {
      throw QuarryException.invalid("document '" + id + "' has no vector");
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw QuarryException.invalid(
            "document '"
                + id
                + "': vector component "
                + i
                + " is "
                + vector[i]
                + "; vectors must be finite");
      }
    }
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** The first value of a field, or null. */
  public Object first(String field) {
    List<Object> values = metadata.get(field);
    return values == null ? null : values.get(0);
  }

  /** The user's metadata: {@link #metadata()} without Quarry's {@link SystemFields}. */
  public Map<String, List<Object>> userMetadata() {
    return Collections.unmodifiableMap(SystemFields.userOnly(metadata));
  }

  public Builder toBuilder() {
    Builder b = new Builder(id).title(title).text(text).parent(parent).vector(vector);
    metadata.forEach((k, v) -> b.put(k, v));
    return b;
  }

  static void checkId(String id) {
    if (id == null || id.isEmpty()) {
      throw QuarryException.invalid("document id must not be empty");
    }
    if (id.getBytes(StandardCharsets.UTF_8).length > MAX_ID_BYTES) {
      throw QuarryException.invalid(
          "document id is longer than "
              + MAX_ID_BYTES
              + " bytes: '"
              + id.substring(0, 40)
              + "...'");
    }
  }

  /** The field type of a canonical value. */
  public static FieldType typeOf(Object canonicalValue) {
    return switch (canonicalValue) {
      case String s -> FieldType.KEYWORD;
      case Long l -> FieldType.LONG;
      case Double d -> FieldType.DOUBLE;
      case Instant t -> FieldType.DATE;
      case Boolean b -> FieldType.BOOLEAN;
      default -> throw new IllegalArgumentException("not canonical: " + canonicalValue.getClass());
    };
  }

  private static Map<String, List<Object>> canonical(String id, Map<String, ?> raw) {
    Map<String, List<Object>> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      String key = e.getKey();
      if (key == null || !FIELD_NAME.matcher(key).matches()) {
        throw QuarryException.invalid(
            "document '"
                + id
                + "': metadata field name '"
                + key
                + "' is not allowed: use a letter"
                + " then letters, digits, '_', '.' or '-' (at most 128 characters)");
      }
      Object value = e.getValue();
      List<Object> values = new ArrayList<>();
      if (value instanceof Collection<?> many) {
        for (Object v : many) {
          values.add(canonicalValue(id, key, v));
        }
      } else {
        values.add(canonicalValue(id, key, value));
      }
      if (values.isEmpty()) {
        throw QuarryException.invalid(
            "document '" + id + "': metadata field '" + key + "' has an empty list; omit it");
      }
      FieldType type = typeOf(values.get(0));
      for (Object v : values) {
        if (typeOf(v) != type) {
          throw QuarryException.invalid(
              "document '"
                  + id
                  + "': metadata field '"
                  + key
                  + "' mixes "
                  + type.id()
                  + " and "
                  + typeOf(v).id()
                  + " values; one field holds one type");
        }
      }
      out.put(key, Collections.unmodifiableList(values));
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object canonicalValue(String id, String key, Object v) {
    Object c =
        switch (v) {
          case null -> null;
          case String s -> s;
          case Integer i -> (long) i;
          case Long l -> l;
          case Short s -> (long) s;
          case Byte b -> (long) b;
          case Float f -> (double) f;
          case Double d -> d;
          case Boolean b -> b;
          case Instant t -> t;
          case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant();
          case OffsetDateTime t -> t.toInstant();
          case ZonedDateTime t -> t.toInstant();
          case Date d -> d.toInstant();
          case java.util.UUID u -> u.toString();
          default -> null;
        };
    if (c == null) {
      throw QuarryException.invalid(
          "document '"
              + id
              + "': metadata field '"
              + key
              + "' has unsupported value "
              + v
              + (v == null ? "" : " (" + v.getClass().getSimpleName() + ")")
              + ": use a string, integer, floating-point number, boolean or date, or a list of one"
              + " of them");
    }
    if (c instanceof Double d && !Double.isFinite(d)) {
      throw QuarryException.invalid(
          "document '"
              + id
              + "': metadata field '"
              + key
              + "' is "
              + d
              + "; numbers must be finite");
    }
    return c;
  }

  /** Builds a document; {@link #build()} validates. */
  public static final class Builder {
    private final String id;
    private String title;
    private String text;
    private String parent;
    private final Map<String, List<Object>> metadata = new LinkedHashMap<>();
    private float[] vector;

    private Builder(String id) {
      this.id = id;
    }

    public Builder title(String value) {
      this.title = value;
      return this;
    }

    public Builder text(String value) {
      this.text = value;
      return this;
    }

    public Builder parent(String value) {
      this.parent = value;
      return this;
    }

    /**
     * Sets a user metadata field; a collection value makes it multi-valued. Names starting with
     * {@link SystemFields#PREFIX} are reserved for Quarry and refused.
     */
    public Builder meta(String field, Object value) {
      if (SystemFields.isSystem(field)) {
        throw QuarryException.invalid(
            "document '"
                + id
                + "': metadata field '"
                + field
                + "' uses the prefix '"
                + SystemFields.PREFIX
                + "' reserved for Quarry's own fields; rename it (e.g. '"
                + field.substring(SystemFields.PREFIX.length())
                + "')");
      }
      return put(field, value);
    }

    /** Sets one of Quarry's own fields, named in {@link SystemFields}. */
    public Builder system(String field, Object value) {
      if (!SystemFields.isSystem(field)) {
        throw new IllegalArgumentException("not a system field: " + field);
      }
      return put(field, value);
    }

    private Builder put(String field, Object value) {
      this.metadata.put(
          field,
          value instanceof Collection<?> many
              ? new ArrayList<>(many)
              : Collections.singletonList(value));
      return this;
    }

    public Builder vector(float[] value) {
      this.vector = value;
      return this;
    }

    public Document build() {
      return new Document(id, title, text, parent, metadata, vector);
    }
  }
}
