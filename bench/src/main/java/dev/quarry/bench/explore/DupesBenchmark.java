package dev.quarry.bench.explore;

import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.eval.EmbeddingCache;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.eval.BeirEvaluation;
import dev.quarry.explore.DuplicatePair;
import dev.quarry.explore.NearDuplicates;
import dev.quarry.explore.Points;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 21, acceptance 4: near-duplicates planted in SciFact abstracts (edited copies and
 * paraphrase-like rewrites, seeded); precision and recall of {@code quarry dupes} at several
 * thresholds, and its time against an exact all-pairs scan of the same vectors.
 */
@Command(
    name = "dupes",
    mixinStandardHelpOptions = true,
    description = "Planted near-duplicates in SciFact: precision, recall, graph vs all pairs.")
public final class DupesBenchmark implements Callable<Integer> {
  private static final String MODEL = "all-minilm-l6-v2";

  @Mixin BenchPaths paths;

  @Option(names = "--docs", description = "SciFact abstracts used. Default: ${DEFAULT-VALUE}.")
  int docs = 2000;

  @Option(names = "--copies", description = "Planted copies. Default: ${DEFAULT-VALUE}.")
  int copies = 200;

  @Option(names = "--seed", description = "Seed of the planting. Default: ${DEFAULT-VALUE}.")
  long seed = 2;

  @Option(
      names = "--thresholds",
      split = ",",
      description = "Thresholds reported. Default: 0.80,0.85,0.88,0.90,0.92,0.95.")
  List<Double> thresholds = List.of(0.80, 0.85, 0.88, 0.90, 0.92, 0.95);

  public static void main(String[] args) {
    System.exit(new CommandLine(new DupesBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<String> ids = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (var d : BeirEvaluation.corpus(paths.data().resolve("beir-scifact"))) {
      if (ids.size() < docs && !d.text().isBlank()) {
        ids.add(d.id());
        texts.add(d.text());
      }
    }
    List<PlantedDuplicates.Copy> planted = PlantedDuplicates.plant(ids, texts, copies, seed);
    Set<String> truth = new HashSet<>();
    List<String> copyTexts = new ArrayList<>();
    for (PlantedDuplicates.Copy c : planted) {
      copyTexts.add(c.text());
      truth.add(key(c.id(), c.original()));
    }
    // Originals and copies are cached apart: another seed re-embeds only its copies.
    List<float[]> vectors = new ArrayList<>();
    try (OnnxEmbedder embedder =
        OnnxEmbedder.open(ModelRepository.resolve(MODEL), EmbedderOptions.DEFAULTS)) {
      vectors.addAll(EmbeddingCache.passages(embedder, paths.work(), "scifact-abstracts", texts));
      vectors.addAll(EmbeddingCache.passages(embedder, paths.work(), "scifact-copies", copyTexts));
    }
    planted.forEach(c -> ids.add(c.id()));
    texts.addAll(copyTexts);
    System.out.printf(
        "## Planted near-duplicates: %d SciFact abstracts + %d copies (half edited, half"
            + " paraphrase-like; seed %d), %s%n%n",
        ids.size() - planted.size(), planted.size(), seed, MODEL);
    java.nio.file.Path dir = paths.work().resolve("dupes-" + seed);
    dev.quarry.bench.BenchData.deleteTree(dir);
    try (Collection c =
        Collection.create(dir, CollectionConfig.forVectors(384, Similarity.COSINE))) {
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < ids.size(); i++) {
        batch.add(Document.builder(ids.get(i)).text(texts.get(i)).vector(vectors.get(i)).build());
      }
      c.upsert(batch);
      c.commit();
      Points points = Points.of(c, "compare");
      System.out.println(
          "| threshold | graph P | graph R | all-pairs P | all-pairs R | graph s | all-pairs s |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|");
      for (double t : thresholds) {
        long start = System.nanoTime();
        var graph = NearDuplicates.find(c, points, t, NearDuplicates.DEFAULT_NEIGHBOURS);
        double graphSeconds = (System.nanoTime() - start) / 1e9;
        start = System.nanoTime();
        var exact = NearDuplicates.allPairs(points, t);
        double exactSeconds = (System.nanoTime() - start) / 1e9;
        double[] g = precisionRecall(graph.pairs(), truth);
        double[] e = precisionRecall(exact.pairs(), truth);
        System.out.printf(
            "| %.2f%s | %.3f | %.3f | %.3f | %.3f | %.2f | %.2f |%n",
            t,
            t == NearDuplicates.DEFAULT_THRESHOLD ? " (default)" : "",
            g[0],
            g[1],
            e[0],
            e[1],
            graphSeconds,
            exactSeconds);
      }
    }
    return 0;
  }

  private static double[] precisionRecall(List<DuplicatePair> found, Set<String> truth) {
    long hits = found.stream().filter(p -> truth.contains(key(p.a(), p.b()))).count();
    return new double[] {
      found.isEmpty() ? 1 : (double) hits / found.size(), (double) hits / truth.size()
    };
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
  }
}
