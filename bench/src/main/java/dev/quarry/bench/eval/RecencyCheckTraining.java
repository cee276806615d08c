package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import dev.quarry.core.Embedder;
import dev.quarry.core.Role;
import dev.quarry.query.interpret.EnglishInterpreter;
import dev.quarry.query.interpret.Interpretation;
import dev.quarry.query.interpret.RecencyCheck;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Trains the recency check (decision 0175) on our own rule-work queries, chooses its regularisation
 * and threshold by cross-validation on them alone, writes the weights, and reports the check halves
 * of the probe sets as aggregate counts only.
 *
 * <p>Run: {@code bin/bench recency-check}; it rewrites the bundled weights of the chosen model.
 */
@Command(
    name = "recency-check",
    mixinStandardHelpOptions = true,
    description = "Train the learned check on the English rules' recency cues.")
public final class RecencyCheckTraining implements Callable<Integer> {
  /** Rule-work sets, all their queries. */
  static final List<String> WHOLE_SETS = List.of("devset", "devset2", "devset3");

  /** Probe sets: odd ids tune, even ids check (their READMEs). */
  static final List<String> PROBE_SETS = List.of("probe-cues", "probe-cues2");

  /** Regularisation strengths tried; cross-validated log loss picks one. */
  static final double[] L2 = {1e-5, 3e-5, 1e-4, 3e-4, 1e-3};

  /** Thresholds tried, high to low; the first that keeps 99% of true cues out of fold wins. */
  static final double[] THRESHOLDS = {0.2, 0.1, 0.07, 0.05, 0.03, 0.02, 0.01};

  /** The share of the rules' true cues the check may set aside, out of fold. */
  static final double MAX_LOSS = 0.01;

  static final int FOLDS = 5;

  @Mixin ModelChoice model;

  @Option(names = "--queries", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
  Path data = Path.of("data");

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The shared data folder (../shared/data): adds RecencyQA's tuning split (fresh labels"
              + " as recency, slow labels as none) to the training queries and reports its report"
              + " split.")
  Path shared;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description =
          "Where to write the weights. Default: the bundled resource for the model under"
              + " query/src/main/resources.")
  Path out;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RecencyCheckTraining()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    List<LabelledQuery> tune = new ArrayList<>();
    List<LabelledQuery> check = new ArrayList<>();
    List<LabelledQuery> recencyQaReport = new ArrayList<>();
    List<String> trainedOn = new ArrayList<>(WHOLE_SETS);
    for (String set : WHOLE_SETS) {
      tune.addAll(read(set));
    }
    for (String set : PROBE_SETS) {
      read(set).forEach(q -> (q.oddId() ? tune : check).add(q));
      trainedOn.add(set + ":odd");
    }
    if (shared != null) {
      for (JsonObject o : EvalFiles.jsonl(EvalFiles.require(shared, RecencyQaEval.FILE))) {
        String label = o.get("majority_label").getAsString();
        if (RecencyQaEval.FRESH.contains(label) || RecencyQaEval.SLOW.contains(label)) {
          LabelledQuery q =
              labelled(
                  "rqa-" + o.get("q_id").getAsInt(),
                  o.get("question").getAsString(),
                  RecencyQaEval.FRESH.contains(label),
                  false);
          (Split.DEFAULT.isTuning(o.get("q_id").getAsInt()) ? tune : recencyQaReport).add(q);
        }
      }
      trainedOn.add("RecencyQA:tuning");
    }
    try (Embedder embedder = model.open()) {
      embed(tune, embedder);
      embed(check, embedder);
      embed(recencyQaReport, embedder);
      System.out.printf("Tuning queries: %d (%s); model %s%n", tune.size(), trainedOn, model.name);
      LogisticTraining.Choice choice = LogisticTraining.choose(tune, L2, THRESHOLDS, MAX_LOSS);
      RecencyCheck trained =
          LogisticTraining.fit(tune, choice, embedder.identity(), String.join(",", trainedOn));
      write(trained);
      System.out.println();
      System.out.println("Check sets (aggregate counts; never read query by query):");
      CheckCounts.of("probe check halves", check, trained).print();
      if (!recencyQaReport.isEmpty()) {
        CheckCounts.of("RecencyQA report split", recencyQaReport, trained).print();
      }
    }
    return 0;
  }

  private List<LabelledQuery> read(String set) {
    List<LabelledQuery> qs = new ArrayList<>();
    for (JsonObject o : HeldoutSet.lines(data.resolve(set).resolve("queries.jsonl"))) {
      qs.add(
          labelled(
              o.get("id").getAsString(),
              o.get("text").getAsString(),
              flag(o, "recency", "recency_intent"),
              flag(o, "exclusion", "exclusion")));
    }
    return qs;
  }

  private static LabelledQuery labelled(
      String id, String text, boolean recency, boolean exclusion) {
    Interpretation in = EnglishInterpreter.INSTANCE.interpret(text, true);
    return new LabelledQuery(
        id,
        text,
        recency,
        exclusion,
        in.recencyCue().isPresent(),
        in.exclusion().isPresent(),
        null);
  }

  /** Embeds each query's semantic text (quotation marks removed), as the engine does. */
  private static void embed(List<LabelledQuery> qs, Embedder embedder) {
    List<String> semantic =
        qs.stream()
            .map(q -> EnglishInterpreter.INSTANCE.interpret(q.text(), true).semantic())
            .toList();
    List<float[]> vectors = embedder.embed(semantic, Role.QUERY).vectors();
    for (int i = 0; i < qs.size(); i++) {
      qs.set(i, qs.get(i).withVector(vectors.get(i)));
    }
  }

  /** The label, under the probe sets' name or the dev sets'. */
  private static boolean flag(JsonObject o, String probeName, String devName) {
    return (o.has(probeName) ? o.get(probeName) : o.get(devName)).getAsBoolean();
  }

  private void write(RecencyCheck check) throws java.io.IOException {
    Path file =
        out != null
            ? out
            : Path.of(
                "query/src/main/resources/dev/quarry/query/interpret/recency-check",
                model.name + ".txt");
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      check.write(w);
    }
    System.out.println("wrote " + file);
  }
}
