package dev.quarry.query;

import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.kinds.NounSense;
import dev.quarry.query.kinds.WordNetNouns;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a family of excluded documents goes by. A product line, a series or a project is
 * described once ("The Hollin Crisp is a 4-litre air fryer") and then only named ("Cleaning the
 * Hollin Crisp basket", "The Crisp Duo has two drawers"); the embedding does not know that the
 * Crisp is an air fryer, the collection does. A name found in the openings of at least {@link
 * #MIN_FAMILY} candidates already demoted for the exclusion, in no more of the others than of
 * those, and in at most half of all candidates, names the excluded thing too. A brand or a place
 * named across the collection is named by more of the kept candidates, or by most candidates (one
 * brand's catalogue); what a single excluded entity's text names, by fewer than two demoted ones
 * (decision 0178).
 */
final class ExcludedLineNames {
  /** How many demoted candidates must share a name before it names the family. */
  static final int MIN_FAMILY = 2;

  /**
   * A word that is a name: capitalised with lower case after ("Crisp", "PowerShell"), or a model
   * code of one to three capitals and digits ("C1", "M3", "X200"), whose letters name its series. A
   * function word capitalised in a title ("A Guide To The Crisp") is none, nor a word opening a
   * title or sentence or following a colon ("Episode 16: The pyramid village").
   */
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}'’-]*");

  private static final Pattern CAPITALISED = Pattern.compile("\\p{Lu}[\\p{L}]*\\p{Ll}[\\p{L}]*");
  private static final Pattern CODE = Pattern.compile("(\\p{Lu}{1,3})\\d+");

  private final Set<String> asked;
  private final Map<Candidate, Set<String>> names = new HashMap<>();
  private final Map<String, Boolean> common = new HashMap<>();

  /** {@code query}: the whole query, whose words never name the family. */
  ExcludedLineNames(String query) {
    this.asked = new HashSet<>(ExcludedTitles.tokens(query));
  }

  /**
   * The candidates of {@code kept} that a name of the {@code demoted} ones' family names, in rank
   * order, each with the name it uses ({@link Candidate#familyName}); {@code found} receives the
   * names used.
   */
  List<Candidate> named(
      List<Candidate> demoted, List<Candidate> kept, Collection collection, Set<String> found) {
    Map<String, Integer> inDemoted = counts(demoted, collection);
    Map<String, Integer> inKept = counts(kept, collection);
    Set<String> family = new LinkedHashSet<>();
    inDemoted.forEach(
        (name, n) -> {
          int others = inKept.getOrDefault(name, 0);
          if (n >= MIN_FAMILY && others <= n && 2 * (n + others) <= demoted.size() + kept.size()) {
            family.add(name);
          }
        });
    List<Candidate> out = new ArrayList<>();
    if (family.isEmpty()) {
      return out;
    }
    for (Candidate c : kept) {
      for (String name : names(c, collection)) {
        if (family.contains(name)) {
          out.add(c);
          c.familyName = name.endsWith("#") ? name.substring(0, name.length() - 1) + "…" : name;
          found.add(c.familyName);
          break;
        }
      }
    }
    return out;
  }

  private Map<String, Integer> counts(List<Candidate> candidates, Collection collection) {
    Map<String, Integer> counts = new HashMap<>();
    for (Candidate c : candidates) {
      for (String name : names(c, collection)) {
        counts.merge(name, 1, Integer::sum);
      }
    }
    return counts;
  }

  /** The names a candidate's title and first sentence use, not negated; codes as "C#". */
  private Set<String> names(Candidate c, Collection collection) {
    Set<String> cached = names.get(c);
    if (cached != null) {
      return cached;
    }
    Document d = c.document(collection);
    Set<String> out = new LinkedHashSet<>();
    if (d.title() != null) {
      collect(d.title(), out);
    }
    if (d.text() != null) {
      collect(ExcludedTitles.firstSentence(d.text()), out);
    }
    names.put(c, out);
    return out;
  }

  /**
   * Marks after which a title or sentence starts over, its next word capitalised as a first word
   * ("Episode 16: The pyramid village").
   */
  private static final Pattern RESTART = Pattern.compile("[:;()\\[\\]\"“”—–]|\\s-+\\s");

  private void collect(String sentence, Set<String> out) {
    for (String part : RESTART.split(sentence)) {
      collectPart(part, out);
    }
  }

  private void collectPart(String sentence, Set<String> out) {
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(sentence);
    while (m.find()) {
      words.add(m.group().replaceAll("['’]s$", ""));
    }
    List<String> folded = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    for (int i = 1; i < words.size(); i++) {
      String w = words.get(i);
      if (asked.contains(folded.get(i))
          || ExcludedTitles.FUNCTION_WORDS.contains(folded.get(i))
          || ExcludedTitles.CLAUSE_WORDS.contains(folded.get(i))
          || ExcludedTitles.negated(folded, i)) {
        continue;
      }
      Matcher code = CODE.matcher(w);
      if (code.matches()) {
        out.add(code.group(1) + "#");
      } else if (CAPITALISED.matcher(w).matches() && !w.contains("-") && !common(w)) {
        out.add(w);
      }
    }
  }

  /**
   * Whether WordNet knows the word as a capitalised noun: a place, people, language, month or
   * weekday ("Thai", "Kyoto", "Monday"), which many documents name without being one family.
   */
  private boolean common(String word) {
    return common.computeIfAbsent(
        word,
        w -> {
          for (NounSense s : WordNetNouns.get().senses(w.toLowerCase(Locale.ROOT))) {
            for (String lemma : s.lemmas()) {
              if (lemma.equals(w)) {
                return true;
              }
            }
          }
          return false;
        });
  }
}
