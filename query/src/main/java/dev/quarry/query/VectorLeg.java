package dev.quarry.query;

import dev.quarry.core.Embedder;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.KnnResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.search.Query;

/**
 * The vector leg: the query vector (text, the request's vector, examples), the filtered k-NN
 * search, and the exclusion's penalty on the similarities.
 */
final class VectorLeg {
  private static final double LIKE_WEIGHT = 1.0;
  private static final double UNLIKE_WEIGHT = 0.5;

  private final Collection collection;
  private final Embedder embedder;
  private final Plan plan;

  VectorLeg(Collection collection, Embedder embedder, Plan plan) {
    this.collection = collection;
    this.embedder = embedder;
    this.plan = plan;
  }

  /**
   * The leg's candidates in vector order, and the exclusion's penalty.
   *
   * @param ran whether the leg ran at all
   * @param penalty the penalty the keyword leg applies too, or null
   */
  record Result(boolean ran, List<Candidate> ranked, ExclusionPenalty penalty) {}

  /** Whether the request can be searched by vector. */
  boolean applies(SearchRequest r, SearchPlan p) {
    return r.mode() != SearchRequest.Mode.KEYWORD
        && (r.vector() != null
            || !r.like().isEmpty()
            || (embedder != null && !p.semantic().isBlank()));
  }

  Result run(SearchRequest r, SearchPlan p, Map<String, Candidate> candidates) {
    if (!applies(r, p)) {
      if (r.mode() != SearchRequest.Mode.KEYWORD) {
        plan.add("vector: skipped (no embedder for this collection); keyword only");
      }
      return new Result(false, new ArrayList<>(), null);
    }
    Set<String> likeIds = Set.copyOf(r.like().ids());
    float[] q = queryVector(r, p.semantic());
    List<Candidate> ranked = new ArrayList<>();
    for (Hit h : search(q, p.pool() + likeIds.size(), p.filter(), r.knn())) {
      if (likeIds.contains(h.id())) {
        continue; // more-like-this never returns its own examples
      }
      Candidate c = candidates.computeIfAbsent(h.id(), Candidate::new);
      c.cosine = h.score();
      ranked.add(c);
    }
    ExclusionPenalty penalty =
        ExclusionPenalty.onVectorLeg(
            r.negation(), p.exclusion(), p.titles(), ranked, embedder, collection, plan);
    ranked.sort(Comparator.comparingDouble(Candidate::vectorFinal).reversed());
    return new Result(true, ranked, penalty);
  }

  private float[] queryVector(SearchRequest r, String semantic) {
    int dims = collection.config().dimensions();
    float[] q = new float[dims];
    boolean any = false;
    if (r.vector() != null) {
      add(q, r.vector(), 1);
      any = true;
      plan.add("vector: the request's vector");
    } else if (!semantic.isBlank()) {
      add(q, embedder.embed(semantic, Role.QUERY), 1);
      any = true;
      plan.add("vector: embedded \"" + semantic + "\" as a query");
    }
    float[] like = examples(r.like());
    if (like != null) {
      add(q, like, any ? LIKE_WEIGHT : 1);
      any = true;
      plan.add(
          "vector: + mean of "
              + (r.like().ids().size() + r.like().texts().size())
              + " positive examples");
    }
    float[] unlike = examples(r.unlike());
    if (unlike != null) {
      add(q, unlike, -UNLIKE_WEIGHT);
      plan.add(
          "vector: − "
              + UNLIKE_WEIGHT
              + " × mean of "
              + (r.unlike().ids().size() + r.unlike().texts().size())
              + " negative examples");
    }
    if (!any) {
      throw QuarryException.invalid(
          "nothing to search by vector: give text, a vector, or positive examples");
    }
    return Vectors.normalizeInPlace(q);
  }

  /** Mean of the examples' unit vectors, or null when there are none. */
  private float[] examples(SearchRequest.Examples ex) {
    if (ex.isEmpty()) {
      return null;
    }
    float[] sum = new float[collection.config().dimensions()];
    for (String id : ex.ids()) {
      Document d =
          collection
              .get(id)
              .orElseThrow(
                  () ->
                      new QuarryException(
                          QuarryException.Kind.NOT_FOUND,
                          "example document '" + id + "' does not exist"));
      add(sum, Vectors.normalizeInPlace(d.vector().clone()), 1);
    }
    if (!ex.texts().isEmpty()) {
      if (embedder == null) {
        throw QuarryException.invalid("example texts need an embedder; this collection has none");
      }
      for (float[] v : embedder.embed(ex.texts(), Role.PASSAGE).vectors()) {
        add(sum, v, 1);
      }
    }
    return Vectors.normalizeInPlace(sum);
  }

  private static void add(float[] acc, float[] v, double w) {
    if (v.length != acc.length) {
      throw QuarryException.invalid(
          "vector has " + v.length + " dimensions, the collection " + acc.length);
    }
    for (int i = 0; i < acc.length; i++) {
      acc[i] += (float) (w * v[i]);
    }
  }

  private List<Hit> search(float[] q, int pool, Query filter, KnnOptions knn) {
    KnnResult result = collection.lucene().knn(q, pool, filter, knn);
    double pct = result.total() == 0 ? 0 : 100.0 * result.passing() / result.total();
    plan.add(
        switch (result.strategy()) {
          case GRAPH -> "vector: HNSW search, beam " + result.beam() + ", no filter";
          case FILTERED_GRAPH ->
              String.format(
                  Locale.ROOT,
                  "vector: HNSW with the filter applied inside the graph search: %d documents (%.2f%%) pass; beam %d (efSearch %d × √%.3f: the filtered walk also looks two hops out)%s",
                  result.passing(),
                  pct,
                  result.beam(),
                  result.efSearch(),
                  pct / 100,
                  knn.plan() == KnnOptions.Plan.GRAPH ? "; graph walk requested" : "");
          case EXACT_SCAN ->
              String.format(
                  Locale.ROOT,
                  "vector: exact scan of the %d documents (%.2f%%) that pass the filter: %s",
                  result.passing(),
                  pct,
                  knn.plan() == KnnOptions.Plan.EXACT
                      ? "exact scan requested"
                      : "fewer than a filtered graph walk would visit, so exact and cheaper");
        });
    return result.hits();
  }
}
