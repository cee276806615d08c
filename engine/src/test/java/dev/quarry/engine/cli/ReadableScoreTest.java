package dev.quarry.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.query.ScoreParts;
import java.time.Instant;
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
            3.9);
    assertThat(ReadableScore.of(parts(0.12, recent, false)))
        .isEqualTo("0.71 cos · recency ×0.930 (2020-05-01, 6.6 y) · exclusion −0.12");
    ScoreParts.Recency old =
        new ScoreParts.Recency(
            0.9,
            true,
            Instant.parse("2017-05-01T00:00:00Z"),
            OptionalDouble.of(3500),
            -116.7,
            0,
            3.1);
    assertThat(ReadableScore.of(parts(-1, old, false)))
        .contains("recency ×2^-116.7 (2017-05-01, 9.6 y)");
    ScoreParts.Recency undated =
        new ScoreParts.Recency(0.9, true, null, OptionalDouble.empty(), 0, 1, 2.5);
    assertThat(ReadableScore.of(parts(-1, undated, true)))
        .isEqualTo(
            "0.71 cos · recency: undated, after the dated hits · title names the excluded topic:"
                + " ranked last");
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
            null);
    assertThat(ReadableScore.cosine(keywordOnly)).isEqualTo("bm25 3.2");
  }
}
