package dev.quarry.bench.explore;

import dev.quarry.bench.BenchData;
import dev.quarry.bench.BenchPaths;
import dev.quarry.bench.WordnetVectors;
import dev.quarry.bench.ann.FashionMnist;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.explore.ConfusionTable;
import dev.quarry.explore.KnnClassifier;
import dev.quarry.explore.LabelDescriptions;
import dev.quarry.explore.LinearProbe;
import dev.quarry.explore.Points;
import dev.quarry.explore.Prediction;
import dev.quarry.explore.ZeroShotClassifier;
import dev.quarry.index.Collection;
import dev.quarry.index.Similarity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Issue 21, acceptance 1: kNN classification through Quarry's HNSW graph against exact kNN in the
 * same run (accuracy and time), on WordNet supersenses (MiniLM vectors of the glosses, a seeded 10%
 * held-out split) and Fashion-MNIST (60k training images indexed, the 10k test images classified,
 * Euclidean); zero-shot and linear-probe accuracy on WordNet.
 */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = "kNN classification through the graph vs exact, zero-shot and linear probe.")
public final class ClassifyBenchmark implements Callable<Integer> {
  static final String SUPERSENSES = "wordnet-glosses/wordnet30_supersenses.tsv.gz";
  private static final String MODEL = "all-minilm-l6-v2";

  @Mixin BenchPaths paths;

  @Option(names = "--datasets", split = ",", description = "wordnet, fashion-mnist. Default: both.")
  List<String> datasets = List.of("wordnet", "fashion-mnist");

  @Option(names = "--k", description = "Voting neighbours. Default: ${DEFAULT-VALUE}.")
  int k = 10;

  @Option(names = "--seed", description = "Seed of the WordNet split. Default: ${DEFAULT-VALUE}.")
  long seed = 21;

  @Option(
      names = "--queries",
      description = "At most this many test items per dataset. Default: all.")
  int queries = Integer.MAX_VALUE;

  @Option(names = "--epochs", description = "Linear probe epochs. Default: ${DEFAULT-VALUE}.")
  int epochs = LinearProbe.DEFAULT_EPOCHS;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ClassifyBenchmark()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    for (String dataset : datasets) {
      switch (dataset) {
        case "wordnet" -> wordnet();
        case "fashion-mnist" -> fashionMnist();
        default -> throw QuarryException.invalid("unknown dataset " + dataset);
      }
    }
    return 0;
  }

  private void wordnet() throws Exception {
    List<float[]> vectors =
        WordnetVectors.load(paths.data(), paths.work(), MODEL, Integer.MAX_VALUE);
    List<String> labels = supersenses(paths.data());
    LabelledSplit split = LabelledSplit.heldOut(vectors, labels, 0.10, seed).limitTest(queries);
    System.out.printf(
        "%n## WordNet supersenses (%s, %d classes): %d indexed, %d held out (seed %d), k=%d%n%n",
        MODEL,
        new java.util.TreeSet<>(labels).size(),
        split.trainVectors().size(),
        split.testVectors().size(),
        seed,
        k);
    try (Collection c =
        LabelledCollection.build(
            paths.work().resolve("classify-wordnet-" + seed), split, Similarity.COSINE)) {
      knnRows(c, split);
    }
    Map<String, String> descriptions = descriptions();
    try (OnnxEmbedder embedder =
        OnnxEmbedder.open(ModelRepository.resolve(MODEL), EmbedderOptions.DEFAULTS)) {
      ZeroShotClassifier zeroShot = ZeroShotClassifier.of(embedder, descriptions);
      row("zero-shot (45 descriptions)", split, zeroShot::predict, 0);
    }
    long start = System.nanoTime();
    LinearProbe probe = LinearProbe.train(split.trainVectors(), split.trainLabels(), epochs, seed);
    double trainSeconds = (System.nanoTime() - start) / 1e9;
    row("linear probe (" + epochs + " epochs)", split, probe::predict, trainSeconds);
  }

  private void fashionMnist() throws Exception {
    Path data = paths.data();
    LabelledSplit split =
        new LabelledSplit(
                FashionMnist.images(data, FashionMnist.TRAIN, Integer.MAX_VALUE),
                FashionMnist.labels(data, FashionMnist.TRAIN_LABELS, Integer.MAX_VALUE),
                FashionMnist.images(data, FashionMnist.TEST, Integer.MAX_VALUE),
                FashionMnist.labels(data, FashionMnist.TEST_LABELS, Integer.MAX_VALUE))
            .limitTest(queries);
    System.out.printf(
        "%n## Fashion-MNIST (raw pixels, Euclidean): %d indexed, %d test images, k=%d%n%n",
        split.trainVectors().size(), split.testVectors().size(), k);
    try (Collection c =
        LabelledCollection.build(
            paths.work().resolve("classify-fashion-mnist"), split, Similarity.EUCLIDEAN)) {
      knnRows(c, split);
    }
    System.out.println(
        "\nPublished reference: scikit-learn KNeighborsClassifier on Fashion-MNIST, 0.847-0.860"
            + " test accuracy over its parameter grid (zalandoresearch/fashion-mnist benchmark).");
  }

  /** The graph and the exact scan on the same collection and queries, graph first and last. */
  private void knnRows(Collection c, LabelledSplit split) {
    Points points = Points.of(c, "classify");
    header();
    KnnClassifier graph =
        KnnClassifier.over(c, points, LabelledCollection.FIELD, k, KnnClassifier.Search.GRAPH);
    KnnClassifier exact =
        KnnClassifier.over(c, points, LabelledCollection.FIELD, k, KnnClassifier.Search.EXACT);
    double graphAccuracy = row("kNN through HNSW", split, graph::predict, 0);
    double exactAccuracy = row("kNN exact scan", split, exact::predict, 0);
    System.out.printf(
        "%nHNSW - exact: %+.2f points (acceptance: within 0.3)%n",
        100 * (graphAccuracy - exactAccuracy));
  }

  private static void header() {
    System.out.printf("| method | accuracy | seconds | ms per item |%n|---|---:|---:|---:|%n");
  }

  /** Classifies the test part, prints a table row and returns the accuracy. */
  private static double row(
      String name, LabelledSplit split, Function<float[], Prediction> classifier, double extra) {
    ConfusionTable table = new ConfusionTable();
    long start = System.nanoTime();
    for (int i = 0; i < split.testVectors().size(); i++) {
      table.add(split.testLabels().get(i), classifier.apply(split.testVectors().get(i)).label());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "| %s | %.4f | %.1f%s | %.3f |%n",
        name,
        table.accuracy(),
        seconds,
        extra > 0 ? String.format(" (+%.1f training)", extra) : "",
        1000 * seconds / table.total());
    return table.accuracy();
  }

  /** Each gloss's supersense, in the order of the cached vectors. */
  static List<String> supersenses(Path data) throws IOException {
    Path file = data.resolve(SUPERSENSES);
    Map<String, String> bySynset = new HashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      in.readLine(); // header: synset_id lexname
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cols = line.split("\t");
        bySynset.put(cols[0], cols[1]);
      }
    }
    List<String> labels = new ArrayList<>();
    for (String synset : BenchData.wordnetSynsets(data)) {
      String label = bySynset.get(synset);
      if (label == null) {
        throw new QuarryException(
            QuarryException.Kind.CORRUPT, file + " has no supersense for synset " + synset);
      }
      labels.add(label);
    }
    return labels;
  }

  /** The 45 supersense descriptions shipped with the harness. */
  static Map<String, String> descriptions() throws IOException {
    Path tmp = Files.createTempFile("supersenses", ".tsv");
    try (InputStream in = ClassifyBenchmark.class.getResourceAsStream("supersenses.tsv")) {
      Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return LabelDescriptions.read(tmp);
    } finally {
      Files.delete(tmp);
    }
  }
}
