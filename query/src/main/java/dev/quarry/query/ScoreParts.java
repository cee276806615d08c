package dev.quarry.query;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What a hit's score is made of.
 *
 * @param cosine the similarity to the query vector (absent for a hit found by keyword only)
 * @param keyword the BM25 score (absent for a hit the keyword leg did not find)
 * @param keywordFinal the keyword leg's ranking score: BM25, or with an exclusion BM25 as a share
 *     of the best minus the penalty over the median floor (which can differ from the vector leg's
 *     {@code exclusionPenalty}, decision 0140)
 * @param fused the hybrid fusion score
 * @param exclusionPenalty what an exclusion took from the similarity (absent without one)
 * @param titledAfterExcluded ranked after the rest because its title names the excluded entity
 * @param textNamesExcluded ranked after the rest (before those titled after it) because the first
 *     words of its text name the excluded entity, or its text names a kind of it
 * @param excludedKind the kind of the excluded part its title or text names ("\"almond\", a kind of
 *     nut", from WordNet), or a name the candidates ranked after the rest share ("\"Whirl\", a name
 *     those ranked after the rest share"), when that ranked it after the rest (decisions 0173,
 *     0178)
 * @param recency the recency parts, when the decay ran
 */
public record ScoreParts(
    OptionalDouble cosine,
    OptionalDouble keyword,
    OptionalDouble keywordFinal,
    OptionalDouble fused,
    OptionalDouble exclusionPenalty,
    boolean titledAfterExcluded,
    boolean textNamesExcluded,
    Optional<String> excludedKind,
    Recency recency) {
  /**
   * A hit's place under recency decay (docs/query.md, Recency).
   *
   * @param relevance min-max normalized relevance, compared with the gate
   * @param relevant whether it passed the gate
   * @param date its date, or null when it has none (it then follows the dated ones)
   * @param ageDays days from the date to as-of (absent when undated)
   * @param log2Decay {@code −age / half-life}; the factor is {@code 2^log2Decay}
   * @param factor the decay factor {@code 0.5^(age / half-life)} (1 when undated; it rounds to 0
   *     past about 1,000 half-lives, where {@code log2Decay} still orders)
   * @param score the ranking score after the decay
   * @param newer how many relevant dated candidates are newer than this one (0: the newest; -1 when
   *     it is undated or below the gate)
   * @param dated how many relevant candidates are dated
   */
  public record Recency(
      double relevance,
      boolean relevant,
      Instant date,
      OptionalDouble ageDays,
      double log2Decay,
      double factor,
      double score,
      int newer,
      int dated) {}

  /** The similarity minus the exclusion's penalty: what the vector leg ranks by. */
  public OptionalDouble vectorFinal() {
    return cosine.isEmpty()
        ? cosine
        : OptionalDouble.of(cosine.getAsDouble() - exclusionPenalty.orElse(0));
  }

  /**
   * The parts by name, as {@code quarry search --json} prints them
   * (docs/search-result.schema.json): vector, penalty (negative), vectorFinal, keyword,
   * keywordFinal, fused, relevance, decay, ageDays, log2Decay, final, titledAfterExcluded,
   * textNamesExcluded.
   */
  public Map<String, Double> asMap() {
    Map<String, Double> m = new LinkedHashMap<>();
    cosine.ifPresent(v -> m.put("vector", v));
    exclusionPenalty.ifPresent(v -> m.put("penalty", -v));
    vectorFinal().ifPresent(v -> m.put("vectorFinal", v));
    keyword.ifPresent(v -> m.put("keyword", v));
    keywordFinal.ifPresent(v -> m.put("keywordFinal", v));
    fused.ifPresent(v -> m.put("fused", v));
    if (recency != null) {
      m.put("relevance", recency.relevance());
      m.put("decay", recency.factor());
      recency.ageDays().ifPresent(v -> m.put("ageDays", v));
      if (recency.date() != null) {
        m.put("log2Decay", recency.log2Decay());
      }
      m.put("final", recency.score());
    }
    if (titledAfterExcluded) {
      m.put("titledAfterExcluded", 1.0);
    }
    if (textNamesExcluded) {
      m.put("textNamesExcluded", 1.0);
    }
    return m;
  }
}
