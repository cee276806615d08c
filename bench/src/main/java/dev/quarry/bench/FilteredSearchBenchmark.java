package dev.quarry.bench;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.Similarity;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.spi.FilterCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.lucene.search.Query;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Filtered vector search through the query engine on real embeddings: recall@10 against exact
 * filtered search and latency at 1% and 10% selectivity, against unfiltered search in the same run
 * (interleaved query by query). {@code --compare-paths} also times both plans the engine chooses
 * between (filtered HNSW walk, exact scan) on every filter, which is how the plan's threshold was
 * set.
 *
 * <p>Run: {@code bin/bench filtered --data ../shared/data [--docs 116659] [--queries 500]
 * [--selectivity 10,1] [--compare-paths]}
 */
@Command(
    name = "filtered",
    mixinStandardHelpOptions = true,
    description = "Filtered search recall and latency.")
public final class FilteredSearchBenchmark implements Runnable {
  @Mixin BenchPaths paths;

  @Option(names = "--docs", description = "Vectors to index. Default: ${DEFAULT-VALUE}.")
  int docs = 116_659;

  @Option(names = "--queries", description = "Queries. Default: ${DEFAULT-VALUE}.")
  int queries = 500;

  @Option(
      names = "--seed",
      description = "Seed of the random bucket assignment. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--ef-search",
      description =
          "HNSW beam of the filtered searches; 0: the encoding's default. Default: ${DEFAULT-VALUE}.")
  int efSearch = KnnOptions.DEFAULTS.efSearch();

  @Option(
      names = "--selectivity",
      split = ",",
      description = "Percent of documents each filter passes. Default: ${DEFAULT-VALUE}.")
  int[] selectivities = {10, 1};

  @Option(
      names = "--rounds",
      description = "Timed passes over the queries. Default: ${DEFAULT-VALUE}.")
  int rounds = 3;

  @Option(
      names = "--compare-paths",
      description = "Also time the filtered HNSW walk and the exact scan forced, per filter.")
  boolean comparePaths;

  public static void main(String[] args) {
    System.exit(new CommandLine(new FilteredSearchBenchmark()).execute(args));
  }

  @Override
  public void run() {
    try {
      List<float[]> all =
          WordnetVectors.load(paths.data(), paths.work(), "all-minilm-l6-v2", docs + 1000);
      List<float[]> corpus = all.subList(0, Math.min(docs, all.size() - 1000));
      List<float[]> queryVectors = all.subList(all.size() - 1000, all.size()).subList(0, queries);
      Path dir = paths.work().resolve("collection-filtered");
      BenchData.deleteTree(dir);
      Random random = new Random(seed);
      System.out.printf(
          "%d vectors, %d queries, bucket = uniform 0..99 (seed %d), k=10, %d rounds interleaved%n",
          corpus.size(), queryVectors.size(), seed, rounds);
      try (Collection c =
          Collection.create(dir, CollectionConfig.forVectors(384, Similarity.COSINE))) {
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
          batch.add(
              Document.builder("w" + i)
                  .meta("bucket", (long) random.nextInt(100))
                  .vector(corpus.get(i))
                  .build());
          if (batch.size() == 2000) {
            c.upsert(batch);
            batch.clear();
          }
        }
        c.upsert(batch);
        c.compact();
        QueryEngine engine = new QueryEngine(c, null);
        FilterCompiler compiler = new FilterCompiler(c.fields(), c.lucene().analyzer());
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("none", null, null));
        for (int pct : selectivities) {
          Filter f = Filter.lt("bucket", (long) pct);
          rows.add(new Row("bucket<" + pct + " (" + pct + "%)", f, compiler.compile(f)));
        }
        for (Row row : rows) {
          for (float[] q : queryVectors) {
            Set<String> ids = new HashSet<>();
            c.lucene().exactSearch(q, 10, row.compiled).forEach(h -> ids.add(h.id()));
            row.truth.add(ids);
          }
          row.path = planLine(engine.search(request(queryVectors.get(0), row.filter, true)));
        }
        KnnOptions graph = new KnnOptions(efSearch, 0, KnnOptions.Plan.GRAPH);
        KnnOptions scan = graph.withPlan(KnnOptions.Plan.EXACT);
        // Every timed pass runs the same query on every row back to back, so a noisy neighbour on
        // the machine slows all rows alike; the ratio to the unfiltered search is taken per round.
        for (int round = -1; round < rounds; round++) {
          for (int i = 0; i < queryVectors.size(); i++) {
            float[] q = queryVectors.get(i);
            for (Row row : rows) {
              long t0 = System.nanoTime();
              var result = engine.search(request(q, row.filter, false));
              long t1 = System.nanoTime();
              if (round < 0) {
                continue; // warm-up
              }
              row.engineNanos[round] += t1 - t0;
              row.found += overlap(row.truth.get(i), result.hits().stream().map(SearchHit::id));
              if (row.filter != null && comparePaths) {
                t0 = System.nanoTime();
                List<Hit> hnsw = c.lucene().search(q, 10, row.compiled, graph);
                t1 = System.nanoTime();
                List<Hit> exact = c.lucene().search(q, 10, row.compiled, scan);
                long t2 = System.nanoTime();
                row.hnswNanos[round] += t1 - t0;
                row.exactNanos[round] += t2 - t1;
                row.hnswFound += overlap(row.truth.get(i), hnsw.stream().map(Hit::id));
                if (exact.size() != row.truth.get(i).size()) {
                  throw new IllegalStateException("exact search is not deterministic");
                }
              }
            }
          }
        }
        Row none = rows.get(0);
        int n = queryVectors.size() * rounds;
        System.out.printf(
            "%-16s %8s %9s %14s  %s%n", "filter", "recall", "mean ms", "vs unfiltered", "path");
        for (Row row : rows) {
          System.out.printf(
              "%-16s %8.3f %9.3f %13.2fx  %s%n",
              row.label,
              row.found / (10.0 * n),
              BenchData.median(row.engineNanos) / queryVectors.size() / 1e6,
              BenchData.medianRatio(row.engineNanos, none.engineNanos),
              row.path.length() > 100 ? row.path.substring(0, 100) + "…" : row.path);
        }
        if (comparePaths) {
          System.out.println("forced paths, same run (collection API, no query engine):");
          System.out.printf(
              "%-16s %12s %16s %18s%n",
              "filter", "HNSW recall", "HNSW/unfiltered", "exact/unfiltered");
          for (Row row : rows.subList(1, rows.size())) {
            System.out.printf(
                "%-16s %12.3f %15.2fx %17.2fx%n",
                row.label,
                row.hnswFound / (10.0 * n),
                BenchData.medianRatio(row.hnswNanos, none.engineNanos),
                BenchData.medianRatio(row.exactNanos, none.engineNanos));
          }
        }
      }
      BenchData.deleteTree(dir);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  /** One filter under test and its accumulated measurements. */
  private final class Row {
    final String label;
    final Filter filter;
    final Query compiled;
    final List<Set<String>> truth = new ArrayList<>();
    final double[] engineNanos = new double[rounds];
    final double[] hnswNanos = new double[rounds];
    final double[] exactNanos = new double[rounds];
    long found;
    long hnswFound;
    String path;

    Row(String label, Filter filter, Query compiled) {
      this.label = label;
      this.filter = filter;
      this.compiled = compiled;
    }
  }

  private static int overlap(Set<String> truth, java.util.stream.Stream<String> ids) {
    return (int) ids.filter(truth::contains).count();
  }

  private static String planLine(dev.quarry.query.SearchResult result) {
    return result.plan().stream()
        .filter(l -> l.startsWith("vector: exact") || l.startsWith("vector: HNSW"))
        .findFirst()
        .orElse("");
  }

  private SearchRequest request(float[] q, Filter filter, boolean explain) {
    return SearchRequest.builder()
        .vector(q)
        .k(10)
        .mode(SearchRequest.Mode.VECTOR)
        .negation(SearchRequest.Negation.OFF)
        .recency(SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF))
        .filter(filter)
        .explain(explain)
        .knn(new KnnOptions(filter == null ? KnnOptions.DEFAULTS.efSearch() : efSearch, 0))
        .build();
  }
}
