package dev.quarry.query.interpret;

import java.util.List;
import java.util.Optional;

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
    TextFilters filters =
        new TextFilters(
            qt.fields(), qt.excluded(), qt.after(), qt.before(), EnglishRecencyCues.window(text));
    Optional<String> cue = Optional.ofNullable(EnglishRecencyCues.cue(text));
    if (found == null) {
      return new Interpretation(
          qt.semantic(),
          qt.free(),
          qt.phrases(),
          Optional.empty(),
          cue,
          filters,
          exclusions ? EnglishExclusions.freeOf(qt.sentence()) : Optional.empty());
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
}
