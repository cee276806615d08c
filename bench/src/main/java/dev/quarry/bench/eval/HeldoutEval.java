package dev.quarry.bench.eval;

import dev.quarry.bench.WorkFolder;
import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchRequest.Mode;
import dev.quarry.query.SearchRequest.Negation;
import dev.quarry.query.SearchRequest.RecencyMode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Recency intent and exclusions on our own frozen held-out set (data/heldout), side by side with
 * the same figures on the data the rules were tuned on (issue 17). It prints figures only, never a
 * held-out query: rule work must not read them.
 *
 * <p>Run: {@code bin/bench heldout [--data ../shared/data]}; without {@code --data} only the
 * held-out half runs.
 */
@Command(
    name = "heldout",
    mixinStandardHelpOptions = true,
    description = "Recency intent and exclusions on the frozen held-out set, against tuning data.")
public final class HeldoutEval implements Callable<Integer> {
  /** The set's as-of date, end of day (data/heldout/README.md). */
  static final Instant AS_OF = Instant.parse("2025-12-31T23:59:59Z");

  /** Exclusion arms, recency off (this part is about exclusion). */
  static final List<RankedRuns.Arm> EXCLUSION_ARMS =
      List.of(
          new RankedRuns.Arm("vector, negation off", Mode.VECTOR, Negation.OFF, RecencyMode.OFF),
          new RankedRuns.Arm("vector, negation on", Mode.VECTOR, Negation.DEFAULT, RecencyMode.OFF),
          new RankedRuns.Arm("hybrid, negation off", Mode.HYBRID, Negation.OFF, RecencyMode.OFF),
          new RankedRuns.Arm(
              "hybrid, negation on", Mode.HYBRID, Negation.DEFAULT, RecencyMode.OFF));

  /** Recency arms, negation at its default. */
  static final List<RankedRuns.Arm> RECENCY_ARMS =
      List.of(
          new RankedRuns.Arm("vector, recency off", Mode.VECTOR, Negation.DEFAULT, RecencyMode.OFF),
          new RankedRuns.Arm(
              "vector, recency auto", Mode.VECTOR, Negation.DEFAULT, RecencyMode.AUTO),
          new RankedRuns.Arm("hybrid, recency off", Mode.HYBRID, Negation.DEFAULT, RecencyMode.OFF),
          new RankedRuns.Arm(
              "hybrid, recency auto", Mode.HYBRID, Negation.DEFAULT, RecencyMode.AUTO));

  private static final QueryRules RULES = QueryRules.ENGLISH;

  @Mixin ModelChoice model;

  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "The shared data folder (../shared/data), for the tuning side. Without it,"
              + " only the held-out side runs.")
  Path data;

  @Option(
      names = {"--set", "--heldout"},
      paramLabel = "DIR",
      description =
          "The query set in the held-out format: the frozen data/heldout, or the rule-work set"
              + " data/devset. Default: ${DEFAULT-VALUE}.")
  Path heldout = Path.of("data/heldout");

  @Mixin WorkFolder workFolder;

  @Option(
      names = "--smoke",
      description =
          "Run the engine on the first 20 exclusion and 20 recency queries only (CI: proves the"
              + " harness runs; its engine figures are not the set's).")
  boolean smoke;

  @Option(
      names = "--failures",
      description =
          "Print each failing query with its top 10 (rule work on a dev set). Refused on the"
              + " frozen held-out set, whose queries rule work must not read.")
  boolean failures;

  /** Queries per engine part under --smoke. */
  private static final int SMOKE_QUERIES = 20;

  public static void main(String[] args) {
    System.exit(new CommandLine(new HeldoutEval()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (failures && setName().equals("heldout")) {
      throw new CommandLine.ParameterException(
          new CommandLine(this),
          "--failures reads queries one by one: use it on a dev set (--set data/devset2), never"
              + " on the frozen held-out set.");
    }
    HeldoutSet set = HeldoutSet.read(heldout);
    System.out.printf(
        "Held-out set: %d documents (%d undated), %d queries; model %s, top %d, as of %s%n",
        set.docs().size(),
        set.undated().size(),
        set.queries().size(),
        model.name,
        RankedRuns.K,
        AS_OF);
    DetectorFigures held = DetectorFigures.of(set.queries(), RULES);
    printDetectors(set);
    if (failures) {
      set.queries().stream()
          .filter(q -> q.ordinary() && (RULES.recencyIntent(q.text()) || RULES.exclusion(q.text())))
          .forEach(q -> System.out.printf("ordinary, fires: %s  %s%n", q.id(), q.text()));
    }
    List<HeldoutSet.Query> exclusions =
        set.queries().stream()
            .filter(HeldoutSet.Query::exclusion)
            .limit(smoke ? SMOKE_QUERIES : Long.MAX_VALUE)
            .toList();
    List<HeldoutSet.Query> recent =
        set.queries().stream()
            .filter(HeldoutSet.Query::recencyIntent)
            .limit(smoke ? SMOKE_QUERIES : Long.MAX_VALUE)
            .toList();
    if (smoke) {
      System.out.printf(
          "%n**Smoke run**: engine figures over the first %d queries of each part only.%n",
          SMOKE_QUERIES);
    }
    List<RankedRuns.ExclusionScores> excluded = new ArrayList<>();
    List<RankedRuns.RecencyScores> ranked = new ArrayList<>();
    TuningFigures tuning;
    try (Embedder embedder = model.open()) {
      List<float[]> vectors =
          EmbeddingCache.passages(embedder, workFolder.path(), setName(), set.passages());
      try (Collection collection =
          EvalIndex.build(
              workFolder.path().resolve(setName() + "-" + model.name),
              embedder.identity(),
              set.documents(vectors))) {
        RankedRuns runs =
            new RankedRuns(
                new QueryEngine(collection, embedder),
                AS_OF,
                failures ? System.out::print : r -> {});
        EXCLUSION_ARMS.forEach(a -> excluded.add(runs.exclusion(a, exclusions)));
        RECENCY_ARMS.forEach(a -> ranked.add(runs.recency(a, recent, set.undated())));
      }
      tuning =
          data == null
              ? null
              : TuningFigures.measure(
                  data, RULES, embedder, workFolder.path(), model.name, EXCLUSION_ARMS);
    }
    printRetrieval(excluded, ranked);
    sideBySide(held, excluded, ranked, tuning).print(System.out);
    return 0;
  }

  /** The set's folder name, which keys its cached vectors and collection. */
  private String setName() {
    return heldout.toAbsolutePath().normalize().getFileName().toString();
  }

  private static void printDetectors(HeldoutSet set) {
    Table t =
        new Table(
            "Held-out: detectors against the labels (%)",
            "domain",
            "queries",
            "recency P",
            "recency R",
            "recency F1",
            "exclusion P",
            "exclusion R",
            "exclusion F1",
            "ordinary",
            "ordinary: recency fires",
            "ordinary: exclusion fires",
            "ordinary: either fires");
    List<String> domains =
        new ArrayList<>(set.queries().stream().map(HeldoutSet.Query::domain).distinct().toList());
    domains.add("all");
    for (String domain : domains) {
      List<HeldoutSet.Query> qs =
          set.queries().stream()
              .filter(q -> domain.equals("all") || q.domain().equals(domain))
              .toList();
      DetectorFigures f = DetectorFigures.of(qs, RULES);
      t.row(
          domain,
          qs.size(),
          Table.pct(f.recency().precision()),
          Table.pct(f.recency().recall()),
          Table.pct(f.recency().f1()),
          Table.pct(f.exclusion().precision()),
          Table.pct(f.exclusion().recall()),
          Table.pct(f.exclusion().f1()),
          qs.stream().filter(HeldoutSet.Query::ordinary).count(),
          Table.pct(f.recencyFalse()),
          Table.pct(f.exclusionFalse()),
          Table.pct(f.combinedFalse()));
    }
    t.print(System.out);
  }

  private static void printRetrieval(
      List<RankedRuns.ExclusionScores> excluded, List<RankedRuns.RecencyScores> ranked) {
    Table x =
        new Table(
            "Held-out: exclusion queries through the engine (recency off, %)",
            "arm",
            "queries",
            "violation@10 (an excluded doc in the top 10)",
            "recall@10 of the relevant docs");
    for (int i = 0; i < EXCLUSION_ARMS.size(); i++) {
      RankedRuns.ExclusionScores s = excluded.get(i);
      x.row(
          EXCLUSION_ARMS.get(i).name(), s.n(), Table.pct(s.violation10()), Table.pct(s.recall10()));
    }
    x.print(System.out);
    Table r =
        new Table(
            "Held-out: recency-intent queries through the engine (negation on, %)",
            "arm",
            "queries",
            "newest relevant dated doc first",
            "undated doc first",
            "queries with an undated relevant doc",
            "of those: an undated relevant doc above the newest dated one");
    for (int i = 0; i < RECENCY_ARMS.size(); i++) {
      RankedRuns.RecencyScores s = ranked.get(i);
      r.row(
          RECENCY_ARMS.get(i).name(),
          s.n(),
          Table.pct(s.expectedFirstAtOne()),
          Table.pct(s.undatedAtOne()),
          s.withUndatedRelevant(),
          Table.pct(s.undatedAboveNewest()));
    }
    r.print(System.out);
  }

  private static SideBySide sideBySide(
      DetectorFigures held,
      List<RankedRuns.ExclusionScores> excluded,
      List<RankedRuns.RecencyScores> ranked,
      TuningFigures tuning) {
    DetectorFigures tuned = tuning == null ? null : tuning.detectors();
    String recencyQa = "RecencyQA tuning split";
    String excluir = "ExcluIR rule work (RQ_rewrite, question0)";
    SideBySide s = new SideBySide();
    s.higher(
        "recency intent: precision",
        recencyQa,
        of(tuned, d -> d.recency().precision()),
        held.recency().precision());
    s.higher(
        "recency intent: recall",
        recencyQa,
        of(tuned, d -> d.recency().recall()),
        held.recency().recall());
    s.higher(
        "recency intent: F1", recencyQa, of(tuned, d -> d.recency().f1()), held.recency().f1());
    s.higher(
        "exclusion detection: precision",
        excluir,
        of(tuned, d -> d.exclusion().precision()),
        held.exclusion().precision());
    s.higher(
        "exclusion detection: recall (detection rate)",
        excluir,
        of(tuned, d -> d.exclusion().recall()),
        held.exclusion().recall());
    Map<String, RankedRuns.ExclusionScores> violation = tuning == null ? null : tuning.violation();
    for (int i = 0; i < EXCLUSION_ARMS.size(); i++) {
      String arm = EXCLUSION_ARMS.get(i).name();
      RankedRuns.ExclusionScores t = violation == null ? null : violation.get(arm);
      s.lower(
          "violation@10, " + arm,
          "ExcluIR sample tuning split",
          t == null ? null : t.violation10(),
          excluded.get(i).violation10());
      s.higher(
          "recall@10, " + arm,
          "ExcluIR sample tuning split",
          t == null ? null : t.recall10(),
          excluded.get(i).recall10());
    }
    s.falseTrigger(
        "false triggers on ordinary questions: recency",
        "RecencyQA tuning split, slow labels",
        of(tuned, DetectorFigures::recencyFalse),
        held.recencyFalse());
    s.falseTrigger(
        "false triggers on ordinary questions: exclusion",
        "ExcluIR rule work, question0",
        of(tuned, DetectorFigures::exclusionFalse),
        held.exclusionFalse());
    s.falseTrigger(
        "false triggers on ordinary questions: either",
        "both of the above",
        of(tuned, DetectorFigures::combinedFalse),
        held.combinedFalse());
    for (int i = 0; i < RECENCY_ARMS.size(); i++) {
      s.higher(
          "newest relevant dated doc first, " + RECENCY_ARMS.get(i).name(),
          null,
          null,
          ranked.get(i).expectedFirstAtOne());
    }
    return s;
  }

  /** A tuning figure, or null when the tuning side was not run. */
  private static Double of(DetectorFigures tuned, ToDoubleFunction<DetectorFigures> figure) {
    return tuned == null ? null : figure.applyAsDouble(tuned);
  }
}
