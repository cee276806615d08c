package dev.quarry.bench;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.quarry.core.Embeddings;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Embedding throughput of Quarry against LangChain4j's in-process all-MiniLM-L6-v2 on the same real
 * texts, in the same JVM and run. Contenders take turns round by round, so that machine noise hits
 * all of them alike; the report gives each one's median texts/s and Quarry's ratio to the peer.
 *
 * <p>Run: {@code bin/bench embed --data ../shared/data [--texts 4000] [--rounds 5]}
 */
@Command(
    name = "embed",
    mixinStandardHelpOptions = true,
    description = "Embedding throughput vs LangChain4j.")
public final class EmbeddingThroughput implements Runnable {
  @Mixin BenchPaths paths;

  @Option(names = "--texts", description = "Texts per round. Default: ${DEFAULT-VALUE}.")
  int count = 4000;

  @Option(
      names = "--rounds",
      description = "Timed rounds per contender. Default: ${DEFAULT-VALUE}.")
  int rounds = 5;

  @Option(
      names = "--batch-size",
      description = "Quarry's texts per model call. Default: ${DEFAULT-VALUE}.")
  int batchSize = EmbedderOptions.DEFAULTS.batchSize();

  @Option(names = "--workers", description = "Quarry's concurrent model calls; 0 = automatic.")
  int workers = EmbedderOptions.DEFAULTS.workers();

  @Option(names = "--threads", description = "Quarry's threads per model call; 0 = automatic.")
  int threads = EmbedderOptions.DEFAULTS.intraOpThreads();

  public static void main(String[] args) {
    System.exit(new CommandLine(new EmbeddingThroughput()).execute(args));
  }

  @Override
  public void run() {
    List<String> texts = BenchData.spread(BenchData.wordnetGlosses(paths.data()), count);
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    EmbedderOptions options =
        EmbedderOptions.DEFAULTS.withBatchSize(batchSize).withWorkers(workers).withThreads(threads);
    try (OnnxEmbedder fp32 =
            OnnxEmbedder.open(ModelRepository.resolve("all-minilm-l6-v2"), options);
        OnnxEmbedder int8 =
            OnnxEmbedder.open(ModelRepository.resolve("all-minilm-l6-v2-q"), options)) {
      AllMiniLmL6V2EmbeddingModel langchain4j = new AllMiniLmL6V2EmbeddingModel();
      checkSameVectors(fp32, langchain4j, texts.subList(0, 50));

      Map<String, Function<Integer, Integer>> contenders = new LinkedHashMap<>();
      contenders.put(
          "quarry all-minilm-l6-v2 (fp32)",
          n -> fp32.embed(texts.subList(0, n), Role.PASSAGE).size());
      contenders.put(
          "langchain4j AllMiniLmL6V2EmbeddingModel.embedAll",
          n -> langchain4j.embedAll(segments.subList(0, n)).content().size());
      contenders.put(
          "quarry all-minilm-l6-v2-q (int8)",
          n -> int8.embed(texts.subList(0, n), Role.PASSAGE).size());

      int warm = Math.min(300, texts.size());
      contenders.values().forEach(c -> c.apply(warm));
      Map<String, double[]> rates = new LinkedHashMap<>();
      contenders.keySet().forEach(k -> rates.put(k, new double[rounds]));
      for (int r = 0; r < rounds; r++) {
        for (var entry : contenders.entrySet()) {
          long start = System.nanoTime();
          int done = entry.getValue().apply(texts.size());
          rates.get(entry.getKey())[r] = done / ((System.nanoTime() - start) / 1e9);
        }
      }
      report(texts, rates);
    }
  }

  /** Both sides must do the same work: same model, same vectors. */
  private static void checkSameVectors(
      OnnxEmbedder quarry, AllMiniLmL6V2EmbeddingModel peer, List<String> texts) {
    Embeddings ours = quarry.embed(texts, Role.PASSAGE);
    double worst = 1;
    for (int i = 0; i < texts.size(); i++) {
      float[] theirs = peer.embed(texts.get(i)).content().vector();
      worst = Math.min(worst, Vectors.dot(ours.get(i), Vectors.normalizeInPlace(theirs)));
    }
    System.out.printf(
        "agreement with LangChain4j on %d texts: min cosine %.6f%n", texts.size(), worst);
    if (worst < 0.999) {
      throw new IllegalStateException(
          "Quarry and LangChain4j disagree (cosine " + worst + "); not the same work");
    }
  }

  private void report(List<String> texts, Map<String, double[]> rates) {
    double meanChars = texts.stream().mapToInt(String::length).average().orElse(0);
    System.out.printf(
        "%nembedding throughput: %d WordNet glosses (mean %.0f chars), %d rounds, %d cores, batch %d%n",
        texts.size(), meanChars, rounds, Runtime.getRuntime().availableProcessors(), batchSize);
    System.out.printf("%-52s %12s %12s%n", "contender", "median/s", "min..max");
    List<String> names = new ArrayList<>(rates.keySet());
    for (String name : names) {
      double[] r = rates.get(name);
      System.out.printf("%-52s %12.0f %5.0f..%-6.0f%n", name, BenchData.median(r), min(r), max(r));
    }
    double[] fp32 = rates.get(names.get(0));
    double[] peer = rates.get(names.get(1));
    double[] int8 = rates.get(names.get(2));
    System.out.printf(
        "ratio quarry fp32 / langchain4j (median of per-round ratios): %.2fx%n",
        BenchData.medianRatio(fp32, peer));
    System.out.printf(
        "ratio quarry int8 / quarry fp32: %.2fx%n", BenchData.medianRatio(int8, fp32));
    System.out.printf(
        "ratio quarry int8 / langchain4j fp32: %.2fx%n", BenchData.medianRatio(int8, peer));
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(0);
  }

  private static double max(double[] v) {
    return Arrays.stream(v).max().orElse(0);
  }
}
