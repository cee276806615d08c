package dev.quarry.index;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/**
 * How vectors are compared. Persisted by {@link #id()}, never by ordinal.
 *
 * <p>{@code COSINE} vectors are normalized on write, so search uses the dot product; {@code
 * DOT_PRODUCT} requires unit vectors (Quarry's embedders produce them); {@code EUCLIDEAN} is for
 * raw feature vectors such as image pixels.
 */
public enum Similarity {
  COSINE("cosine"),
  DOT_PRODUCT("dot_product"),
  EUCLIDEAN("euclidean");

  private final String id;

  Similarity(String id) {
    this.id = id;
  }

  public String id() {
    return id;
  }

  public static Similarity parse(String value) {
    for (Similarity s : values()) {
      if (s.id.equals(value.toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw QuarryException.invalid(
        "unknown similarity '" + value + "': use cosine, dot_product or euclidean");
  }
}
