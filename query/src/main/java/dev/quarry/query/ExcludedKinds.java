package dev.quarry.query;

import dev.quarry.query.kinds.NounSense;
import dev.quarry.query.kinds.WordNetNouns;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Kinds of what an exclusion names, from WordNet: "almond", "cashew" and "pine nut" for "no nuts";
 * "chicken" and "beef" for "without meat". A document that names a kind, not negated, is about the
 * excluded thing though it never names it, and the embedding of a short excluded word does not tell
 * it apart from the wanted ones (all-MiniLM-L6-v2 puts "Orange and almond cake" nearer to "cake
 * recipes" than to "nuts"). Such candidates are ranked after the rest, after those whose text opens
 * on the excluded part and before those titled after it (decision 0173).
 *
 * <p>The excluded word is taken in its most frequent sense that has kinds ("nut" the food, not the
 * fastener), and a kind's word counts only where the kind is one of the word's {@link #SENSE_RANK}
 * most frequent senses ("cut" among kinds of meat does not). Things so general that they list
 * hundreds of kinds ("food") are left to the vector penalty.
 */
final class ExcludedKinds {
  /** How many levels of kinds below the excluded thing count ("meat" → "poultry" → "chicken"). */
  static final int DEPTH = 3;

  /** A thing with more kinds than this is too general to list ("food", "device"). */
  static final int MOST_NAMES = 400;

  /**
   * WordNet's categories of properties and measures rather than things (lexnames(5): Tops,
   * attribute, quantity, relation, shape, time): their kinds are common words that describe
   * anything ("black" is a kind of colour, for "e-readers excluding the colour ones").
   */
  private static final Set<Integer> PROPERTIES = Set.of(3, 7, 23, 24, 25, 28);

  /**
   * WordNet's categories of things a document can contain (lexnames(5): animal, food, plant,
   * substance): what "X-free" leaves out of a recipe or a product ("nut-free", "sugar-free"), as
   * opposed to "tax-free" or "lock-free", which say how the asked thing works (decision 0176).
   */
  private static final Set<Integer> MATERIALS = Set.of(5, 13, 20, 27);

  /** How far down a word's senses, most frequent first, its kind may be and still count. */
  static final int SENSE_RANK = 2;

  /** Words after a name that make it a verb ("roast the peppers", "beef up", "chicken out"). */
  private static final Set<String> VERB_OBJECTS =
      Set.of("the", "a", "an", "it", "them", "up", "out", "this", "these", "your", "each");

  /** The kinds of one excluded thing. */
  record Kind(String thing, NounSense sense, Map<String, List<List<String>>> namesByFirstWord) {}

  /** What a candidate's text names: a kind of an excluded thing. */
  record Named(String name, Kind kind) {
    String describe() {
      return "\"" + name + "\", a kind of " + kind.thing();
    }
  }

  private final List<Kind> kinds;

  private ExcludedKinds(List<Kind> kinds) {
    this.kinds = List.copyOf(kinds);
  }

  List<Kind> kinds() {
    return kinds;
  }

  /**
   * The kinds of each thing {@code titles} says the exclusion names, or null when WordNet knows
   * none of them.
   */
  static ExcludedKinds of(ExcludedTitles titles, String positive) {
    List<Set<String>> things = titles.things();
    if (things.isEmpty()) {
      return null;
    }
    WordNetNouns nouns = WordNetNouns.get();
    Set<String> positiveWords = new HashSet<>(ExcludedTitles.words(positive));
    List<Kind> kinds = new ArrayList<>();
    for (Set<String> thing : things) {
      String noun = String.join(" ", thing);
      List<NounSense> senses = products(nouns, noun, nouns.rankedSenses(noun));
      if (senses.isEmpty()) {
        continue;
      }
      NounSense sense = meant(senses);
      if (PROPERTIES.contains(sense.category())) {
        continue;
      }
      Map<String, List<List<String>>> names = names(nouns, sense, thing, positiveWords);
      if (!names.isEmpty()) {
        kinds.add(new Kind(noun, sense, names));
      }
    }
    return kinds.isEmpty() ? null : new ExcludedKinds(kinds);
  }

  /**
   * Whether {@code noun} names a material in its most frequent sense (all its senses, where WordNet
   * cannot order them): an animal, a food, a plant or a substance.
   */
  static boolean material(String noun) {
    WordNetNouns nouns = WordNetNouns.get();
    List<NounSense> ranked = products(nouns, noun, nouns.rankedSenses(noun));
    List<NounSense> senses = ranked.isEmpty() ? nouns.senses(noun) : ranked.subList(0, 1);
    return !senses.isEmpty() && senses.stream().allMatch(s -> MATERIALS.contains(s.category()));
  }

  /**
   * {@code senses} of {@code noun}, or those of "{@code noun} product" when none of them has kinds
   * and WordNet knows the compound: a word that names its products as it qualifies them ("dairy"
   * for "dairy-free pasta" or "curries, no dairy" means dairy products, and WordNet's "dairy" is
   * only the farm).
   */
  private static List<NounSense> products(WordNetNouns nouns, String noun, List<NounSense> senses) {
    if (senses.stream().anyMatch(s -> !s.hyponyms().isEmpty())) {
      return senses;
    }
    List<NounSense> products = nouns.rankedSenses(noun + " product");
    return products.isEmpty() ? senses : products;
  }

  /**
   * The most frequent sense that has kinds (WordNet lists senses by frequency in its sense-tagged
   * texts). Choosing by the query was measured and not kept: all-MiniLM-L6-v2 puts "cake recipes"
   * nearer "nut: a whimsically eccentric person" than the food (decision 0173).
   */
  private static NounSense meant(List<NounSense> senses) {
    for (NounSense s : senses) {
      if (!s.hyponyms().isEmpty()) {
        return s;
      }
    }
    return senses.getFirst();
  }

  /**
   * The words naming kinds of {@code sense} down to {@link #DEPTH} levels, folded, keyed by their
   * first word; empty when there are none or more than {@link #MOST_NAMES}.
   */
  private static Map<String, List<List<String>>> names(
      WordNetNouns nouns, NounSense sense, Set<String> thing, Set<String> positiveWords) {
    Map<String, List<List<String>>> byFirst = new HashMap<>();
    Set<String> seen = new HashSet<>();
    Set<Integer> visited = new HashSet<>(List.of(sense.offset()));
    ArrayDeque<NounSense> level = new ArrayDeque<>(List.of(sense));
    int count = 0;
    for (int depth = 1; depth <= DEPTH && !level.isEmpty(); depth++) {
      ArrayDeque<NounSense> next = new ArrayDeque<>();
      for (NounSense parent : level) {
        for (NounSense kind : nouns.hyponyms(parent)) {
          if (!visited.add(kind.offset())) {
            continue;
          }
          next.add(kind);
          for (String lemma : kind.lemmas()) {
            List<String> words = folded(lemma);
            if (!seen.add(String.join(" ", words))
                || !standsForItsKind(nouns, lemma, words, kind)) {
              continue;
            }
            if (thing.containsAll(words) || positiveWords.containsAll(words)) {
              continue; // the excluded word itself, or what the user asks for
            }
            if (++count > MOST_NAMES) {
              return Map.of();
            }
            byFirst.computeIfAbsent(words.getFirst(), w -> new ArrayList<>()).add(words);
          }
        }
      }
      level = next;
    }
    return byFirst;
  }

  /** Folded words of a lemma, the last in its singular, as text is matched. */
  private static List<String> folded(String lemma) {
    List<String> words = new ArrayList<>(ExcludedTitles.tokens(lemma));
    if (!words.isEmpty()) {
      words.set(words.size() - 1, ExcludedTitles.singular(words.getLast()));
    }
    return words;
  }

  /**
   * Whether a word names its kind when a text uses it: three letters or more, and the kind is one
   * of the word's {@link #SENSE_RANK} most frequent senses ("almond" the nut, after the tree; not
   * "cut", a kind of meat but mostly something else).
   */
  private static boolean standsForItsKind(
      WordNetNouns nouns, String lemma, List<String> words, NounSense kind) {
    int rank = nouns.senseRank(lemma, kind);
    return String.join("", words).length() >= 3 && rank > 0 && rank <= SENSE_RANK;
  }

  /** The first kind the title or text names, not negated and not as a verb; null when none. */
  Named namedIn(String title, String text) {
    for (String part : new String[] {title, text}) {
      if (part == null) {
        continue;
      }
      for (String sentence : ExcludedTitles.SENTENCE_MARK.split(part)) {
        Named named = namedInSentence(ExcludedTitles.tokens(sentence));
        if (named != null) {
          return named;
        }
      }
    }
    return null;
  }

  /**
   * "alcohol-free lager", "meat-free chorizo": a kind named right after "-free" of the thing it is
   * a kind of lacks that thing.
   */
  private static boolean freeOfTheThing(List<String> words, int at, Kind kind) {
    return at >= 2
        && words.get(at - 1).equals("free")
        && ExcludedTitles.singular(words.get(at - 2))
            .equals(ExcludedTitles.singular(lastWord(kind.thing())));
  }

  private static String lastWord(String thing) {
    List<String> words = ExcludedTitles.tokens(thing);
    return words.isEmpty() ? thing : words.getLast();
  }

  private Named namedInSentence(List<String> words) {
    for (int i = 0; i < words.size(); i++) {
      for (Kind kind : kinds) {
        List<List<String>> names = kind.namesByFirstWord().get(words.get(i));
        if (names == null) {
          names = kind.namesByFirstWord().get(ExcludedTitles.singular(words.get(i)));
        }
        for (List<String> name : names == null ? List.<List<String>>of() : names) {
          int last = i + name.size() - 1;
          if (matches(words, i, name)
              && !ExcludedTitles.negated(words, i)
              && !ExcludedTitles.negated(words, last)
              && !freeOfTheThing(words, i, kind)
              && !(last + 1 < words.size() && VERB_OBJECTS.contains(words.get(last + 1)))) {
            return new Named(String.join(" ", name), kind);
          }
        }
      }
    }
    return null;
  }

  private static boolean matches(List<String> words, int at, List<String> name) {
    if (at + name.size() > words.size()) {
      return false;
    }
    for (int j = 0; j < name.size(); j++) {
      String w = words.get(at + j);
      String n = name.get(j);
      if (!w.equals(n) && !(j == name.size() - 1 && ExcludedTitles.singular(w).equals(n))) {
        return false;
      }
    }
    return true;
  }
}
