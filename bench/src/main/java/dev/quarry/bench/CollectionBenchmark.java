package dev.quarry.bench;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.CollectionStats;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Storage benchmark on real embeddings: for each vector encoding, build a collection from the
 * WordNet-gloss vectors, then report recall@10 against exact search at default settings, queries/s,
 * and bytes per vector on disk and for search memory.
 *
 * <p>Run: {@code bin/bench collection --data ../shared/data [--docs 100000] [--queries 1000]}
 */
@Command(
    name = "collection",
    mixinStandardHelpOptions = true,
    description = "Collection recall, speed and size per encoding.")
public final class CollectionBenchmark implements Runnable {
  @Mixin BenchPaths paths;

  @Option(names = "--docs", description = "Vectors to index. Default: ${DEFAULT-VALUE}.")
  int docs = 116_659; // the whole corpus less the queries

  @Option(names = "--queries", description = "Held-out query vectors. Default: ${DEFAULT-VALUE}.")
  int queries = 1000;

  @Option(names = "--encodings", split = ",", description = "Encodings to test. Default: all.")
  List<String> encodings = List.of("float32", "int8", "int4", "binary");

  public static void main(String[] args) {
    System.exit(new CommandLine(new CollectionBenchmark()).execute(args));
  }

  @Override
  public void run() {
    try {
      List<float[]> all =
          WordnetVectors.load(paths.data(), paths.work(), "all-minilm-l6-v2", docs + queries);
      // Queries are spread over the corpus and held out of the index.
      List<float[]> queryVectors = new ArrayList<>();
      List<float[]> corpus = new ArrayList<>();
      int stride = Math.max(2, all.size() / Math.max(1, queries));
      for (int i = 0; i < all.size(); i++) {
        if (i % stride == 0 && queryVectors.size() < queries) {
          queryVectors.add(all.get(i));
        } else if (corpus.size() < docs) {
          corpus.add(all.get(i));
        }
      }
      System.out.printf(
          "%d vectors (384-d, all-minilm-l6-v2, WordNet glosses), %d held-out queries, k=10%n",
          corpus.size(), queryVectors.size());
      System.out.printf(
          "%-8s %9s %8s %9s %10s %10s %12s %12s%n",
          "encoding",
          "build s",
          "recall",
          "QPS",
          "oversample",
          "disk B/vec",
          "search B/vec",
          "store B/vec");
      List<Set<String>> truth = null;
      for (String name : encodings) {
        VectorEncoding encoding = VectorEncoding.parse(name);
        Path dir = paths.work().resolve("collection-" + encoding.id());
        BenchData.deleteTree(dir);
        long start = System.nanoTime();
        try (Collection c =
            Collection.create(
                dir, CollectionConfig.forVectors(384, Similarity.COSINE).withEncoding(encoding))) {
          List<Document> batch = new ArrayList<>(1000);
          for (int i = 0; i < corpus.size(); i++) {
            batch.add(Document.builder("w" + i).vector(corpus.get(i)).build());
            if (batch.size() == 1000) {
              c.upsert(batch);
              batch.clear();
            }
          }
          c.upsert(batch);
          c.compact(); // one segment, as a finished offline index would be
          double build = (System.nanoTime() - start) / 1e9;
          if (truth == null) {
            truth = new ArrayList<>();
            for (float[] q : queryVectors) {
              Set<String> ids = new HashSet<>();
              c.exactSearch(q, 10).forEach(h -> ids.add(h.id()));
              truth.add(ids);
            }
          }
          for (int oversample : encoding.quantized() ? new int[] {0, 5} : new int[] {0}) {
            KnnOptions options = new KnnOptions(KnnOptions.DEFAULTS.efSearch(), oversample);
            for (float[] q : queryVectors.subList(0, Math.min(200, queryVectors.size()))) {
              c.search(q, 10, options); // warm-up
            }
            long t0 = System.nanoTime();
            int found = 0;
            for (int i = 0; i < queryVectors.size(); i++) {
              List<Hit> hits = c.search(queryVectors.get(i), 10, options);
              Set<String> expected = truth.get(i);
              found += (int) hits.stream().filter(h -> expected.contains(h.id())).count();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            CollectionStats s = c.stats();
            int used = oversample == 0 ? encoding.defaultOversample() : oversample;
            System.out.printf(
                "%-8s %9.1f %8.3f %9.0f %10s %10.0f %12.0f %12.0f%n",
                encoding.id(),
                build,
                found / (10.0 * queryVectors.size()),
                queryVectors.size() / seconds,
                used + (oversample == 0 ? " (def)" : ""),
                (double) s.indexBytes() / s.documents(),
                (double) s.searchMemoryBytes() / s.documents(),
                (double) s.storeBytes() / s.documents());
          }
        }
        BenchData.deleteTree(dir);
      }
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
