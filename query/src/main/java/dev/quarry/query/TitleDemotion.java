package dev.quarry.query;

import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.interpret.Exclusion;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The re-ranker that moves the candidates about the excluded entity after all others, keeping each
 * group's order: those whose text opens on it ({@link ExcludedTitles#leadNames}), then those whose
 * title names it, last. Only the most specific title matches count: when some title matches with
 * its disambiguation, titles that match only without it stay (see {@link ExcludedTitles}). Either
 * kind found makes the soft penalty the base one (decision 0054).
 */
final class TitleDemotion {
  private TitleDemotion() {}

  /**
   * Whether demotion will find a candidate about the excluded entity, by its title or by its text's
   * first words; if not, the soft penalty is all that keeps the entity out, and is the stronger
   * one.
   */
  static boolean anyTitled(List<Candidate> ranked, ExcludedTitles titles, Collection collection) {
    boolean attribute = attribute(ranked, titles, collection);
    for (Candidate c : ranked) {
      if (match(c, titles, collection) != ExcludedTitles.Match.NONE
          || leadNames(c, titles, attribute, collection)) {
        return true;
      }
    }
    return false;
  }

  static List<Candidate> demote(
      List<Candidate> ranked,
      ExcludedTitles titles,
      ExcludedKinds kinds,
      Exclusion exclusion,
      String part,
      Collection collection,
      Plan plan) {
    ExcludedTitles.Match best = ExcludedTitles.Match.NONE;
    for (Candidate c : ranked) {
      ExcludedTitles.Match m = match(c, titles, collection);
      best = m.compareTo(best) > 0 ? m : best;
    }
    boolean attribute = attribute(ranked, titles, collection);
    List<Candidate> kept = new ArrayList<>();
    List<Candidate> led = new ArrayList<>();
    List<Candidate> demoted = new ArrayList<>();
    List<Candidate> kindNamed = new ArrayList<>();
    for (Candidate c : ranked) {
      if (best != ExcludedTitles.Match.NONE && c.titleMatch == best) {
        c.titledAfterExcluded = true;
        demoted.add(c);
      } else if (leadNames(c, titles, attribute, collection)) {
        c.textNamesExcluded = true;
        led.add(c);
      } else if (namesKind(c, kinds, collection)) {
        c.textNamesExcluded = true;
        kindNamed.add(c);
      } else {
        kept.add(c);
      }
    }
    if (!kindNamed.isEmpty()) {
      plan.add(
          part
              + ": "
              + kindNamed.size()
              + " candidate(s) name a kind of \""
              + exclusion.excluded()
              + "\" (WordNet) and rank after the rest"
              + (led.isEmpty() ? "" : " and those whose text opens on it")
              + (demoted.isEmpty() ? "" : ", before those titled after it")
              + ": "
              + kindNamed.stream()
                  .limit(5)
                  .map(c -> c.id + " " + c.kindNamed.describe())
                  .collect(Collectors.joining(", "))
              + (kindNamed.size() > 5 ? ", …" : ""));
    }
    List<Candidate> family =
        family(kept, demoted, led, kindNamed, exclusion, part, collection, plan);
    kept.removeAll(family);
    if (demoted.isEmpty() && led.isEmpty() && kindNamed.isEmpty()) {
      plan.add(part + ": no candidate is titled after \"" + exclusion.excluded() + "\"");
      return ranked;
    }
    if (!demoted.isEmpty()) {
      plan.add(
          part
              + ": "
              + demoted.size()
              + " candidate(s) titled after \""
              + exclusion.excluded()
              + "\" ranked after the rest: "
              + demoted.stream()
                  .limit(5)
                  .map(c -> c.id + " \"" + c.document(collection).title() + "\"")
                  .collect(Collectors.joining(", "))
              + (demoted.size() > 5 ? ", …" : ""));
    }
    if (!led.isEmpty()) {
      plan.add(
          part
              + ": "
              + led.size()
              + " candidate(s) whose text opens on \""
              + exclusion.excluded()
              + "\" ranked after the rest"
              + (attribute
                  ? " (some candidates name it only as lacking it, so a first sentence"
                      + " that names it counts)"
                  : "")
              + (demoted.isEmpty() ? "" : ", before those titled after it")
              + ": "
              + led.stream().limit(5).map(c -> c.id).collect(Collectors.joining(", "))
              + (led.size() > 5 ? ", …" : ""));
    }
    kept.addAll(family);
    kept.addAll(led);
    kept.addAll(kindNamed);
    kept.addAll(demoted);
    return kept;
  }

  /**
   * The kept candidates named by a name the demoted ones share ({@link ExcludedLineNames}); they
   * rank after the rest, before those demoted for naming the excluded part themselves.
   */
  private static List<Candidate> family(
      List<Candidate> kept,
      List<Candidate> demoted,
      List<Candidate> led,
      List<Candidate> kindNamed,
      Exclusion exclusion,
      String part,
      Collection collection,
      Plan plan) {
    List<Candidate> direct = new ArrayList<>(demoted);
    direct.addAll(led);
    direct.addAll(kindNamed);
    if (direct.size() < ExcludedLineNames.MIN_FAMILY) {
      return List.of();
    }
    Set<String> names = new LinkedHashSet<>();
    List<Candidate> family =
        new ExcludedLineNames(exclusion.positive() + " " + exclusion.excluded())
            .named(direct, kept, collection, names);
    if (!family.isEmpty()) {
      family.forEach(c -> c.textNamesExcluded = true);
      plan.add(
          part
              + ": "
              + family.size()
              + " candidate(s) named "
              + String.join(", ", names)
              + ", as "
              + ExcludedLineNames.MIN_FAMILY
              + "+ of those ranked after the rest are, rank after the rest too: "
              + family.stream().limit(5).map(c -> c.id).collect(Collectors.joining(", "))
              + (family.size() > 5 ? ", …" : ""));
    }
    return family;
  }

  /** Whether the candidate's title or text names a kind of the excluded part, not negated. */
  private static boolean namesKind(Candidate c, ExcludedKinds kinds, Collection collection) {
    if (kinds == null) {
      return false;
    }
    Document d = c.document(collection);
    c.kindNamed = kinds.namedIn(d.title(), d.text());
    return c.kindNamed != null;
  }

  private static boolean leadNames(
      Candidate c, ExcludedTitles titles, boolean attribute, Collection collection) {
    // Cached at first use: what the vector leg read (to weigh the penalty) holds for the search.
    if (c.leadNamesExcluded == null) {
      c.leadNamesExcluded = titles.leadNames(c.document(collection).text(), attribute);
    }
    return c.leadNamesExcluded;
  }

  /**
   * Whether the excluded part is a feature the candidates have or lack: one of the {@link
   * ExclusionPenalty#TYPICAL} first candidates names it only as what it lacks or is not ("it has no
   * GPS"). Then naming it unnegated anywhere in a first sentence says a document has it (decision
   * 0158).
   */
  static boolean attribute(List<Candidate> ranked, ExcludedTitles titles, Collection collection) {
    for (Candidate c : ranked.subList(0, Math.min(ExclusionPenalty.TYPICAL, ranked.size()))) {
      if (onlyNegates(c, titles, collection)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the candidate names the excluded part only as what it lacks or is not (cached on the
   * candidate; decision 0152).
   */
  static boolean onlyNegates(Candidate c, ExcludedTitles titles, Collection collection) {
    if (c.onlyNegatesExcluded == null) {
      Document d = c.document(collection);
      c.onlyNegatesExcluded = titles.onlyNegates(d.title(), d.text());
    }
    return c.onlyNegatesExcluded;
  }

  /**
   * How the candidate's title names the excluded entity; {@code NONE} when the candidate names it
   * only as what it lacks ("Beat band without GPS"): such a title is what the exclusion leaves in.
   */
  private static ExcludedTitles.Match match(
      Candidate c, ExcludedTitles titles, Collection collection) {
    if (c.titleMatch == null) {
      ExcludedTitles.Match m = titles.match(c.document(collection).title());
      c.titleMatch =
          m == ExcludedTitles.Match.NONE || !onlyNegates(c, titles, collection)
              ? m
              : ExcludedTitles.Match.NONE;
    }
    return c.titleMatch;
  }
}
