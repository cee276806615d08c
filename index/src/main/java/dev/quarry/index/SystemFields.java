package dev.quarry.index;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Quarry's own per-document fields, kept in one reserved namespace apart from user metadata.
 *
 * <p>Every key that starts with {@link #PREFIX} is a system field: it is written only through
 * {@link Document.Builder#system}, {@link Document.Builder#meta} refuses it, and {@link
 * Document#userMetadata()} leaves it out. Bookkeeping therefore never collides with a user's own
 * {@code content_hash} or {@code chunk} key. Records of version 1 (docs/format.md) wrote the
 * ingestion bookkeeping as plain {@code content_hash} and {@code chunk}: those stay user-visible,
 * since they cannot be told apart from a user's keys.
 */
public final class SystemFields {
  /** The reserved prefix; user metadata keys must not start with it. */
  public static final String PREFIX = "quarry.";

  /** Ingestion: hash of the source document and chunking settings (skip-unchanged check). */
  public static final String CONTENT_HASH = PREFIX + "content_hash";

  /** Ingestion: a chunk's position in its document, when the document has several. */
  public static final String CHUNK = PREFIX + "chunk";

  /** Adapters: {@code key=tag} hints naming the Java type a value had before canonicalization. */
  public static final String TYPE_HINTS = PREFIX + "types";

  private SystemFields() {}

  /** Whether {@code key} is a system field name. */
  public static boolean isSystem(String key) {
    return key != null && key.startsWith(PREFIX);
  }

  /** {@code fields} without its system fields, in the same order. */
  public static <V> Map<String, V> userOnly(Map<String, V> fields) {
    Map<String, V> out = new LinkedHashMap<>();
    fields.forEach(
        (k, v) -> {
          if (!isSystem(k)) {
            out.put(k, v);
          }
        });
    return out;
  }

  /** The stored form of type hints: one {@code key=tag} value per hinted key. */
  public static List<String> encodeTypeHints(Map<String, String> tags) {
    List<String> out = new ArrayList<>(tags.size());
    tags.forEach((key, tag) -> out.add(key + "=" + tag));
    return out;
  }

  /**
   * The type hints of stored metadata: key to tag, read from {@link #TYPE_HINTS} or, for documents
   * written before the reserved namespace, from the adapter's {@code legacyField}.
   */
  public static Map<String, String> typeHints(
      Map<String, List<Object>> metadata, String legacyField) {
    List<Object> stored = metadata.get(TYPE_HINTS);
    if (stored == null) {
      stored = metadata.getOrDefault(legacyField, List.of());
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Object hint : stored) {
      String s = (String) hint;
      // Keys may hold '=', tags never do.
      int eq = s.lastIndexOf('=');
      tags.put(s.substring(0, eq), s.substring(eq + 1));
    }
    return tags;
  }
}
