package dev.quarry.query;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.util.Optional;
import java.util.OptionalDouble;

/** A candidate and its score parts while the stages rank it. NaN: the part does not apply. */
final class Candidate {
  final String id;
  double cosine = Double.NaN;
  double keyword = Double.NaN;
  double keywordFinal = Double.NaN;
  double fused = Double.NaN;
  double penalty = Double.NaN;
  boolean titledAfterExcluded;
  boolean textNamesExcluded;
  ExcludedKinds.Named kindNamed; // the kind of the excluded part its text names, if any
  String familyName; // a name the demoted candidates share, that its text uses (decision 0178)
  ScoreParts.Recency recency;
  double score;
  ExcludedTitles.Match titleMatch; // computed once, when title demotion needs it
  Boolean leadNamesExcluded; // computed once, when title demotion needs it
  Boolean onlyNegatesExcluded; // computed once, when the exclusion penalty needs it
  private Document doc;

  Candidate(String id) {
    this.id = id;
  }

  boolean inVectorLeg() {
    return !Double.isNaN(cosine);
  }

  boolean inKeywordLeg() {
    return !Double.isNaN(keyword);
  }

  /** The vector leg's ranking score: the similarity minus the exclusion's penalty (NaN: none). */
  double vectorFinal() {
    return Double.isNaN(penalty) ? cosine : cosine - penalty;
  }

  /** The stored document, read once. */
  Document document(Collection collection) {
    if (doc == null) {
      doc =
          collection
              .get(id)
              .orElseThrow(
                  () ->
                      new QuarryException(
                          QuarryException.Kind.CORRUPT,
                          "indexed id '" + id + "' is missing from the store; run verify"));
    }
    return doc;
  }

  ScoreParts parts() {
    return new ScoreParts(
        optional(cosine),
        optional(keyword),
        optional(keywordFinal),
        optional(fused),
        optional(penalty),
        titledAfterExcluded,
        textNamesExcluded,
        Optional.ofNullable(kindNamed)
            .map(ExcludedKinds.Named::describe)
            .or(
                () ->
                    Optional.ofNullable(familyName)
                        .map(n -> "\"" + n + "\", a name those ranked after the rest share")),
        recency);
  }

  private static OptionalDouble optional(double v) {
    return Double.isNaN(v) ? OptionalDouble.empty() : OptionalDouble.of(v);
  }
}
