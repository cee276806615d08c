package dev.quarry.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import dev.quarry.core.Role;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.ingest.ChunkOptions;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.TextDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * End-to-end ingestion (read, chunk, embed, write to disk, commit) against embedding alone and
 * against LangChain4j's in-process model plus its InMemoryEmbeddingStore, on the same texts in the
 * same run, rounds interleaved. Texts are WordNet glosses: each fits in one chunk, so every side
 * embeds exactly the same strings. Quarry ingests without the embedding cache.
 *
 * <p>Run: {@code bin/bench ingest --data ../shared/data [--texts 4000] [--rounds 3]}
 */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description = "Ingest throughput vs embedding alone vs LangChain4j.")
public final class IngestThroughput implements Runnable {
  @Mixin BenchPaths paths;

  @Option(names = "--texts", description = "Documents per round. Default: ${DEFAULT-VALUE}.")
  int count = 4000;

  @Option(
      names = "--corpus",
      description =
          "wordnet (short glosses, one chunk each) or scifact (abstracts, chunked). Default: ${DEFAULT-VALUE}.")
  String corpus = "wordnet";

  @Option(names = "--rounds", description = "Rounds. Default: ${DEFAULT-VALUE}.")
  int rounds = 3;

  @Option(
      names = "--chunk-tokens",
      description =
          "Quarry's chunk size in tokens (0 = the model's maximum). LangChain4j's MiniLM truncates"
              + " every text at 128 tokens, so compare long documents at about 100.")
  int chunkTokens = 0;

  @Option(
      names = "--no-langchain4j",
      negatable = true,
      description =
          "Run LangChain4j's embedAll + InMemoryEmbeddingStore peer each round. Default: true.")
  boolean langchain4j = true;

  @Option(
      names = "--threads-cpu",
      description =
          "Print each round's CPU seconds per thread group (ingest and embedding only; Linux).")
  boolean threadsCpu;

  /** What LangChain4j's bundled all-MiniLM-L6-v2 tokenizer.json keeps: 128 with [CLS] and [SEP]. */
  private static final int LANGCHAIN4J_TOKENS = 126;

  public static void main(String[] args) {
    System.exit(new CommandLine(new IngestThroughput()).execute(args));
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String perRound(double[] a, double[] b) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.length; i++) {
      sb.append(String.format(java.util.Locale.ROOT, " %.2f", a[i] / b[i]));
    }
    return sb.toString();
  }

  @Override
  public void run() {
    try {
      List<TextDocument> docs = new ArrayList<>();
      if (corpus.equals("scifact")) {
        for (var d :
            dev.quarry.engine.eval.BeirEvaluation.corpus(paths.data().resolve("beir-scifact"))) {
          if (docs.size() < count) {
            docs.add(new TextDocument(d.id(), d.title(), d.text(), Map.of()));
          }
        }
      } else {
        List<String> glosses = BenchData.spread(BenchData.wordnetGlosses(paths.data()), count);
        for (int i = 0; i < glosses.size(); i++) {
          docs.add(new TextDocument("g" + i, null, glosses.get(i), Map.of("n", (long) i)));
        }
      }
      AllMiniLmL6V2EmbeddingModel lc4j = langchain4j ? new AllMiniLmL6V2EmbeddingModel() : null;
      String loadBefore = BenchData.loadAverage();
      List<String> glosses = new ArrayList<>();
      long cut;
      double[] ingest = new double[rounds];
      double[] embedOnly = new double[rounds];
      double[] peer = new double[rounds];
      double[] ingestCpu = new double[rounds];
      double[] embedCpu = new double[rounds];
      try (OnnxEmbedder embedder =
          OnnxEmbedder.open(
              ModelRepository.resolve("all-minilm-l6-v2"), EmbedderOptions.DEFAULTS)) {
        // The exact strings the pipeline embeds: each chunk, after the title (not timed).
        ChunkOptions chunking =
            chunkTokens == 0
                ? ChunkOptions.DEFAULTS
                : new ChunkOptions(chunkTokens, Math.min(32, chunkTokens / 4));
        QuarryConfig config =
            QuarryConfig.DEFAULTS.withEmbeddingCache(false).withChunking(chunking);
        var chunker =
            new dev.quarry.engine.ingest.Chunker(
                embedder, chunking.budget(embedder.maxTokens()), chunking.overlapTokens());
        for (TextDocument d : docs) {
          for (String chunk : chunker.forTitle(d.title(), embedder.maxTokens()).chunk(d.text())) {
            glosses.add(dev.quarry.engine.ingest.Chunker.withTitle(d.title(), chunk));
          }
        }
        cut = glosses.stream().filter(t -> embedder.countTokens(t) > LANGCHAIN4J_TOKENS).count();
        List<TextSegment> segments = glosses.stream().map(TextSegment::from).toList();
        int firstCalls = Math.min(200, glosses.size());
        embedder.embed(glosses.subList(0, firstCalls), Role.PASSAGE);
        if (langchain4j) {
          lc4j.embedAll(segments.subList(0, firstCalls));
        }
        // An untimed ingest of the same documents first, so that compiling the indexing code
        // (Lucene, RocksDB, the pipeline) is not charged to the timed rounds: a long-running
        // ingester pays it once. With 1,000 documents, C2 still spent 0.9 s of CPU compiling in
        // the second round of 6,000 (per-thread CPU), against under 0.3 s for embedding alone.
        Path warm = paths.work().resolve("ingest-warm-up");
        BenchData.deleteTree(warm);
        try (Quarry q = Quarry.create(warm, config)) {
          q.ingest(
              List.of(RecordReader.of("warm-up", docs)),
              Progress.none(),
              IngestPipeline.Options.DEFAULTS);
        }
        BenchData.deleteTree(warm);
        for (int r = 0; r < rounds; r++) {
          Path dir = paths.work().resolve("ingest-" + r);
          BenchData.deleteTree(dir);
          long t0;
          long c0;
          ThreadCpu ingestThreads;
          long created = System.nanoTime();
          double loadWait;
          try (Quarry q = Quarry.create(dir, config)) {
            // Quarry.create loads the model on a background thread; wait for it (a token count
            // needs it): the model is loaded once per process in real use, and is not timed on
            // either side. Before this wait, every round charged the load to ingest (0.80x).
            q.embedder().countTokens("loaded");
            t0 = System.nanoTime();
            loadWait = (t0 - created) / 1e9;
            c0 = cpuNanos();
            ingestThreads = threadsCpu ? ThreadCpu.start() : null;
            IngestReport report =
                q.ingest(
                    List.of(RecordReader.of("gloss", docs)),
                    Progress.none(),
                    IngestPipeline.Options.DEFAULTS);
            if (report.embedded() != glosses.size()) {
              throw new IllegalStateException("expected every text embedded once, got " + report);
            }
          } // close commits: part of the timed work
          ingest[r] = docs.size() / ((System.nanoTime() - t0) / 1e9);
          ingestCpu[r] = (cpuNanos() - c0) / 1e9;
          String ingestCpuByThread = threadsCpu ? ingestThreads.report() : "";
          BenchData.deleteTree(dir);

          c0 = cpuNanos();
          ThreadCpu embedThreads = threadsCpu ? ThreadCpu.start() : null;
          t0 = System.nanoTime();
          embedder.embed(glosses, Role.PASSAGE);
          embedOnly[r] = docs.size() / ((System.nanoTime() - t0) / 1e9);
          embedCpu[r] = (cpuNanos() - c0) / 1e9;
          String embedCpuByThread = threadsCpu ? embedThreads.report() : "";
          if (threadsCpu) {
            System.out.printf(
                "round %d: ingest %.0f docs/s, embedding only %.0f docs/s (%.2fx); untimed wait"
                    + " for the model after create %.2f s%n"
                    + "  ingest CPU s by thread:%s%n  embedding-only CPU s by thread:%s%n",
                r + 1,
                ingest[r],
                embedOnly[r],
                ingest[r] / embedOnly[r],
                loadWait,
                ingestCpuByThread,
                embedCpuByThread);
          }
          if (!langchain4j) {
            continue;
          }
          t0 = System.nanoTime();
          InMemoryEmbeddingStore<TextSegment> store = new InMemoryEmbeddingStore<>();
          List<Embedding> embeddings = lc4j.embedAll(segments).content();
          store.addAll(embeddings, segments);
          peer[r] = docs.size() / ((System.nanoTime() - t0) / 1e9);
        }
      }
      System.out.printf(
          "ingest throughput: %d %s documents (%d embedded texts), %d rounds, all-minilm-l6-v2 fp32%n",
          docs.size(), corpus, glosses.size(), rounds);
      System.out.printf(
          "load average: %s at the start, %s at the end%n", loadBefore, BenchData.loadAverage());
      System.out.printf(
          "LangChain4j's MiniLM embeds at most %d tokens: it truncates %d of the %d texts%n",
          LANGCHAIN4J_TOKENS + 2, cut, glosses.size());
      System.out.printf("%-58s %10s%n", "contender", "median docs/s");
      System.out.printf(
          "%-58s %10.0f%n",
          "quarry ingest (chunk, embed, RocksDB + Lucene, commit)", BenchData.median(ingest));
      System.out.printf(
          "%-58s %10.0f%n", "quarry embedding only (same texts)", BenchData.median(embedOnly));
      if (langchain4j) {
        System.out.printf(
            "%-58s %10.0f%n",
            "langchain4j embedAll + InMemoryEmbeddingStore.addAll", BenchData.median(peer));
      }
      System.out.printf(
          "ratio ingest / embedding only: %.2fx (rounds:%s)%n",
          BenchData.medianRatio(ingest, embedOnly), perRound(ingest, embedOnly));
      if (langchain4j) {
        System.out.printf(
            "ratio ingest / langchain4j: %.2fx%n", BenchData.medianRatio(ingest, peer));
      }
      // CPU seconds do not depend on what else the machine runs: the pipeline's overhead in work.
      System.out.printf(
          "process CPU: ingest %.1f s, embedding only %.1f s per round (median); ratio %.2f%n",
          BenchData.median(ingestCpu),
          BenchData.median(embedCpu),
          BenchData.medianRatio(embedCpu, ingestCpu));
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }
}
