package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import dev.quarry.query.RecencyIntent;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * RecencyQA as a guard for the recency trigger: does {@link RecencyIntent} fire on questions whose
 * answers change within a month, and stay quiet on questions whose answers change over years or
 * never? No model is involved; {@code --model} is accepted for a uniform command line.
 *
 * <p>Run: {@code bin/bench recencyqa --data ../shared/data}
 */
@Command(
    name = "recencyqa",
    mixinStandardHelpOptions = true,
    description = "Precision/recall of the recency-intent trigger on RecencyQA.")
public final class RecencyQaEval implements Runnable {
  static final String FILE = "recencyqa/recencyqa.jsonl.gz";

  /** Answers change within a month: recency should apply. */
  static final Set<String> FRESH =
      Set.of("An-Hour", "A-Few-Hours", "A-Day", "A-Few-Days", "A-Week", "A-Few-Weeks", "A-Month");

  /** Answers change over years or never: recency would only hurt. */
  static final Set<String> SLOW = Set.of("A-Few-Years", "Many-Years", "Never");

  @Mixin EvalOptions options;

  /** One question with its label and whether the trigger fired. */
  record Row(int id, String question, String label, boolean stationary, String cue) {
    boolean fresh() {
      return FRESH.contains(label);
    }

    boolean scored() {
      return FRESH.contains(label) || SLOW.contains(label);
    }

    boolean fired() {
      return cue != null;
    }
  }

  /** A named subset of the questions. */
  record Group(String name, Predicate<Row> test) {}

  /** Everything, and the report side (figures there were never looked at while choosing cues). */
  private static List<Group> splits() {
    return List.of(
        new Group("all", r -> true), new Group("report", r -> !Split.DEFAULT.isTuning(r.id())));
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new RecencyQaEval()).execute(args));
  }

  @Override
  public void run() {
    List<Row> rows = EvalFiles.jsonl(options.file(FILE)).stream().map(RecencyQaEval::row).toList();
    List<Row> tuning = rows.stream().filter(r -> Split.DEFAULT.isTuning(r.id())).toList();
    System.out.printf(
        "RecencyQA: %d questions (%d tuning, %d report); trigger = RecencyIntent.cue != null%n",
        rows.size(), tuning.size(), rows.size() - tuning.size());

    Table t =
        new Table(
            "Trigger vs labels (positive: An-Hour..A-Month; negative: A-Few-Years, Many-Years, Never)",
            "questions",
            "split",
            "scored",
            "TP",
            "FP",
            "FN",
            "TN",
            "precision",
            "recall",
            "F1");
    List<Group> stationarity =
        List.of(
            new Group("all", r -> true),
            new Group("Stationary", Row::stationary),
            new Group("Non-Stationary", r -> !r.stationary()));
    for (Group split : splits()) {
      for (Group g : stationarity) {
        Detection c =
            Detection.of(
                rows.stream().filter(split.test().and(g.test()).and(Row::scored)).toList(),
                Row::fresh,
                Row::fired);
        t.row(
            g.name(),
            split.name(),
            c.tp() + c.fp() + c.fn() + c.tn(),
            c.tp(),
            c.fp(),
            c.fn(),
            c.tn(),
            c.precision(),
            c.recall(),
            c.f1());
      }
    }
    t.print(System.out);

    Table fire = new Table("Trigger rate by group", "group", "split", "n", "fired", "rate %");
    List<Group> groups =
        List.of(
            new Group("Stationary (target ≤ 10%)", Row::stationary),
            new Group(
                "Stationary with a slow label", r -> r.stationary() && SLOW.contains(r.label())),
            new Group("Stationary with a fresh label", r -> r.stationary() && r.fresh()),
            new Group("Never", r -> r.label().equals("Never")),
            new Group("negatives (slow)", r -> SLOW.contains(r.label())),
            new Group("positives (fresh)", Row::fresh),
            new Group("unscored (A-Few-Months, A-Year)", r -> !r.scored()));
    for (Group split : splits()) {
      for (Group g : groups) {
        List<Row> sel = rows.stream().filter(split.test().and(g.test())).toList();
        fire.row(
            g.name(),
            split.name(),
            sel.size(),
            sel.stream().filter(Row::fired).count(),
            Table.pct(rate(sel)));
      }
    }
    fire.print(System.out);

    // "Stationary" means the recency class is stable across contexts, not that answers never
    // change: a trigger that fired on exactly the fresh labels would fire on this share anyway.
    List<Row> stationary = rows.stream().filter(Row::stationary).toList();
    double rate = rate(stationary);
    double floor = (double) stationary.stream().filter(Row::fresh).count() / stationary.size();
    System.out.printf(
        "%nTarget: triggers on Stationary questions ≤ 10%%: %s%% -> %s (a trigger firing on"
            + " exactly the fresh-labelled questions would score %s%% here)%n",
        Table.pct(rate), rate <= 0.10 ? "MET" : "MISSED", Table.pct(floor));
    printExamples(tuning);
  }

  private static Row row(JsonObject o) {
    String question = o.get("question").getAsString();
    return new Row(
        o.get("q_id").getAsInt(),
        question,
        o.get("majority_label").getAsString(),
        o.get("final_stationary_label").getAsString().equals("Stationary"),
        RecencyIntent.cue(question));
  }

  private static double rate(List<Row> rows) {
    return rows.isEmpty() ? 0 : (double) rows.stream().filter(Row::fired).count() / rows.size();
  }

  /** False triggers and misses of the tuning split, for rule work that never sees report rows. */
  private void printExamples(List<Row> tuning) {
    if (options.examples <= 0) {
      return;
    }
    System.err.println("\ntuning split, false triggers (slow label or Stationary):");
    tuning.stream()
        .filter(r -> r.fired() && (SLOW.contains(r.label()) || r.stationary()))
        .limit(options.examples)
        .forEach(r -> System.err.printf("  [%s] %s  <- '%s'%n", r.label(), r.question(), r.cue()));
    System.err.println("tuning split, misses (fresh label, no cue):");
    tuning.stream()
        .filter(r -> r.fresh() && !r.fired())
        .limit(options.examples)
        .forEach(r -> System.err.printf("  [%s] %s%n", r.label(), r.question()));
  }
}
