package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import java.util.Locale;

/** How vectors are laid out in two dimensions. */
public enum MapMethod {
  /** UMAP on the HNSW graph's nearest neighbours: keeps local neighbourhoods. */
  UMAP,
  /** The first two principal components: linear, keeps the largest variances. */
  PCA;

  public static MapMethod parse(String value) {
    for (MapMethod m : values()) {
      if (m.name().equalsIgnoreCase(value)) {
        return m;
      }
    }
    throw QuarryException.invalid("unknown map method '" + value + "': use umap or pca");
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
