package dev.quarry.explore;

import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.spi.FilterCompiler;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.Query;

/**
 * k-nearest-neighbour classification over a collection's labelled documents: the k nearest labelled
 * documents vote with their similarity score as weight. Neighbours come from the collection's HNSW
 * graph, or from an exact scan for comparison.
 */
public final class KnnClassifier {
  /** Where neighbours come from. */
  public enum Search {
    /** The HNSW graph: what Quarry's searches use. */
    GRAPH,
    /** A scan of every vector: exact, slower; the reference the graph is measured against. */
    EXACT
  }

  private final Collection collection;
  private final Map<String, String> labels;
  private final int k;
  private final Search search;
  private final Query labelled;

  private KnnClassifier(
      Collection collection, Map<String, String> labels, int k, Search search, Query labelled) {
    this.collection = collection;
    this.labels = labels;
    this.k = k;
    this.search = search;
    this.labelled = labelled;
  }

  /**
   * A classifier voting with the documents of {@code points} that have {@code field}; {@code
   * points} must be {@code collection}'s.
   */
  public static KnnClassifier over(
      Collection collection, Points points, String field, int k, Search search) {
    ExploreChecks.requireField(collection, field);
    ExploreChecks.requireRange("k", k, 1, 1000);
    Map<String, String> labels = new HashMap<>();
    for (int i = 0; i < points.size(); i++) {
      String label = points.label(i, field);
      if (label != null) {
        labels.put(points.get(i).id(), label);
      }
    }
    if (labels.isEmpty()) {
      throw dev.quarry.core.QuarryException.invalid(
          "no document of collection " + collection.path() + " has field '" + field + "'");
    }
    // Only when some documents lack the label does the search need a filter: unfiltered HNSW is
    // faster, and its k hits are then all voters.
    Query filter =
        labels.size() == points.size()
            ? null
            : new FilterCompiler(collection.fields(), collection.lucene().analyzer())
                .compile(Filter.exists(field));
    return new KnnClassifier(collection, Map.copyOf(labels), k, search, filter);
  }

  /** The label of {@code vector}. */
  public Prediction predict(float[] vector) {
    return predict(vector, null);
  }

  /**
   * The label of {@code vector}, leaving out the document {@code exclude} (the one being
   * classified, in leave-one-out cross-validation); null leaves out none.
   */
  public Prediction predict(float[] vector, String exclude) {
    int want = exclude == null ? k : k + 1;
    List<Hit> hits =
        search == Search.GRAPH
            ? collection.lucene().knn(vector, want, labelled, KnnOptions.DEFAULTS).hits()
            : collection.lucene().exactSearch(vector, want, labelled);
    Map<String, Double> votes = new HashMap<>();
    double total = 0;
    int used = 0;
    for (Hit hit : hits) {
      if (used == k || hit.id().equals(exclude)) {
        continue;
      }
      String label = labels.get(hit.id());
      if (label != null) {
        votes.merge(label, (double) hit.score(), Double::sum);
        total += hit.score();
        used++;
      }
    }
    return Votes.winner(votes, total);
  }

  /** The labels of the labelled documents, by id. */
  public Map<String, String> labels() {
    return labels;
  }
}
