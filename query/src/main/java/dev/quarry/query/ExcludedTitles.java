package dev.quarry.query;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells which documents are <em>about</em> an excluded entity: those whose title names it ("not
 * Redux" names a document titled "Redux (JavaScript library)"). Documents that only mention the
 * entity in their text are left to the soft vector penalty, because the wanted document often
 * mentions what is excluded (docs/decisions/0004-negation.md).
 *
 * <p>A title names the entity when its words (case, accents, punctuation, possessives and a few
 * function words folded away) are all in the excluded span, or the span's words are all in the
 * title; a trailing "(…)" disambiguation is optional. When some title also matches with its
 * disambiguation ("the 1982 film Annie" and "Annie (1982 film)"), only such titles count, so that
 * "Annie (2014 film)" is not taken for the excluded one. A title whose words the positive part of
 * the query also contains is what the user asks about, so it never counts.
 */
final class ExcludedTitles {
  /** How well a title names the excluded entity. */
  enum Match {
    NONE,
    /** The title without its disambiguation matches. */
    BASE,
    /** The whole title, disambiguation included, is in the span. */
    FULL
  }

  /** Words that say nothing about which entity is meant. */
  private static final Set<String> FUNCTION_WORDS =
      Set.of("the", "a", "an", "of", "in", "on", "and", "for", "to", "by", "at", "with", "from");

  private final Set<String> span;
  private final Set<String> positive;

  ExcludedTitles(String excluded, String positive) {
    this.span = words(excluded);
    this.positive = words(positive);
  }

  /** How {@code title} names the excluded entity. */
  Match match(String title) {
    if (title == null || span.isEmpty()) {
      return Match.NONE;
    }
    String base = title.replaceAll("\\s*\\([^)]*\\)\\s*$", "");
    Set<String> baseWords = words(base);
    if (baseWords.isEmpty() || positive.containsAll(baseWords)) {
      return Match.NONE; // the positive part names it too: it is what the user asks about
    }
    if (!base.equals(title) && span.containsAll(words(title))) {
      return Match.FULL;
    }
    return span.containsAll(baseWords) || baseWords.containsAll(span) ? Match.BASE : Match.NONE;
  }

  /** Folded content words: lower case, no accents, possessives or punctuation. */
  static Set<String> words(String s) {
    if (s == null) {
      return Set.of();
    }
    String unescaped = s.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'");
    String plain = Normalizer.normalize(unescaped, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    String folded =
        plain
            .toLowerCase(Locale.ROOT)
            .replaceAll("['’]s\\b", "")
            .replaceAll("[.'’]", "")
            .replaceAll("[^\\p{L}\\p{N}]+", " ")
            .trim();
    if (folded.isEmpty()) {
      return Set.of();
    }
    return Arrays.stream(folded.split(" "))
        .filter(w -> !FUNCTION_WORDS.contains(w))
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
