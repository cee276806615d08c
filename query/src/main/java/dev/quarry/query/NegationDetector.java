package dev.quarry.query;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds natural-language exclusions: "X but not Y", "X excluding Y", "X except Y", "X other than
 * Y", "X besides Y", "X without Y", "X not about Y", "X but don't mention Y", "X that are not part
 * of Y", the leading forms "Apart from Y, X", "Other than Y, X", "Besides Y, X", "Except (for) Y,
 * X", "Not including Y, X", "With the exception of Y, X", "In addition to Y, what other X", "What
 * other X, not to mention Y", and a closing "… ? Please exclude Y." Filler such as "any information
 * about" is cut from the excluded part, and a one-letter typo in a long leading cue word ("Exluding
 * Y, …") is read as the cue. Rules were written from our own sentences and the tuning split of
 * ExcluIR only (docs/decisions/0004-negation.md).
 */
public final class NegationDetector {
  /** A detected exclusion. */
  public record Exclusion(String positive, String excluded, String cue) {}

  /**
   * Where an excluded part ends: a clause mark, or a period that is not an initial ("Anna K. Berg",
   * "Leeds U.F.C.").
   */
  private static final String END = "(?=[,;:?!]|(?<!\\b\\p{Lu})\\.|$)";

  private static final String LEADING_CUES =
      "apart from|other than|besides|except for|except|excluding|aside from|not counting"
          + "|not including|with the exception of|disregarding|without|refraining from"
          + "|please avoid|leaving out|leaving aside|setting aside|outside of";

  /** What a main clause after a leading exclusion starts with, to skip commas inside the span. */
  private static final String CLAUSE_START =
      "(?:what|which|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|can|could"
          + "|would|will|has|have|had|name|list|tell|give|provide|describe|please)\\b";

  private static final Pattern LEADING_BEFORE_CLAUSE =
      Pattern.compile(
          "^\\s*(" + LEADING_CUES + ")\\s+(.+?),\\s*(" + CLAUSE_START + ".+)$",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LEADING =
      Pattern.compile("^\\s*(" + LEADING_CUES + ")\\s+(.+?),\\s*(.+)$", Pattern.CASE_INSENSITIVE);

  /**
   * "In addition to Y", "on top of Y", "beyond Y", "regardless of Y" (and a trailing "not to
   * mention Y") exclude Y only when the query asks for something other or else: "In addition to Y,
   * what other …".
   */
  private static final String ADDITIVE_CUES = "in addition to|on top of|beyond|regardless of";

  /**
   * The comma before the main clause, when there is one: "Regardless of its founder, Ann Roe, what
   * else …" keeps the apposition in the excluded part.
   */
  private static final Pattern ADDITIVE_BEFORE_CLAUSE =
      Pattern.compile(
          "^\\s*("
              + ADDITIVE_CUES
              + ")\\s+(.+?),\\s*("
              + CLAUSE_START
              + ".*\\b(?:other|else|another)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDITIVE_LEADING =
      Pattern.compile(
          "^\\s*(" + ADDITIVE_CUES + ")\\s+(.+?),\\s*(.+\\b(?:other|else|another)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * "In addition to Y, which X …?" (or "…, can you suggest X?") asks for the X beyond Y, like "what
   * other X"; a statement after the comma ("In addition to being a singer, she acts") is not an
   * exclusion.
   */
  private static final Pattern ADDITIVE_QUESTION =
      Pattern.compile(
          "^\\s*(in addition to)\\s+(.+?),\\s*((?:what|which|who|whom|where|(?:can|could) you)\\b"
              + ".+\\?)\\s*$",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern ADDITIVE_TRAILING =
      Pattern.compile(
          "^(.*\\b(?:other|else)\\b.*?),?\\s+(in addition to|not to mention)\\s+(.+?)"
              + END
              + "(.*)$",
          Pattern.CASE_INSENSITIVE);

  private static final List<Pattern> TRAILING =
      List.of(
          Pattern.compile(
              "^(.+?),?\\s+(but not|and not|excluding|except for|except|other than|apart from"
                  + "|aside from|besides|not including|with the exception of|disregarding"
                  + "|while avoiding|rather than|instead of|leaving out|leaving aside|outside of"
                  + "|not counting|setting aside"
                  + "|(?:but |while |and )?not (?:discussing|mentioning|considering|covering)"
                  + "|(?:but )?I (?:do not|don't) want (?:to (?:know|hear|read) )?(?:anything )?about"
                  + "|(?:please|to) exclude|(?:please|and) (?:ignore|avoid)|not interested in"
                  + "|(?:(?:do|does|did|ca)n't|(?:do|does|did|can) ?not|let's not|while not)"
                  + " (?:include|involve|mention|discuss)"
                  + "|(?:that|which|who) (?:are|is|was|were) not (?:part of|written by|associated with"
                  + "|related to|about|by|from)"
                  + "|(?:that )?(?:has|have) nothing to do with)\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          Pattern.compile(
              "^(.+?)\\s+(without|not about|not involving|not related to"
                  + "|that (?:do|does|did) not (?:use|mention|involve|include))\\s+(.+?)"
                  + END
                  + "(.*)$",
              Pattern.CASE_INSENSITIVE),
          ADDITIVE_TRAILING,
          // "…, avoid any details about Y": only after a comma, so that "how to avoid burnout" is
          // left alone.
          Pattern.compile(
              "^(.+?),\\s+(?:but\\s+)?(?:please\\s+)?(avoid|block)\\s+(.+?)" + END + "(.*)$",
              Pattern.CASE_INSENSITIVE));

  /** A closing request: "Who coached X? Please exclude any details about Y." */
  private static final Pattern CLOSING =
      Pattern.compile(
          "^(.+?[?.!])\\s+(?:however,?\\s+|but\\s+)?(?:please\\s+)?(exclude|ignore|omit|leave out"
              + "|do not include|don't include|refrain from (?:discussing|mentioning|including)"
              + "|(?:do not|don't) (?:mention|discuss))\\s+(.+?)[.?!]?\\s*$",
          Pattern.CASE_INSENSITIVE);

  /**
   * Words in front of the excluded entity that only say how to exclude it ("including any
   * information about the Old Bazaar"); cut repeatedly so that the entity itself is what gets
   * embedded and matched.
   */
  private static final Pattern FILLER =
      Pattern.compile(
          "^(?:the|a|an|any|anything|including|mentioning|considering|using|discussing"
              + "|focusing on|bringing up|going into (?:any )?details? (?:about|on|of)"
              + "|(?:(?:specific|particular|further)\\s+)?"
              + "(?:information|info|details?|mentions?|references?|discussion|data"
              + "|connections?|involvement|contributions?(?: or involvement)?)"
              + "(?:\\s+(?:about|of|on|from|regarding|concerning|related to|to|with))?"
              + "|about|regarding|concerning|related to"
              + "|(?:his|her|its|their) (?:roles?|work|appearances?|part|time|career"
              + "|relationships?) (?:in|on|with|at|to))"
              + "\\s+",
          Pattern.CASE_INSENSITIVE);

  /**
   * An excluded "span" that is only a question word or pronoun is a misread ("… except who?",
   * "Without focusing on anything, …").
   */
  private static final Pattern NOT_AN_ENTITY =
      Pattern.compile(
          "(?:who|whom|what|which|where|when|why|how|it|this|that|these|those|them|one|ones"
              + "|anything|everything|something|nothing)",
          Pattern.CASE_INSENSITIVE);

  /**
   * "Who else besides Y is in the film?": when only a question word or two comes before the cue,
   * the question goes on after the entity, from its verb on.
   */
  private static final Pattern SHORT_HEAD =
      Pattern.compile("^(?:who|what|which|where)(?:\\s+else)?$", Pattern.CASE_INSENSITIVE);

  private static final Pattern VERB_AFTER_ENTITY =
      Pattern.compile(
          "^(.+?)\\s+((?:is|was|are|were|has|have|had|did|does|do|appeared|starred|played|worked"
              + "|performed|wrote|directed|sang|joined|served|helped|contributed"
              + "|plays|stars|works|appears|performs|writes|directs|sings)\\b.*)$",
          Pattern.CASE_INSENSITIVE);

  /**
   * A leading cue word long enough that a one-letter typo cannot turn it into another word
   * ("Exluding Y, …", "Not includinga Y, …"). Shorter ones are left alone: "beside" is not
   * "besides". "Including" alone is no exclusion, so it is only corrected after "not".
   */
  private static final Pattern LEADING_LONG_WORD =
      Pattern.compile("^(\\s*(?:not\\s+)?)(\\p{L}{8,})\\b", Pattern.CASE_INSENSITIVE);

  private static final List<String> LONG_CUE_WORDS =
      List.of("excluding", "disregarding", "including");

  private NegationDetector() {}

  /** The exclusion in {@code query}, or null when there is none. */
  public static Exclusion detect(String query) {
    if (query == null || query.isBlank()) {
      return null;
    }
    // Full-width commas occur in pasted text and would hide "…，aside from Y" from the patterns.
    String q = correctLeadingCue(query.replace('，', ',').replaceAll(",(?=\\p{L})", ", ").trim());
    for (Pattern p :
        List.of(
            LEADING_BEFORE_CLAUSE,
            ADDITIVE_BEFORE_CLAUSE,
            ADDITIVE_LEADING,
            ADDITIVE_QUESTION,
            LEADING)) {
      Matcher m = p.matcher(q);
      if (m.matches()) {
        // A leading cue closed by a comma and a main clause bounds the excluded part reliably, so
        // it may be a longer description ("Besides his rival, the former champion Ed Ray, who …").
        int maxWords = p == LEADING_BEFORE_CLAUSE || p == ADDITIVE_BEFORE_CLAUSE ? 20 : 12;
        Exclusion e = exclusion(m.group(3), m.group(2), m.group(1), maxWords);
        if (e != null) {
          return e;
        }
      }
    }
    Matcher closing = CLOSING.matcher(q);
    if (closing.matches()) {
      return exclusion(closing.group(1), closing.group(3), closing.group(2), 12);
    }
    for (Pattern p : TRAILING) {
      Matcher m = p.matcher(q);
      if (m.matches()) {
        String head = m.group(1);
        String excluded = m.group(3);
        String rest = m.group(4).replaceFirst("^[,.;:]\\s*", "");
        Matcher verb = VERB_AFTER_ENTITY.matcher(excluded);
        if (SHORT_HEAD.matcher(head.trim()).matches() && verb.matches()) {
          excluded = verb.group(1);
          rest = verb.group(2) + m.group(4);
        }
        String positive = (head + (rest.isBlank() ? "" : " " + rest)).trim();
        return exclusion(positive, excluded, m.group(2), 12);
      }
    }
    return null;
  }

  private static String correctLeadingCue(String q) {
    Matcher m = LEADING_LONG_WORD.matcher(q);
    if (!m.find()) {
      return q;
    }
    String word = m.group(2).toLowerCase(Locale.ROOT);
    boolean afterNot = !m.group(1).isBlank();
    for (String cue : LONG_CUE_WORDS) {
      if (cue.equals("including") == afterNot && Spelling.oneLetterApart(word, cue)) {
        return m.group(1) + cue + q.substring(m.end());
      }
    }
    return q;
  }

  private static Exclusion exclusion(String positive, String excluded, String cue, int maxWords) {
    String ex = excluded.trim();
    for (String cut = FILLER.matcher(ex).replaceFirst(""); !cut.equals(ex); ) {
      ex = cut;
      cut = FILLER.matcher(ex).replaceFirst("");
    }
    if (ex.isBlank()
        || positive.isBlank()
        || !ex.matches("(?s).*[\\p{L}\\p{N}].*")
        || NOT_AN_ENTITY.matcher(ex).matches()
        || ex.split("\\s+").length > maxWords) {
      return null; // not an entity, or too long to be one: more likely a clause we would misread
    }
    return new Exclusion(positive.trim(), ex, cue.toLowerCase(Locale.ROOT));
  }
}
