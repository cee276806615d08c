package dev.quarry.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.query.ScoreParts;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReadableScoreTest {
  private static ScoreParts parts(double penalty, ScoreParts.Recency recency, boolean titled) {
    return new ScoreParts(
        OptionalDouble.of(0.7149),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        penalty < 0 ? OptionalDouble.empty() : OptionalDouble.of(penalty),
        titled,
        false,
        Optional.empty(),
        recency);
  }

  @Test
  void aPlainHitShowsItsCosineAndNothingElse() {
    assertThat(ReadableScore.cosine(parts(-1, null, false))).isEqualTo("0.71");
    assertThat(ReadableScore.of(parts(-1, null, false))).isEmpty();
    assertThat(ReadableScore.of(parts(0, null, false)))
        .as("a penalty of 0 moved nothing")
        .isEmpty();
  }

  @Test
  void recencyAndExclusionShowWhatMovedTheHit() {
    ScoreParts.Recency recent =
        new ScoreParts.Recency(
            0.9,
            true,
            Instant.parse("2020-05-01T00:00:00Z"),
            OptionalDouble.of(2411),
            -0.105,
            0.93,
            3.9,
            1,
            7);
    assertThat(ReadableScore.of(parts(0.12, recent, false)))
        .isEqualTo(
            "0.71 cos · recency newest first: 2 of 7 (2020-05-01, 6 years 7 months old), decay"
                + " 0.930 · exclusion −0.12");
    ScoreParts.Recency old =
        new ScoreParts.Recency(
            0.9,
            true,
            Instant.parse("2017-05-01T00:00:00Z"),
            OptionalDouble.of(3500),
            -116.7,
            0,
            3.1,
            6,
            7);
    assertThat(ReadableScore.of(parts(-1, old, false)))
        .contains(
            "recency newest first: 7 of 7 (2017-05-01, 9 years 7 months old), decay below 0.001")
        .doesNotContain("2^");
    ScoreParts.Recency undated =
        new ScoreParts.Recency(0.9, true, null, OptionalDouble.empty(), 0, 1, 2.5, -1, 0);
    assertThat(ReadableScore.of(parts(-1, undated, true)))
        .isEqualTo(
            "0.71 cos · recency: undated, after the dated hits · title names the excluded topic:"
                + " ranked last");
  }

  @Test
  void aHitNamingAKindOfTheExcludedPartSaysWhichKind() {
    ScoreParts kind =
        new ScoreParts(
            OptionalDouble.of(0.7149),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.of(0),
            false,
            true,
            Optional.of("\"almond\", a kind of nut"),
            null);
    assertThat(ReadableScore.of(kind))
        .isEqualTo(
            "0.71 cos · text names \"almond\", a kind of nut, excluded: ranked after the rest");
  }

  @Test
  void aKeywordOnlyHitShowsItsBm25() {
    ScoreParts keywordOnly =
        new ScoreParts(
            OptionalDouble.empty(),
            OptionalDouble.of(3.21),
            OptionalDouble.of(3.21),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            false,
            false,
            Optional.empty(),
            null);
    assertThat(ReadableScore.cosine(keywordOnly)).isEqualTo("bm25 3.2");
  }

  @Test
  void explainShowsEveryPartInWords() {
    ScoreParts.Recency newest =
        new ScoreParts.Recency(
            0.95,
            true,
            Instant.parse("2025-12-20T00:00:00Z"),
            OptionalDouble.of(11),
            -0.37,
            0.775,
            3.7,
            0,
            4);
    ScoreParts hybrid =
        new ScoreParts(
            OptionalDouble.of(0.7149),
            OptionalDouble.of(5.2),
            OptionalDouble.of(0.61),
            OptionalDouble.of(0.0323),
            OptionalDouble.of(0.05),
            false,
            true,
            Optional.empty(),
            newest);
    assertThat(ReadableScore.parts(hybrid))
        .isEqualTo(
            "cosine 0.715 − exclusion penalty 0.050 = 0.665 · BM25 5.20 (0.61 as a share of the"
                + " best, after the exclusion penalty) · rank fusion 0.0323 · recency: relevance"
                + " 0.95 (passed the gate), newest first: 1 of 4 (2025-12-20, 11 days old), decay"
                + " 0.775, ranking score 3.7000 · text opens on the excluded topic: ranked after the"
                + " rest");
    assertThat(ReadableScore.parts(parts(-1, null, false))).isEqualTo("cosine 0.715");
  }

  @Test
  void agesReadInWords() {
    assertThat(ReadableScore.age(0.5)).isEqualTo("12 hours");
    assertThat(ReadableScore.age(1)).isEqualTo("1 day");
    assertThat(ReadableScore.age(1.9999))
        .as("yesterday's note at the end of today")
        .isEqualTo("1 day");
    assertThat(ReadableScore.age(45)).isEqualTo("45 days");
    assertThat(ReadableScore.age(400)).isEqualTo("13 months");
    assertThat(ReadableScore.age(365.25 * 50)).isEqualTo("50 years");
  }
}
