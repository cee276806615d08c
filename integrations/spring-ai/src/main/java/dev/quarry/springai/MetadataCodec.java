package dev.quarry.springai;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import dev.quarry.index.SystemFields;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Spring AI metadata ({@code Map<String, Object>}) to Quarry metadata and back, with each value's
 * Java type intact.
 *
 * <p>Quarry canonicalizes metadata (integers to {@code Long}, floats to {@code Double}, dates to
 * {@code Instant}, one list type for one or many values), so a value whose Java type differs from
 * what Quarry gives back gets a hint in Quarry's system field {@link SystemFields#TYPE_HINTS}:
 * {@code "year=int"}, {@code "tags=list:string"}. It is never shown to Spring AI. Values: {@code
 * String, Boolean, Integer, Long, Short, Byte, Float, Double, Instant, LocalDate, java.util.Date},
 * or a {@code List} of one of them; anything else is rejected with the key and type. Documents
 * written by Quarry itself (no hints) come back with Quarry's types.
 */
final class MetadataCodec {
  /**
   * Where record version 1 kept the hints (docs/format.md): still read and hidden, so a Spring AI
   * key of this name is rejected.
   */
  static final String LEGACY_TYPES_FIELD = "spring-ai.types";

  private MetadataCodec() {}

  /** Puts {@code metadata}, type hints included, on {@code document}. */
  static void encode(String id, Map<String, Object> metadata, Document.Builder document) {
    Map<String, String> hints = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      String key = e.getKey();
      if (LEGACY_TYPES_FIELD.equals(key)) {
        throw QuarryException.invalid(
            "document '" + id + "': metadata key '" + key + "' is reserved by Quarry; rename it");
      }
      Object value = e.getValue();
      if (value instanceof List<?> list) {
        List<Object> values = new ArrayList<>(list.size());
        String elementType = null;
        for (Object v : list) {
          String t = scalarType(id, key, v);
          if (elementType != null && !elementType.equals(t)) {
            throw QuarryException.invalid(
                "document '"
                    + id
                    + "': metadata '"
                    + key
                    + "' mixes "
                    + elementType
                    + " and "
                    + t
                    + " values; a list holds one type");
          }
          elementType = t;
          values.add(v);
        }
        if (elementType == null) {
          throw QuarryException.invalid(
              "document '" + id + "': metadata '" + key + "' is an empty list; omit the key");
        }
        hints.put(key, "list:" + elementType);
        document.meta(key, values);
      } else {
        String t = scalarType(id, key, value);
        if (!CANONICAL.contains(t)) {
          hints.put(key, t);
        }
        document.meta(key, value);
      }
    }
    if (!hints.isEmpty()) {
      document.system(SystemFields.TYPE_HINTS, SystemFields.encodeTypeHints(hints));
    }
  }

  /** The Spring AI metadata for stored Quarry metadata, with the original Java types. */
  static Map<String, Object> decode(Map<String, List<Object>> stored) {
    Map<String, String> hints = SystemFields.typeHints(stored, LEGACY_TYPES_FIELD);
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<Object>> e : SystemFields.userOnly(stored).entrySet()) {
      if (e.getKey().equals(LEGACY_TYPES_FIELD)) {
        continue;
      }
      String hint = hints.get(e.getKey());
      if (hint != null && hint.startsWith("list:")) {
        String elementType = hint.substring("list:".length());
        List<Object> values = new ArrayList<>(e.getValue().size());
        e.getValue().forEach(v -> values.add(restore(v, elementType)));
        out.put(e.getKey(), values);
      } else if (hint == null && e.getValue().size() > 1) {
        // Written by Quarry itself (CLI, Quarry.upsert), not by this adapter: a multi-valued field.
        out.put(e.getKey(), List.copyOf(e.getValue()));
      } else {
        out.put(e.getKey(), restore(e.getValue().get(0), hint));
      }
    }
    return out;
  }

  private static final List<String> CANONICAL =
      List.of("string", "boolean", "long", "double", "instant");

  /** The type name of a supported scalar; the error names the key and what to use instead. */
  private static String scalarType(String id, String key, Object v) {
    return switch (v) {
      case String s -> "string";
      case Boolean b -> "boolean";
      case Long l -> "long";
      case Double d -> "double";
      case Instant t -> "instant";
      case Integer i -> "int";
      case Short s -> "short";
      case Byte b -> "byte";
      case Float f -> "float";
      case LocalDate d -> "localdate";
      case Date d -> "date";
      case null -> throw unsupported(id, key, "null");
      default -> throw unsupported(id, key, v + " (" + v.getClass().getName() + ")");
    };
  }

  private static QuarryException unsupported(String id, String key, String what) {
    return QuarryException.invalid(
        "document '"
            + id
            + "': metadata '"
            + key
            + "' is "
            + what
            + "; Quarry stores strings, booleans, integer and floating-point numbers, Instant,"
            + " LocalDate and java.util.Date values, or a list of one of them (convert other"
            + " values, e.g. to a string)");
  }

  /** {@code v} (a canonical Quarry value) as the Java type named by {@code hint}. */
  private static Object restore(Object v, String hint) {
    if (hint == null) {
      return v;
    }
    return switch (hint) {
      case "int" -> ((Long) v).intValue();
      case "short" -> ((Long) v).shortValue();
      case "byte" -> ((Long) v).byteValue();
      case "float" -> ((Double) v).floatValue();
      case "localdate" -> LocalDate.ofInstant((Instant) v, ZoneOffset.UTC);
      case "date" -> Date.from((Instant) v);
      default -> v;
    };
  }
}
