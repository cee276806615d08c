package dev.quarry.explore;

import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every document of a collection with its vector, read once from the store, in id order: the input
 * of work over a whole collection. Chunks count as documents of their own.
 */
public record Points(List<Document> documents) {
  public Points {
    documents = Collections.unmodifiableList(documents);
  }

  /** Reads every document of {@code collection}; fails with one line when it holds none. */
  public static Points of(Collection collection, String task) {
    ExploreChecks.requireVectors(collection, task);
    List<Document> all = new ArrayList<>();
    collection.forEachDocument(all::add);
    return new Points(all);
  }

  public int size() {
    return documents.size();
  }

  public Document get(int i) {
    return documents.get(i);
  }

  public float[] vector(int i) {
    return documents.get(i).vector();
  }

  /** The first value of {@code field} of document {@code i} as text, or null when it has none. */
  public String label(int i, String field) {
    Object v = documents.get(i).first(field);
    return v == null ? null : v.toString();
  }

  /** The title of document {@code i}, or its id when it has none. */
  public String title(int i) {
    Document d = documents.get(i);
    return d.title() == null || d.title().isBlank() ? d.id() : d.title();
  }
}
