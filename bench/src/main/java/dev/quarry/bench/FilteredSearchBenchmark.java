package dev.quarry.bench;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.filter.FilterCompiler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Filtered vector search through the query engine on real embeddings: recall@10 against exact
 * filtered search and latency at 1% and 10% selectivity, against unfiltered search in the same run.
 *
 * <p>Run: {@code bin/bench filtered --data ../shared/data [--docs 116659] [--queries 500]}
 */
@Command(
    name = "filtered",
    mixinStandardHelpOptions = true,
    description = "Filtered search recall and latency.")
public final class FilteredSearchBenchmark implements Runnable {
  @Option(
      names = "--data",
      required = true,
      description = "The shared data folder (../shared/data).")
  Path data;

  @Option(names = "--work", description = "Work folder. Default: ${DEFAULT-VALUE}.")
  Path work = Path.of("bench/target/work");

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
      description = "HNSW beam of the filtered searches. Default: ${DEFAULT-VALUE}.")
  int efSearch = dev.quarry.index.KnnOptions.DEFAULTS.efSearch();

  public static void main(String[] args) {
    System.exit(new CommandLine(new FilteredSearchBenchmark()).execute(args));
  }

  @Override
  public void run() {
    try {
      List<float[]> all = WordnetVectors.load(data, work, "all-minilm-l6-v2", docs + 1000);
      List<float[]> corpus = all.subList(0, Math.min(docs, all.size() - 1000));
      List<float[]> queryVectors = all.subList(all.size() - 1000, all.size()).subList(0, queries);
      Path dir = work.resolve("collection-filtered");
      BenchData.deleteTree(dir);
      Random random = new Random(seed);
      System.out.printf(
          "%d vectors, %d queries, bucket = uniform 0..99 (seed %d), k=10%n",
          corpus.size(), queryVectors.size(), seed);
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
        FilterCompiler compiler = new FilterCompiler(c.fields(), c.analyzer());
        System.out.printf(
            "%-12s %8s %10s %10s %12s  %s%n",
            "filter", "recall", "mean ms", "p95 ms", "vs unfiltered", "path");
        double unfilteredMean = 0;
        for (Filter filter :
            new Filter[] {null, Filter.lt("bucket", 10L), Filter.lt("bucket", 1L)}) {
          String label =
              filter == null
                  ? "none"
                  : filter == null
                      ? ""
                      : "bucket<"
                          + ((Filter.Compare) filter).value()
                          + (((Long) ((Filter.Compare) filter).value()) == 10 ? " (10%)" : " (1%)");
          List<Set<String>> truth = new ArrayList<>();
          for (float[] q : queryVectors) {
            Set<String> ids = new HashSet<>();
            c.exactSearch(q, 10, filter == null ? null : compiler.compile(filter))
                .forEach(h -> ids.add(h.id()));
            truth.add(ids);
          }
          for (int i = 0; i < Math.min(100, queryVectors.size()); i++) {
            engine.search(request(queryVectors.get(i), filter, false, efSearch)); // warm-up
          }
          double[] ms = new double[queryVectors.size()];
          int found = 0;
          String path = "";
          for (int i = 0; i < queryVectors.size(); i++) {
            long t0 = System.nanoTime();
            var result = engine.search(request(queryVectors.get(i), filter, i == 0, efSearch));
            ms[i] = (System.nanoTime() - t0) / 1e6;
            if (i == 0) {
              path =
                  result.plan().stream()
                      .filter(l -> l.startsWith("vector: exact") || l.startsWith("vector: HNSW"))
                      .findFirst()
                      .orElse("");
            }
            Set<String> expected = truth.get(i);
            for (SearchHit h : result.hits()) {
              found += expected.contains(h.id()) ? 1 : 0;
            }
          }
          double mean = java.util.Arrays.stream(ms).average().orElse(0);
          double[] sorted = ms.clone();
          java.util.Arrays.sort(sorted);
          if (filter == null) {
            unfilteredMean = mean;
          }
          System.out.printf(
              "%-12s %8.3f %10.3f %10.3f %11.2fx  %s%n",
              label,
              found / (10.0 * queryVectors.size()),
              mean,
              sorted[(int) (0.95 * (sorted.length - 1))],
              mean / unfilteredMean,
              path.length() > 110 ? path.substring(0, 110) + "…" : path);
        }
      }
      BenchData.deleteTree(dir);
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private static SearchRequest request(float[] q, Filter filter, boolean explain, int ef) {
    return SearchRequest.builder()
        .vector(q)
        .k(10)
        .mode(SearchRequest.Mode.VECTOR)
        .negation(SearchRequest.Negation.OFF)
        .recency(SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF))
        .filter(filter)
        .explain(explain)
        .knn(
            new dev.quarry.index.KnnOptions(
                filter == null ? dev.quarry.index.KnnOptions.DEFAULTS.efSearch() : ef, 0))
        .build();
  }
}
