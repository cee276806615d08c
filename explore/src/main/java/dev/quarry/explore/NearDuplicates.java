package dev.quarry.explore;

import dev.quarry.core.Vectors;
import dev.quarry.index.Collection;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Near-duplicate documents: pairs whose vectors' cosine similarity is at least a threshold, and the
 * groups they join into (union-find). Candidates come from each document's nearest neighbours in
 * the HNSW graph, so the cost grows with n log n, not with the n²/2 pairs of a full scan.
 */
public final class NearDuplicates {
  /**
   * The default threshold: on planted near-duplicates of SciFact abstracts with all-MiniLM-L6-v2
   * (bin/bench dupes) it keeps precision and recall at or above 0.95 (decision 0081).
   */
  public static final double DEFAULT_THRESHOLD = 0.90;

  /** Neighbours asked of the graph per document: the most copies one document can be seen with. */
  public static final int DEFAULT_NEIGHBOURS = 10;

  private NearDuplicates() {}

  /** Pairs and groups of {@code points} (read from {@code collection}) through the graph. */
  public static Result find(
      Collection collection, Points points, double threshold, int neighbours) {
    check(threshold, neighbours);
    Map<String, Integer> index = positions(points);
    List<DuplicatePair> pairs = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      String id = points.get(i).id();
      for (Hit hit : collection.search(points.vector(i), neighbours + 1, KnnOptions.DEFAULTS)) {
        Integer j = index.get(hit.id());
        // Each pair is seen from both ends: keep it once, from the end whose id sorts first.
        if (j != null && id.compareTo(hit.id()) < 0) {
          double s = cosine(points.vector(i), points.vector(j));
          if (s >= threshold) {
            pairs.add(new DuplicatePair(id, hit.id(), s));
          }
        }
      }
    }
    return Result.of(pairs);
  }

  /** The same by comparing every pair: the exact answer, for measuring {@link #find}. */
  public static Result allPairs(Points points, double threshold) {
    check(threshold, 1);
    List<DuplicatePair> pairs = new ArrayList<>();
    for (int i = 0; i < points.size(); i++) {
      for (int j = i + 1; j < points.size(); j++) {
        double s = cosine(points.vector(i), points.vector(j));
        if (s >= threshold) {
          String a = points.get(i).id();
          String b = points.get(j).id();
          pairs.add(a.compareTo(b) < 0 ? new DuplicatePair(a, b, s) : new DuplicatePair(b, a, s));
        }
      }
    }
    return Result.of(pairs);
  }

  private static void check(double threshold, int neighbours) {
    ExploreChecks.requireRange("threshold", threshold, 0.5, 1);
    ExploreChecks.requireRange("neighbours", neighbours, 1, 1000);
  }

  private static Map<String, Integer> positions(Points points) {
    Map<String, Integer> index = new HashMap<>(points.size() * 2);
    for (int i = 0; i < points.size(); i++) {
      index.put(points.get(i).id(), i);
    }
    return index;
  }

  private static double cosine(float[] a, float[] b) {
    return Vectors.dot(a, b) / (Vectors.norm(a) * Vectors.norm(b));
  }

  /**
   * Pairs, most similar first, and groups: each a list of ids of two or more documents linked by
   * pairs, sorted; the groups sorted by their first id.
   */
  public record Result(List<DuplicatePair> pairs, List<List<String>> groups) {
    static Result of(List<DuplicatePair> pairs) {
      pairs.sort(
          Comparator.comparingDouble(DuplicatePair::similarity)
              .reversed()
              .thenComparing(DuplicatePair::a)
              .thenComparing(DuplicatePair::b));
      UnionFind groups = new UnionFind();
      pairs.forEach(p -> groups.union(p.a(), p.b()));
      return new Result(List.copyOf(pairs), groups.groups());
    }
  }

  /** Disjoint sets of ids with path halving. */
  private static final class UnionFind {
    private final Map<String, String> parent = new LinkedHashMap<>();

    void union(String a, String b) {
      String ra = root(a);
      String rb = root(b);
      if (!ra.equals(rb)) {
        parent.put(ra.compareTo(rb) < 0 ? rb : ra, ra.compareTo(rb) < 0 ? ra : rb);
      }
    }

    private String root(String x) {
      parent.putIfAbsent(x, x);
      String r = x;
      while (!parent.get(r).equals(r)) {
        parent.put(r, parent.get(parent.get(r)));
        r = parent.get(r);
      }
      return r;
    }

    List<List<String>> groups() {
      Map<String, List<String>> byRoot = new java.util.TreeMap<>();
      for (String id : new ArrayList<>(parent.keySet())) {
        byRoot.computeIfAbsent(root(id), r -> new ArrayList<>()).add(id);
      }
      List<List<String>> out = new ArrayList<>();
      byRoot.values().forEach(g -> out.add(g.stream().sorted().toList()));
      return out;
    }
  }
}
