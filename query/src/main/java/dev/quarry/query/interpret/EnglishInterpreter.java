package dev.quarry.query.interpret;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English queries: the keyword syntax of {@link QueryText}, exclusions by {@link EnglishExclusions}
 * and recency cues by {@link EnglishRecencyCues}.
 */
public final class EnglishInterpreter implements QueryInterpreter {
  public static final EnglishInterpreter INSTANCE = new EnglishInterpreter();

  private EnglishInterpreter() {}

  @Override
  public Interpretation interpret(String text, boolean exclusions) {
    QueryText qt = QueryText.parse(text);
    // Exclusions are read from the sentence, where quoted phrases stay in place with their
    // quotation marks: exclusions often quote the title they exclude ("Except for "The Glass
    // House", which …"), and words inside a quotation are never cues.
    Exclusion found = exclusions ? EnglishExclusions.detect(qt.sentence()) : null;
    TextFilters filters = new TextFilters(qt.fields(), qt.excluded(), qt.after(), qt.before());
    Optional<String> cue = Optional.ofNullable(EnglishRecencyCues.cue(text));
    if (found == null) {
      return new Interpretation(
          qt.semantic(),
          qt.free(),
          qt.phrases(),
          Optional.empty(),
          cue,
          filters,
          exclusions ? freeOf(qt.sentence()) : Optional.empty());
    }
    Exclusion exclusion =
        new Exclusion(
            QueryText.unquoted(found.positive()),
            QueryText.unquoted(found.excluded()),
            found.cue());
    // A quoted phrase inside the excluded part names what to leave out, so it is not required.
    List<String> phrases =
        qt.phrases().stream().filter(p -> !exclusion.excluded().contains(p)).toList();
    return new Interpretation(
        qt.semantic(),
        exclusion.positive(),
        phrases,
        Optional.of(exclusion),
        cue,
        filters,
        Optional.empty());
  }

  /**
   * "nut-free cake recipes": a lower-case word before "-free" outside quotation marks, or a common
   * noun capitalised only because it opens the query ("Nut-free cake recipes"). A name before it
   * ("Aceford-free rackets") is an exclusion ({@link EnglishExclusions}).
   */
  private static final Pattern FREE_OF =
      Pattern.compile("(?<![\\p{L}\\p{N}\"-])(\\p{L}\\p{Ll}{2,})-free(?![\\p{L}\\p{N}-])");

  private static Optional<FreeOf> freeOf(String sentence) {
    Matcher m = FREE_OF.matcher(sentence);
    while (m.find()) {
      boolean quoted =
          sentence.substring(0, m.start()).chars().filter(c -> c == '"').count() % 2 == 1;
      String word = m.group(1);
      boolean lowerOrOpening =
          Character.isLowerCase(word.charAt(0))
              || EnglishExclusions.commonWordOpening(sentence.substring(0, m.start()), word);
      if (!quoted && lowerOrOpening) {
        String asked = sentence.substring(0, m.start()) + " " + sentence.substring(m.end());
        return Optional.of(
            new FreeOf(
                QueryText.unquoted(asked).replaceAll("\\s+", " ").trim(),
                word.toLowerCase(java.util.Locale.ROOT)));
      }
    }
    return Optional.empty();
  }
}
