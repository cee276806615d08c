package dev.quarry.query.interpret;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a query asks about: words written with a capital letter ("Stridex", "iPhone", "Harbour
 * Bank"). Under a recency intent they say whose newest is wanted ("the newest running shoe from
 * Stridex" asks for Stridex's, not for the newest shoe of any brand), which the embedding alone
 * does not enforce (docs/decisions/0155-recency-ranks-what-names-the-subject.md).
 *
 * <p>The first word of a sentence is capitalised by grammar, so it counts only when it is not one
 * of the words that commonly open a question or a request ("What", "Show", "The", "Latest").
 */
final class EnglishNames {
  private static final Pattern WORD =
      Pattern.compile("[\\p{L}\\p{N}](?:[\\p{L}\\p{N}]|[.'’-](?=[\\p{L}\\p{N}]))*");

  /** Where a sentence starts: the text's start, or after a full stop, question or exclamation. */
  private static final Pattern SENTENCE_START = Pattern.compile("(?:^|[.?!:;]\\s+)[\"'“(]*$");

  private static final Set<String> OPENERS =
      Set.of(
          "a",
          "an",
          "the",
          "this",
          "that",
          "these",
          "those",
          "my",
          "our",
          "your",
          "any",
          "all",
          "some",
          "what",
          "whats",
          "what's",
          "which",
          "who",
          "whom",
          "whose",
          "when",
          "where",
          "why",
          "how",
          "is",
          "are",
          "was",
          "were",
          "do",
          "does",
          "did",
          "can",
          "could",
          "should",
          "would",
          "will",
          "has",
          "have",
          "show",
          "find",
          "give",
          "get",
          "list",
          "tell",
          "search",
          "look",
          "i",
          "i'm",
          "we",
          "please",
          "in",
          "on",
          "for",
          "from",
          "of",
          "to",
          "with",
          "about",
          "latest",
          "newest",
          "new",
          "recent",
          "most",
          "best",
          "top",
          "current",
          "last",
          "first",
          "up",
          "just",
          "breaking",
          "today",
          "news");

  private EnglishNames() {}

  /**
   * The capitalised words of {@code text} outside {@code skipped} (the recency cue and an excluded
   * span: words there do not name what is asked for), folded to lower case without a possessive
   * "'s", each once, in order.
   */
  static List<String> in(String text, List<String> skipped) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = WORD.matcher(text);
    while (m.find()) {
      String word = m.group();
      if (word.codePoints().noneMatch(Character::isUpperCase) || insideAny(text, m, skipped)) {
        continue;
      }
      String folded = word.toLowerCase(Locale.ROOT).replaceAll("['’]s$", "");
      boolean opensSentence = SENTENCE_START.matcher(text.substring(0, m.start())).find();
      if (opensSentence && OPENERS.contains(folded)) {
        continue;
      }
      if (folded.equals("i")) {
        continue;
      }
      out.add(folded);
    }
    return new ArrayList<>(out);
  }

  private static boolean insideAny(String text, Matcher word, List<String> spans) {
    for (String span : spans) {
      if (span == null || span.isEmpty()) {
        continue;
      }
      int at = text.indexOf(span);
      while (at >= 0) {
        if (word.start() >= at && word.end() <= at + span.length()) {
          return true;
        }
        at = text.indexOf(span, at + 1);
      }
    }
    return false;
  }
}
