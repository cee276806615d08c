package dev.quarry.query;

import dev.quarry.index.Collection;
import dev.quarry.query.interpret.Exclusion;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The re-ranker that moves the candidates whose title names the excluded entity after all others,
 * keeping each group's order. Only the most specific matches count: when some title matches with
 * its disambiguation, titles that match only without it stay (see {@link ExcludedTitles}).
 */
final class TitleDemotion {
  private TitleDemotion() {}

  /** Whether title demotion will find a candidate titled after the excluded entity. */
  static boolean anyTitled(List<Candidate> ranked, ExcludedTitles titles, Collection collection) {
    for (Candidate c : ranked) {
      if (match(c, titles, collection) != ExcludedTitles.Match.NONE) {
        return true;
      }
    }
    return false;
  }

  static List<Candidate> demote(
      List<Candidate> ranked,
      ExcludedTitles titles,
      Exclusion exclusion,
      Collection collection,
      Plan plan) {
    ExcludedTitles.Match best = ExcludedTitles.Match.NONE;
    for (Candidate c : ranked) {
      ExcludedTitles.Match m = match(c, titles, collection);
      best = m.compareTo(best) > 0 ? m : best;
    }
    if (best == ExcludedTitles.Match.NONE) {
      plan.add("negation: no candidate is titled after \"" + exclusion.excluded() + "\"");
      return ranked;
    }
    List<Candidate> kept = new ArrayList<>();
    List<Candidate> demoted = new ArrayList<>();
    for (Candidate c : ranked) {
      if (c.titleMatch == best) {
        c.titledAfterExcluded = true;
        demoted.add(c);
      } else {
        kept.add(c);
      }
    }
    plan.add(
        "negation: "
            + demoted.size()
            + " candidate(s) titled after \""
            + exclusion.excluded()
            + "\" ranked after the rest: "
            + demoted.stream()
                .limit(5)
                .map(c -> c.id + " \"" + c.document(collection).title() + "\"")
                .collect(Collectors.joining(", "))
            + (demoted.size() > 5 ? ", …" : ""));
    kept.addAll(demoted);
    return kept;
  }

  private static ExcludedTitles.Match match(
      Candidate c, ExcludedTitles titles, Collection collection) {
    if (c.titleMatch == null) {
      c.titleMatch = titles.match(c.document(collection).title());
    }
    return c.titleMatch;
  }
}
