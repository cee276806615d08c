package dev.quarry.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.quarry.index.VectorEncoding;
import dev.quarry.langchain4j.QuarryEmbeddingModel;
import dev.quarry.langchain4j.QuarryEmbeddingStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * LangChain4j's InMemoryEmbeddingStore against QuarryEmbeddingStore in the same run, both holding
 * the WordNet glosses (segment text and all-MiniLM-L6-v2 vector): time to add and to persist, heap
 * used, search queries/s and recall@10 against exact search, on held-out query vectors.
 *
 * <p>Run: {@code bin/bench lc4j-store --data ../shared/data [--docs 116659] [--queries 1000]
 * [--peer-queries 100]}
 */
@Command(
    name = "lc4j-store",
    mixinStandardHelpOptions = true,
    description = "LangChain4j InMemoryEmbeddingStore vs QuarryEmbeddingStore.")
public final class LangChain4jStoreBenchmark implements Runnable {
  @Mixin BenchPaths paths;
  private static final int K = 10;

  @Option(names = "--docs", description = "Segments to store. Default: ${DEFAULT-VALUE}.")
  int docs = 116_659; // the whole corpus less the queries

  @Option(names = "--queries", description = "Held-out query vectors. Default: ${DEFAULT-VALUE}.")
  int queries = 1000; // with the default --docs: the 117,659 cached vectors

  @Option(
      names = "--peer-queries",
      description =
          "Of those, how many the in-memory store answers (it scans every vector). Default:"
              + " ${DEFAULT-VALUE}.")
  int peerQueries = 100;

  @Option(
      names = "--encoding",
      description = "Quarry's vector encoding. Default: ${DEFAULT-VALUE}.")
  String encoding = "float32";

  public static void main(String[] args) {
    System.exit(new CommandLine(new LangChain4jStoreBenchmark()).execute(args));
  }

  /** One store's figures. */
  private record Figures(
      double addSeconds,
      double persistSeconds,
      long heapBytes,
      double qps,
      double recall,
      int queries) {}

  @Override
  public void run() {
    try {
      String model = "all-minilm-l6-v2";
      List<float[]> all = WordnetVectors.load(paths.data(), paths.work(), model, docs + queries);
      List<String> texts = BenchData.spread(BenchData.wordnetGlosses(paths.data()), all.size());
      List<float[]> queryVectors = new ArrayList<>();
      List<float[]> corpus = new ArrayList<>();
      List<String> corpusTexts = new ArrayList<>();
      int stride = Math.max(2, all.size() / Math.max(1, queries));
      for (int i = 0; i < all.size(); i++) {
        if (i % stride == 0 && queryVectors.size() < queries) {
          queryVectors.add(all.get(i));
        } else if (corpus.size() < docs) {
          corpus.add(all.get(i));
          corpusTexts.add(texts.get(i));
        }
      }
      System.out.printf(
          "%d segments (WordNet glosses, %s, 384-d), %d held-out queries, maxResults=%d%n",
          corpus.size(), model, queryVectors.size(), K);
      List<Set<String>> truth = exactTopK(corpus, queryVectors);

      Path inMemoryFile = paths.work().resolve("lc4j-inmemory.json");
      Files.createDirectories(paths.work());
      Figures inMemory =
          measure(
              InMemoryEmbeddingStore::new,
              corpus,
              corpusTexts,
              queryVectors.subList(0, Math.min(peerQueries, queryVectors.size())),
              truth,
              store -> ((InMemoryEmbeddingStore<TextSegment>) store).serializeToFile(inMemoryFile));
      Files.deleteIfExists(inMemoryFile);

      Path quarryDir = paths.work().resolve("lc4j-quarry");
      BenchData.deleteTree(quarryDir);
      Figures quarry;
      try (QuarryEmbeddingModel embeddingModel =
          QuarryEmbeddingModel.builder().model(model).build()) {
        quarry =
            measure(
                () ->
                    QuarryEmbeddingStore.builder()
                        .path(quarryDir)
                        .embeddingModel(embeddingModel)
                        .encoding(VectorEncoding.parse(encoding))
                        .build(),
                corpus,
                corpusTexts,
                queryVectors,
                truth,
                store -> ((QuarryEmbeddingStore) store).commit());
      }
      BenchData.deleteTree(quarryDir);

      System.out.printf(
          "%-34s %8s %10s %9s %9s %8s %8s%n",
          "store", "add s", "persist s", "heap MB", "QPS", "recall", "queries");
      print("InMemoryEmbeddingStore", inMemory);
      print("QuarryEmbeddingStore (" + encoding + ")", quarry);
      System.out.printf(
          "Quarry / in-memory queries/s: %.1fx (target >= 50x at recall@10 >= 0.95)%n",
          quarry.qps() / inMemory.qps());
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  private static void print(String name, Figures f) {
    System.out.printf(
        "%-34s %8.1f %10.1f %9.0f %9.1f %8.3f %8d%n",
        name,
        f.addSeconds(),
        f.persistSeconds(),
        f.heapBytes() / 1e6,
        f.qps(),
        f.recall(),
        f.queries());
  }

  /** Persists a store (InMemory: serialize to a file; Quarry: commit). */
  private interface Persist {
    void run(EmbeddingStore<TextSegment> store) throws Exception;
  }

  private static Figures measure(
      Supplier<EmbeddingStore<TextSegment>> open,
      List<float[]> corpus,
      List<String> texts,
      List<float[]> queryVectors,
      List<Set<String>> truth,
      Persist persist)
      throws Exception {
    System.err.println("adding " + corpus.size() + " segments ...");
    long t0 = System.nanoTime();
    EmbeddingStore<TextSegment> store = open.get();
    for (int from = 0; from < corpus.size(); from += 1000) {
      int to = Math.min(corpus.size(), from + 1000);
      List<String> ids = new ArrayList<>(to - from);
      List<Embedding> embeddings = new ArrayList<>(to - from);
      List<TextSegment> segments = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        ids.add("w" + i);
        embeddings.add(Embedding.from(corpus.get(i).clone())); // as a model would hand them over
        segments.add(TextSegment.from(texts.get(i)));
      }
      store.addAll(ids, embeddings, segments);
    }
    double add = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    persist.run(store);
    double persistSeconds = (System.nanoTime() - t1) / 1e9;
    long heapWithStore = usedHeap();

    if (store instanceof QuarryEmbeddingStore quarry) {
      System.err.println("Quarry index segments: " + quarry.collection().stats().segments());
    }
    // Warm-up: 5 s of queries, so the JIT has compiled the search path (Quarry's path, through
    // Lucene and RocksDB, needs thousands of queries; the in-memory scan, one).
    System.err.println("searching " + queryVectors.size() + " queries after a 5 s warm-up ...");
    long warmUntil = System.nanoTime() + 5_000_000_000L;
    for (int i = 0; System.nanoTime() < warmUntil; i++) {
      search(store, queryVectors.get(i % queryVectors.size()));
    }
    long t2 = System.nanoTime();
    int found = 0;
    for (int i = 0; i < queryVectors.size(); i++) {
      Set<String> expected = truth.get(i);
      for (EmbeddingMatch<TextSegment> m : search(store, queryVectors.get(i))) {
        if (expected.contains(m.embeddingId())) {
          found++;
        }
      }
    }
    double seconds = (System.nanoTime() - t2) / 1e9;
    if (store instanceof AutoCloseable closeable) {
      closeable.close();
    }
    // What the store retains: heap with it minus heap once it is gone (other garbage cancels out).
    store = null;
    long heap = heapWithStore - usedHeap();
    return new Figures(
        add,
        persistSeconds,
        heap,
        queryVectors.size() / seconds,
        found / (double) (K * queryVectors.size()),
        queryVectors.size());
  }

  private static List<EmbeddingMatch<TextSegment>> search(
      EmbeddingStore<TextSegment> store, float[] q) {
    return store
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(Embedding.from(q))
                .maxResults(K)
                .build())
        .matches();
  }

  /** Exact top-k by cosine (the vectors are unit length: dot product), in double. */
  private static List<Set<String>> exactTopK(List<float[]> corpus, List<float[]> queries) {
    List<Set<String>> out = new ArrayList<>(queries.size());
    for (float[] q : queries) {
      PriorityQueue<double[]> top = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
      for (int i = 0; i < corpus.size(); i++) {
        float[] v = corpus.get(i);
        double dot = 0;
        for (int j = 0; j < v.length; j++) {
          dot += (double) q[j] * v[j];
        }
        if (top.size() < K) {
          top.add(new double[] {dot, i});
        } else if (dot > top.peek()[0]) {
          top.poll();
          top.add(new double[] {dot, i});
        }
      }
      Set<String> ids = new HashSet<>();
      top.forEach(e -> ids.add("w" + (int) e[1]));
      out.add(ids);
    }
    return out;
  }

  /** Heap in use after full collections, repeated until two readings agree within 1 MB. */
  private static long usedHeap() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    for (int i = 0; i < 10; i++) {
      System.gc();
      Thread.sleep(200);
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < 1_000_000) {
        return used;
      }
      previous = used;
    }
    return previous;
  }
}
