package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.RecencyIntent;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchRequest.Recency;
import dev.quarry.query.SearchRequest.RecencyMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * RealTime QA recency: weekly news questions over 11,527 dated articles, each question searched as
 * of the end of its question date, with recency off, on intent (auto) and forced.
 *
 * <p>Run: {@code bin/bench realtimeqa --data ../shared/data [--model all-minilm-l6-v2]}
 */
@Command(
    name = "realtimeqa",
    mixinStandardHelpOptions = true,
    description = "Recency on RealTime QA: off / auto / forced under an as-of date.")
public final class RealtimeQaEval implements Callable<Integer> {
  static final String DIR = "realtimeqa-recency/";
  static final int K = 10;
  static final int TEXT_CHARS = 1500;
  static final int STALE_DAYS = 365;

  /** As of far in the future: no document is excluded as future, i.e. no date handling at all. */
  private static final Instant NO_AS_OF = Instant.parse("2100-01-01T00:00:00Z");

  /** Seed of the as-of dates given to RecencyQA questions in the trigger guard. */
  private static final long GUARD_SEED = 20261124L;

  @Mixin EvalOptions options;

  /** A question with its date and relevant documents. */
  record Question(String id, String text, LocalDate date, Set<String> relevant) {
    boolean explicit() {
      return RecencyIntent.cue(text) != null;
    }

    /** The end of the question's day: everything published that day is known. */
    Instant asOf() {
      return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
    }
  }

  /**
   * A configuration under test; {@code asOf} false searches with no date handling at all; {@code
   * gate} is the decay's relevance gate.
   */
  record Arm(
      String name,
      RecencyMode mode,
      Duration halfLife,
      boolean asOf,
      double gate,
      Duration fresh,
      SearchRequest.Mode search) {
    Arm(String name, RecencyMode mode, Duration halfLife, boolean asOf) {
      this(name, mode, halfLife, asOf, Recency.DEFAULT_GATE);
    }

    Arm(String name, RecencyMode mode, Duration halfLife, boolean asOf, double gate) {
      this(name, mode, halfLife, asOf, gate, Recency.DEFAULT_FRESH);
    }

    Arm(
        String name,
        RecencyMode mode,
        Duration halfLife,
        boolean asOf,
        double gate,
        Duration fresh) {
      this(name, mode, halfLife, asOf, gate, fresh, SearchRequest.Mode.VECTOR);
    }

    /** The same arm in hybrid mode (BM25 fused with the vectors, the CLI's default). */
    Arm hybrid() {
      return new Arm(
          "hybrid: " + name, mode, halfLife, asOf, gate, fresh, SearchRequest.Mode.HYBRID);
    }

    Recency recency(Instant asOf) {
      return Recency.DEFAULT
          .withMode(mode)
          .withHalfLife(halfLife)
          .withGate(gate)
          .withFresh(fresh)
          .withAsOf(asOf() ? asOf : NO_AS_OF);
    }
  }

  /** One question's scores under one arm. */
  record Scores(double mrr, double recall, double ndcg, double stale, double future) {}

  /** Means over questions. */
  record Summary(int n, double mrr, double recall, double ndcg, double stale, double future) {
    static Summary of(List<Scores> s) {
      return new Summary(
          s.size(),
          s.stream().mapToDouble(Scores::mrr).average().orElse(Double.NaN),
          s.stream().mapToDouble(Scores::recall).average().orElse(Double.NaN),
          s.stream().mapToDouble(Scores::ndcg).average().orElse(Double.NaN),
          s.stream().mapToDouble(Scores::stale).average().orElse(Double.NaN),
          s.stream().mapToDouble(Scores::future).average().orElse(Double.NaN));
    }
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RealtimeQaEval()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    evaluate();
    return 0;
  }

  private void evaluate() throws Exception {
    List<JsonObject> corpus = EvalFiles.jsonl(options.file(DIR + "rtqa_corpus.jsonl.gz"));
    Map<String, LocalDate> dates = new HashMap<>();
    List<String> texts = new ArrayList<>(corpus.size());
    for (JsonObject o : corpus) {
      dates.put(
          o.get("doc_id").getAsString(), LocalDate.parse(o.get("publish_date").getAsString()));
      texts.add(o.get("title").getAsString() + ". " + cut(o.get("text").getAsString()));
    }
    List<Question> strict = questions("rtqa_qrels_strict.tsv.gz");
    List<Question> lenient = questions("rtqa_qrels_lenient.tsv.gz");
    long tuning = strict.stream().filter(q -> Split.DEFAULT.isTuning(q.id())).count();
    long explicit = strict.stream().filter(Question::explicit).count();
    System.out.printf(
        "RealTime QA: %d dated documents; %d questions with strict qrels (%d tuning, %d report;"
            + " %d with a RecencyIntent cue), %d with lenient qrels; model %s, vector mode"
            + " unless an arm says hybrid,"
            + " negation off, as of the end of the question date%n",
        corpus.size(),
        strict.size(),
        tuning,
        strict.size() - tuning,
        explicit,
        lenient.size(),
        options.model());

    try (Embedder embedder = options.openEmbedder()) {
      List<float[]> vectors =
          EmbeddingCache.passages(embedder, options.paths.work(), "rtqa-docs", texts);
      List<Document> documents = new ArrayList<>(corpus.size());
      for (int i = 0; i < corpus.size(); i++) {
        JsonObject o = corpus.get(i);
        documents.add(
            Document.builder(o.get("doc_id").getAsString())
                .title(o.get("title").getAsString())
                .text(cut(o.get("text").getAsString()))
                .meta("date", dates.get(o.get("doc_id").getAsString()))
                .vector(vectors.get(i))
                .build());
      }
      try (Collection collection =
          EvalIndex.build(
              options.paths.work().resolve("rtqa-" + options.model()),
              embedder.identity(),
              documents)) {
        QueryEngine engine = new QueryEngine(collection, embedder);
        report(engine, dates, strict, lenient);
      }
    }
    printExamples(strict);
  }

  private void report(
      QueryEngine engine,
      Map<String, LocalDate> dates,
      List<Question> strict,
      List<Question> lenient) {
    Duration month = Duration.ofDays(30);
    Arm none = new Arm("no date handling", RecencyMode.OFF, month, false);
    Arm off = new Arm("off (as-of filter only)", RecencyMode.OFF, month, true);
    Arm auto =
        new Arm(
            "auto, half-life 30 d (gate 0.4, fresh coverage 7 d)", RecencyMode.AUTO, month, true);
    Arm cuesOnly =
        new Arm(
            "auto on cues only (no fresh coverage)",
            RecencyMode.AUTO,
            month,
            true,
            Recency.DEFAULT_GATE,
            Duration.ZERO);
    Arm forced = new Arm("forced, half-life 30 d (gate 0.4)", RecencyMode.FORCED, month, true);
    Arm autoAll = new Arm("auto, 30 d, gate 0 (every candidate)", RecencyMode.AUTO, month, true, 0);
    Arm forcedAll =
        new Arm("forced, 30 d, gate 0 (every candidate)", RecencyMode.FORCED, month, true, 0);
    List<Arm> arms =
        new ArrayList<>(List.of(none, off, auto, forced, autoAll, forcedAll, cuesOnly));
    for (int days : new int[] {3, 14, 30}) {
      arms.add(
          new Arm(
              "auto, fresh coverage " + days + " d",
              RecencyMode.AUTO,
              month,
              true,
              Recency.DEFAULT_GATE,
              Duration.ofDays(days)));
    }
    Arm autoHybrid = auto.hybrid();
    arms.addAll(List.of(off.hybrid(), autoHybrid, forced.hybrid()));
    for (int days : new int[] {7, 90, 365}) {
      arms.add(
          new Arm(
              "forced, half-life " + days + " d", RecencyMode.FORCED, Duration.ofDays(days), true));
    }

    Map<Arm, List<Scores>> results = new LinkedHashMap<>();
    Table t =
        new Table(
            "Strict qrels: all questions",
            "arm",
            "n",
            "MRR@10",
            "Recall@10",
            "nDCG@10",
            "Stale@10",
            "Future@10",
            "MRR@10 explicit cue",
            "MRR@10 implicit");
    for (Arm arm : arms) {
      List<Scores> scores = run(engine, dates, arm, strict);
      results.put(arm, scores);
      Summary s = Summary.of(scores);
      t.row(
          arm.name(),
          s.n(),
          s.mrr(),
          s.recall(),
          s.ndcg(),
          s.stale(),
          s.future(),
          subset(strict, scores, Question::explicit).mrr(),
          subset(strict, scores, q -> !q.explicit()).mrr());
    }
    t.print(System.out);

    Table splits =
        new Table(
            "Strict qrels by split (cue words were only ever checked on the tuning side)",
            "arm",
            "MRR@10 tuning",
            "MRR@10 report",
            "Future@10 report");
    for (Arm arm : arms.subList(0, 13)) {
      Summary tune = subset(strict, results.get(arm), q -> Split.DEFAULT.isTuning(q.id()));
      Summary rep = subset(strict, results.get(arm), q -> !Split.DEFAULT.isTuning(q.id()));
      splits.row(arm.name(), tune.mrr(), rep.mrr(), rep.future());
    }
    splits.print(System.out);

    Table d = new Table("Strict qrels: paired differences in MRR@10", "comparison", "Δ [95% CI]");
    d.row("auto − off", mrrDelta(results.get(off), results.get(auto)));
    d.row("forced − auto", mrrDelta(results.get(auto), results.get(forced)));
    d.row("auto − auto on cues only", mrrDelta(results.get(cuesOnly), results.get(auto)));
    d.row("off − no date handling", mrrDelta(results.get(none), results.get(off)));
    d.print(System.out);

    Table l =
        new Table(
            "Lenient qrels (secondary; noisier)",
            "arm",
            "n",
            "MRR@10",
            "Recall@10",
            "nDCG@10",
            "Stale@10",
            "Future@10");
    for (Arm arm : List.of(none, off, auto, forced)) {
      Summary s = Summary.of(run(engine, dates, arm, lenient));
      l.row(arm.name(), s.n(), s.mrr(), s.recall(), s.ndcg(), s.stale(), s.future());
    }
    l.print(System.out);
    triggers(engine, auto, strict);

    Summary a = Summary.of(results.get(auto));
    Summary rep = subset(strict, results.get(auto), q -> !Split.DEFAULT.isTuning(q.id()));
    boolean noFuture =
        arms.stream().filter(Arm::asOf).allMatch(arm -> Summary.of(results.get(arm)).future() == 0);
    Table g = new Table("Targets", "target", "measured", "met");
    g.row("auto MRR@10 ≥ 0.85 (all 667)", a.mrr(), a.mrr() >= 0.85 ? "yes" : "**no**");
    g.row("auto MRR@10 ≥ 0.85 (report split)", rep.mrr(), rep.mrr() >= 0.85 ? "yes" : "**no**");
    Summary h = Summary.of(results.get(autoHybrid));
    Summary hRep = subset(strict, results.get(autoHybrid), q -> !Split.DEFAULT.isTuning(q.id()));
    g.row("hybrid auto MRR@10 ≥ 0.85 (all 667)", h.mrr(), h.mrr() >= 0.85 ? "yes" : "**no**");
    g.row(
        "hybrid auto MRR@10 ≥ 0.85 (report split)",
        hRep.mrr(),
        hRep.mrr() >= 0.85 ? "yes" : "**no**");
    g.row(
        "Future@10 = 0 whenever as-of is set", noFuture ? "0" : "> 0", noFuture ? "yes" : "**no**");
    g.print(System.out);
  }

  /**
   * How often auto applies the decay, by cue or by fresh coverage: on these questions (all of which
   * want the news), and on RecencyQA questions whose answers change over years or never, searched
   * against this corpus as of the date of a random question here, where it should not apply.
   */
  private void triggers(QueryEngine engine, Arm auto, List<Question> strict) {
    Table t =
        new Table(
            "Auto's trigger: by cue, by fresh coverage (RecencyQA rows searched as of a random"
                + " question date here, seed "
                + GUARD_SEED
                + ")",
            "questions",
            "n",
            "cue",
            "fresh coverage",
            "either");
    List<Map.Entry<String, Instant>> rtqa =
        strict.stream().map(q -> Map.entry(q.text(), q.asOf())).toList();
    row(t, "RealTime QA, with a cue", engine, auto, filter(rtqa, true));
    row(t, "RealTime QA, without a cue", engine, auto, filter(rtqa, false));
    Random random = new Random(GUARD_SEED);
    List<JsonObject> rows = EvalFiles.jsonl(options.file(RecencyQaEval.FILE));
    Map<String, List<Map.Entry<String, Instant>>> groups = new LinkedHashMap<>();
    for (JsonObject o : rows) {
      String label = o.get("majority_label").getAsString();
      boolean stationary = o.get("final_stationary_label").getAsString().equals("Stationary");
      var entry =
          Map.entry(
              o.get("question").getAsString(), strict.get(random.nextInt(strict.size())).asOf());
      if (RecencyQaEval.SLOW.contains(label)) {
        groups
            .computeIfAbsent("RecencyQA, slow label (should not fire)", k -> new ArrayList<>())
            .add(entry);
      }
      if (stationary) {
        groups.computeIfAbsent("RecencyQA, Stationary", k -> new ArrayList<>()).add(entry);
        if (RecencyQaEval.SLOW.contains(label)) {
          groups
              .computeIfAbsent("RecencyQA, Stationary with a slow label", k -> new ArrayList<>())
              .add(entry);
        }
      }
    }
    groups.forEach((name, qs) -> row(t, name, engine, auto, qs));
    t.print(System.out);
  }

  private static List<Map.Entry<String, Instant>> filter(
      List<Map.Entry<String, Instant>> qs, boolean cue) {
    return qs.stream().filter(e -> (RecencyIntent.cue(e.getKey()) != null) == cue).toList();
  }

  private static void row(
      Table t, String name, QueryEngine engine, Arm arm, List<Map.Entry<String, Instant>> qs) {
    List<String> plans =
        qs.parallelStream()
            .map(
                e ->
                    String.join(
                        "\n", engine.search(request(e.getKey(), arm, e.getValue(), true)).plan()))
            .toList();
    int cue = 0;
    int coverage = 0;
    int either = 0;
    for (String plan : plans) {
      boolean byCue = plan.contains("decay applied (auto: cue");
      boolean byCoverage = plan.contains("fresh coverage, decay applied");
      cue += byCue ? 1 : 0;
      coverage += byCoverage ? 1 : 0;
      either += byCue || byCoverage ? 1 : 0;
    }
    double n = Math.max(1, qs.size());
    t.row(name, qs.size(), cue / n, coverage / n, either / n);
  }

  /** The request every arm runs: negation off, top {@value #K}. */
  private static SearchRequest request(String text, Arm arm, Instant asOf, boolean explain) {
    return SearchRequest.builder(text)
        .k(K)
        .mode(arm.search())
        .negation(SearchRequest.Negation.OFF)
        .recency(arm.recency(asOf))
        .explain(explain)
        .build();
  }

  private static List<Scores> run(
      QueryEngine engine, Map<String, LocalDate> dates, Arm arm, List<Question> questions) {
    long start = System.nanoTime();
    List<Scores> scores =
        questions.parallelStream()
            .map(
                q -> {
                  List<SearchHit> hits =
                      engine.search(request(q.text(), arm, q.asOf(), false)).hits();
                  return score(q, hits, dates);
                })
            .toList();
    System.err.printf(
        "  %s: %d questions in %.1f s%n",
        arm.name(), questions.size(), (System.nanoTime() - start) / 1e9);
    return scores;
  }

  static Scores score(Question q, List<SearchHit> hits, Map<String, LocalDate> dates) {
    double rr = 0;
    int found = 0;
    double dcg = 0;
    int stale = 0;
    int future = 0;
    for (int i = 0; i < Math.min(K, hits.size()); i++) {
      String id = hits.get(i).id();
      if (q.relevant().contains(id)) {
        rr = rr == 0 ? 1.0 / (i + 1) : rr;
        found++;
        dcg += 1 / log2(i + 2);
      }
      long age = ChronoUnit.DAYS.between(dates.get(id), q.date());
      stale += age > STALE_DAYS ? 1 : 0;
      future += age < 0 ? 1 : 0;
    }
    double ideal = 0;
    for (int i = 0; i < Math.min(K, q.relevant().size()); i++) {
      ideal += 1 / log2(i + 2);
    }
    int shown = Math.max(1, Math.min(K, hits.size()));
    return new Scores(
        rr,
        (double) found / q.relevant().size(),
        dcg / ideal,
        (double) stale / shown,
        (double) future / shown);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static Summary subset(
      List<Question> questions, List<Scores> scores, Predicate<Question> keep) {
    List<Scores> kept = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      if (keep.test(questions.get(i))) {
        kept.add(scores.get(i));
      }
    }
    return Summary.of(kept);
  }

  private static String mrrDelta(List<Scores> a, List<Scores> b) {
    double[] x = a.stream().mapToDouble(Scores::mrr).toArray();
    double[] y = b.stream().mapToDouble(Scores::mrr).toArray();
    return Table.delta(Stats.mean(y) - Stats.mean(x), Stats.bootstrapDelta(x, y));
  }

  /** Questions that have qrels in {@code file}, in query-file order. */
  private List<Question> questions(String file) {
    Map<String, Set<String>> qrels = new HashMap<>();
    for (String[] row : EvalFiles.tsv(options.file(DIR + file))) {
      if (Integer.parseInt(row[2]) > 0) {
        qrels.computeIfAbsent(row[0], k -> new HashSet<>()).add(row[1]);
      }
    }
    List<Question> out = new ArrayList<>();
    for (JsonObject o : EvalFiles.jsonl(options.file(DIR + "rtqa_queries.jsonl.gz"))) {
      String id = o.get("question_id").getAsString();
      if (qrels.containsKey(id)) {
        out.add(
            new Question(
                id,
                o.get("question_sentence").getAsString(),
                LocalDate.parse(o.get("question_date").getAsString()),
                Set.copyOf(qrels.get(id))));
      }
    }
    return out;
  }

  private static String cut(String text) {
    return text.length() <= TEXT_CHARS ? text : text.substring(0, TEXT_CHARS);
  }

  /** Tuning-split questions without a cue: what the auto arm leaves undecayed. */
  private void printExamples(List<Question> strict) {
    if (options.examples <= 0) {
      return;
    }
    System.err.println("\ntuning split, questions without a recency cue:");
    strict.stream()
        .filter(q -> Split.DEFAULT.isTuning(q.id()) && !q.explicit())
        .limit(options.examples)
        .forEach(q -> System.err.println("  " + q.text()));
  }
}
