package dev.quarry.query.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Our own words. */
class SpellingTest {

  @ParameterizedTest
  @CsvSource({
    "kowalsky, kowalski, true", // one wrong letter
    "excluding, exluding, true", // one missing
    "including, includinga, true", // one extra
    "lindqvist, lindqivst, true", // two swapped
    "lindqvist, lindqvist, false", // equal: not a typo
    "kowalsky, kowalkis, false", // two apart
    "mark, mary, false", // too short to tell a typo from another word
    "season1, season2, false", // digits must match
    "excluded, excluding, false",
  })
  void oneLetterApart(String a, String b, boolean apart) {
    assertThat(Spelling.oneLetterApart(a, b)).isEqualTo(apart);
    assertThat(Spelling.oneLetterApart(b, a)).isEqualTo(apart);
  }
}
