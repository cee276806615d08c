package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The detectors against the independent label sets (issue 17): `data/probe-cues` and
 * `data/probe-cues2`, each split by id into a tuning half (odd ids, whose failures rule work may
 * read) and a check half (even ids, aggregate counts only), and `data/howto-cues`, a check set
 * throughout. Each set was written and labelled by a helper who read no rules (their READMEs).
 *
 * <p>Run: {@code bin/bench probes [--failures]}. No model is loaded: it measures the rules alone.
 */
@Command(
    name = "probes",
    mixinStandardHelpOptions = true,
    description = "Recency and exclusion detectors against the independent probe label sets.")
public final class ProbeEval implements Callable<Integer> {
  /** The probe sets split into tuning and check halves by id. */
  static final List<String> SPLIT_SETS = List.of("probe-cues", "probe-cues2");

  /** A check set throughout. */
  static final String HOWTO = "howto-cues";

  @Option(names = "--queries", paramLabel = "DIR", description = "Default: ${DEFAULT-VALUE}.")
  Path data = Path.of("data");

  @Option(
      names = "--failures",
      description =
          "Print each query of the tuning halves the rules get wrong. The check halves and"
              + " howto-cues are never printed query by query.")
  boolean failures;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ProbeEval()).execute(args));
  }

  @Override
  public Integer call() {
    QueryRules rules = QueryRules.ENGLISH;
    Table t =
        new Table(
            "Detectors against the independent label sets (%)",
            "set",
            "half",
            "queries",
            "recency P",
            "recency R",
            "exclusion P",
            "exclusion R",
            "ordinary",
            "ordinary: recency fires",
            "ordinary: exclusion fires",
            "ordinary: either fires");
    for (String set : SPLIT_SETS) {
      List<HeldoutSet.Query> all = read(set);
      for (boolean tuning : new boolean[] {true, false}) {
        List<HeldoutSet.Query> half = all.stream().filter(q -> oddId(q) == tuning).toList();
        row(t, set, tuning ? "tuning (odd ids)" : "check (even ids)", half, rules);
        if (failures && tuning) {
          printFailures(set, half, rules);
        }
      }
    }
    row(t, HOWTO, "check (all)", read(HOWTO), rules);
    t.print(System.out);
    return 0;
  }

  private static void row(
      Table t, String set, String half, List<HeldoutSet.Query> qs, QueryRules rules) {
    DetectorFigures f = DetectorFigures.of(qs, rules);
    t.row(
        set,
        half,
        qs.size(),
        labelled(f.recency(), f.recency().precision()),
        labelled(f.recency(), f.recency().recall()),
        labelled(f.exclusion(), f.exclusion().precision()),
        labelled(f.exclusion(), f.exclusion().recall()),
        qs.stream().filter(HeldoutSet.Query::ordinary).count(),
        Table.pct(f.recencyFalse()),
        Table.pct(f.exclusionFalse()),
        Table.pct(f.combinedFalse()));
  }

  /** A share, or a dash where the set labels no query with this intent (howto: no recency). */
  private static String labelled(Detection d, double share) {
    return d.tp() + d.fn() == 0 ? "—" : Table.pct(share);
  }

  private static void printFailures(String set, List<HeldoutSet.Query> qs, QueryRules rules) {
    for (HeldoutSet.Query q : qs) {
      boolean recency = rules.recencyIntent(q.text());
      boolean exclusion = rules.exclusion(q.text());
      if (recency != q.recencyIntent() || exclusion != q.exclusion()) {
        System.out.printf(
            "%s %s  labels recency %s exclusion %s; rules %s %s  %s%n",
            set, q.id(), q.recencyIntent(), q.exclusion(), recency, exclusion, q.text());
      }
    }
  }

  private static boolean oddId(HeldoutSet.Query q) {
    return Integer.parseInt(q.id().replaceAll("\\D", "")) % 2 == 1;
  }

  /** A set's queries as held-out queries: labels only, no documents. */
  private List<HeldoutSet.Query> read(String set) {
    List<HeldoutSet.Query> qs = new ArrayList<>();
    for (JsonObject o : HeldoutSet.lines(data.resolve(set).resolve("queries.jsonl"))) {
      boolean recency = flag(o, "recency");
      boolean exclusion = o.has("label") ? is(o, "label", "exclusion") : flag(o, "exclusion");
      qs.add(
          new HeldoutSet.Query(
              o.get("id").getAsString(),
              o.get("text").getAsString(),
              o.get("domain").getAsString(),
              recency ? "recency" : exclusion ? "exclusion" : "ordinary",
              recency,
              exclusion,
              Set.of(),
              Set.of(),
              null));
    }
    return qs;
  }

  private static boolean flag(JsonObject o, String name) {
    return o.has(name) && o.get(name).getAsBoolean();
  }

  private static boolean is(JsonObject o, String name, String value) {
    return value.equals(o.get(name).getAsString());
  }
}
