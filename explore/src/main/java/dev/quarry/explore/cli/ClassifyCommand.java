package dev.quarry.explore.cli;

import dev.quarry.core.Embedder;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.explore.ConfusionTable;
import dev.quarry.explore.CrossValidation;
import dev.quarry.explore.KnnClassifier;
import dev.quarry.explore.LabelDescriptions;
import dev.quarry.explore.LinearProbe;
import dev.quarry.explore.Points;
import dev.quarry.explore.Prediction;
import dev.quarry.explore.ZeroShotClassifier;
import dev.quarry.index.Collection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry classify}: labels documents or texts from a collection's labelled documents. */
@Command(
    name = "classify",
    mixinStandardHelpOptions = true,
    description = {
      "Label the documents that lack a field (or given texts) from the documents that have it:",
      "k-nearest-neighbour voting through the HNSW graph, zero-shot from label descriptions, or a",
      "linear probe. --cv prints cross-validated accuracy and a confusion table instead."
    })
public final class ClassifyCommand implements Runnable {
  /** How labels are predicted. */
  enum Method {
    knn,
    zero_shot,
    probe
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Option(
      names = "--label-field",
      required = true,
      paramLabel = "F",
      description = "The metadata field holding the label.")
  String field;

  @Option(
      names = "--method",
      paramLabel = "knn|zero-shot|probe",
      converter = MethodConverter.class,
      description = "How to predict. Default: knn.")
  Method method = Method.knn;

  @Option(names = "--k", paramLabel = "N", description = "Neighbours that vote. Default: 10.")
  int k = 10;

  @Option(names = "--exact", description = "kNN by scanning every vector instead of the graph.")
  boolean exact;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "Zero-shot: label<TAB>description lines. Default: the labels' own words"
              + " (noun.animal: 'noun animal').")
  Path labelsFile;

  @Option(
      names = "--text",
      paramLabel = "TEXT",
      description = "Classify this text instead of the unlabelled documents (repeatable).")
  List<String> texts = new ArrayList<>();

  @Option(names = "--cv", description = "Print cross-validated accuracy and a confusion table.")
  boolean cv;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Linear probe: passes over the data. Default: " + LinearProbe.DEFAULT_EPOCHS)
  int epochs = LinearProbe.DEFAULT_EPOCHS;

  @Option(names = "--seed", paramLabel = "N", description = "Linear probe seed. Default: 42.")
  long seed = 42;

  @Override
  public void run() {
    boolean needsModel = method == Method.zero_shot || !texts.isEmpty();
    try (Opened opened = Opened.of(dir, needsModel)) {
      Collection c = opened.collection();
      Points points = Points.of(c, "classify");
      PrintWriter out = spec.commandLine().getOut();
      if (cv) {
        ConfusionTable table =
            switch (method) {
              case knn ->
                  CrossValidation.knnLeaveOneOut(
                      KnnClassifier.over(c, points, field, k, search()), points, field);
              case zero_shot ->
                  CrossValidation.untrained(
                      classifier(c, points, opened.embedder()), points, field);
              case probe -> CrossValidation.probeFolds(points, field, epochs, seed);
            };
        table.print(out);
        return;
      }
      Function<float[], Prediction> classifier = classifier(c, points, opened.embedder());
      if (!texts.isEmpty()) {
        List<float[]> vectors = opened.embedder().embed(texts, Role.PASSAGE).vectors();
        for (int i = 0; i < texts.size(); i++) {
          print(out, texts.get(i), classifier.apply(vectors.get(i)));
        }
      } else {
        int unlabelled = 0;
        for (int i = 0; i < points.size(); i++) {
          if (points.label(i, field) == null) {
            print(out, points.get(i).id(), classifier.apply(points.vector(i)));
            unlabelled++;
          }
        }
        if (unlabelled == 0) {
          spec.commandLine()
              .getErr()
              .println("every document has '" + field + "': nothing to label (--cv measures)");
        }
      }
      out.flush();
    }
  }

  private KnnClassifier.Search search() {
    return exact ? KnnClassifier.Search.EXACT : KnnClassifier.Search.GRAPH;
  }

  private Function<float[], Prediction> classifier(Collection c, Points points, Embedder embedder) {
    switch (method) {
      case knn:
        return KnnClassifier.over(c, points, field, k, search())::predict;
      case zero_shot:
        dev.quarry.explore.ExploreChecks.requireField(c, field);
        Map<String, String> descriptions =
            labelsFile != null
                ? LabelDescriptions.read(labelsFile)
                : LabelDescriptions.fromNames(labels(points));
        return ZeroShotClassifier.of(embedder, descriptions)::predict;
      default:
        dev.quarry.explore.ExploreChecks.requireField(c, field);
        List<float[]> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
          if (points.label(i, field) != null) {
            x.add(points.vector(i));
            y.add(points.label(i, field));
          }
        }
        return LinearProbe.train(x, y, epochs, seed)::predict;
    }
  }

  private TreeSet<String> labels(Points points) {
    TreeSet<String> labels = new TreeSet<>();
    for (int i = 0; i < points.size(); i++) {
      String l = points.label(i, field);
      if (l != null) {
        labels.add(l);
      }
    }
    if (labels.isEmpty()) {
      throw QuarryException.invalid("no document has field '" + field + "': no labels to use");
    }
    return labels;
  }

  private static void print(PrintWriter out, String what, Prediction p) {
    out.printf("%s\t%s\t%.3f%n", what, p.label() == null ? "-" : p.label(), p.confidence());
  }

  /** Accepts zero-shot and zero_shot. */
  static final class MethodConverter implements CommandLine.ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
      try {
        return Method.valueOf(value.replace('-', '_'));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown method '" + value + "': use knn, zero-shot or probe");
      }
    }
  }
}
