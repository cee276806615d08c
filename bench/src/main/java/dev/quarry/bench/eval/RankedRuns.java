package dev.quarry.bench.eval;

import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchRequest.Mode;
import dev.quarry.query.SearchRequest.Negation;
import dev.quarry.query.SearchRequest.RecencyMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/** Labelled queries run through an engine under one arm, scored on the top 10. */
final class RankedRuns {
  static final int K = 10;

  /** A search configuration. */
  record Arm(String name, Mode mode, Negation negation, RecencyMode recency) {}

  /**
   * @param violation10 share of queries with an excluded document in the top 10
   * @param recall10 mean share of the relevant documents in the top 10 (of at most 10)
   */
  record ExclusionScores(int n, double violation10, double recall10) {}

  /**
   * @param expectedFirstAtOne share of queries whose newest relevant dated document ranks first
   * @param undatedAtOne share of queries whose first hit is undated
   * @param withUndatedRelevant queries with an undated relevant document
   * @param undatedAboveNewest share of those where one ranks above the newest relevant dated one
   */
  record RecencyScores(
      int n,
      double expectedFirstAtOne,
      double undatedAtOne,
      int withUndatedRelevant,
      double undatedAboveNewest) {}

  private final QueryEngine engine;
  private final Instant asOf;
  private final Consumer<String> failures;

  /**
   * {@code asOf} null: now. {@code failures} receives one report per failing query (an excluded
   * document in the top 10, a relevant one missing, the newest relevant one not first), in query
   * order.
   */
  RankedRuns(QueryEngine engine, Instant asOf, Consumer<String> failures) {
    this.engine = engine;
    this.asOf = asOf;
    this.failures = failures;
  }

  ExclusionScores exclusion(Arm arm, List<HeldoutSet.Query> queries) {
    List<List<String>> tops = tops(arm, queries);
    List<double[]> perQuery =
        IntStream.range(0, queries.size())
            .mapToObj(
                i -> {
                  HeldoutSet.Query q = queries.get(i);
                  List<String> top = tops.get(i);
                  boolean violated = top.stream().anyMatch(q.excluded()::contains);
                  long found = top.stream().filter(q.relevant()::contains).count();
                  double recall = (double) found / Math.min(K, q.relevant().size());
                  return new double[] {violated ? 1 : 0, recall};
                })
            .toList();
    for (int i = 0; i < queries.size(); i++) {
      if (perQuery.get(i)[0] == 1 || perQuery.get(i)[1] < 1) {
        failures.accept(report(arm, queries.get(i), tops.get(i)));
      }
    }
    return new ExclusionScores(
        queries.size(), mean(perQuery, 0, queries.size()), mean(perQuery, 1, queries.size()));
  }

  RecencyScores recency(Arm arm, List<HeldoutSet.Query> queries, Set<String> undated) {
    List<List<String>> tops = tops(arm, queries);
    List<double[]> perQuery =
        IntStream.range(0, queries.size())
            .mapToObj(
                i -> {
                  HeldoutSet.Query q = queries.get(i);
                  List<String> top = tops.get(i);
                  boolean first = !top.isEmpty() && top.get(0).equals(q.expectedFirst());
                  boolean undatedFirst = !top.isEmpty() && undated.contains(top.get(0));
                  boolean hasUndated = q.relevant().stream().anyMatch(undated::contains);
                  int newest = top.indexOf(q.expectedFirst());
                  int limit = newest < 0 ? top.size() : newest;
                  boolean above =
                      top.subList(0, limit).stream()
                          .anyMatch(id -> undated.contains(id) && q.relevant().contains(id));
                  return new double[] {
                    first ? 1 : 0, undatedFirst ? 1 : 0, hasUndated ? 1 : 0, above ? 1 : 0
                  };
                })
            .toList();
    for (int i = 0; i < queries.size(); i++) {
      if (perQuery.get(i)[0] == 0) {
        failures.accept(report(arm, queries.get(i), tops.get(i)));
      }
    }
    int withUndated = (int) perQuery.stream().filter(r -> r[2] == 1).count();
    return new RecencyScores(
        queries.size(),
        mean(perQuery, 0, queries.size()),
        mean(perQuery, 1, queries.size()),
        withUndated,
        withUndated == 0 ? 0 : perQuery.stream().mapToDouble(r -> r[3]).sum() / withUndated);
  }

  private List<String> top(Arm arm, String text) {
    SearchRequest request =
        SearchRequest.builder(text)
            .k(K)
            .mode(arm.mode())
            .negation(arm.negation())
            .recency(SearchRequest.Recency.DEFAULT.withMode(arm.recency()).withAsOf(asOf))
            .build();
    return engine.search(request).hits().stream().map(SearchHit::id).toList();
  }

  /** Each query's top 10 ids, searched in parallel, in query order. */
  private List<List<String>> tops(Arm arm, List<HeldoutSet.Query> queries) {
    return queries.parallelStream().map(q -> top(arm, q.text())).toList();
  }

  /** The query, then its top 10 marked R (relevant), X (excluded), F (expected first). */
  private static String report(Arm arm, HeldoutSet.Query q, List<String> top) {
    StringBuilder out = new StringBuilder();
    out.append(String.format("%n[%s] %s  %s%n", arm.name(), q.id(), q.text()));
    for (String id : top) {
      String mark =
          id.equals(q.expectedFirst())
              ? "F"
              : q.excluded().contains(id) ? "X" : q.relevant().contains(id) ? "R" : ".";
      out.append("  ").append(mark).append(' ').append(id).append('\n');
    }
    q.relevant().stream()
        .filter(id -> !top.contains(id))
        .forEach(id -> out.append("  missing R ").append(id).append('\n'));
    return out.toString();
  }

  private static double mean(List<double[]> rows, int column, int n) {
    return n == 0 ? 0 : rows.stream().mapToDouble(r -> r[column]).sum() / n;
  }
}
