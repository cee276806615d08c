package dev.quarry.query.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.quarry.core.QuarryException;
import java.nio.charset.StandardCharsets;

/**
 * Coverage-guided fuzzing of the filter parser (docs/testing.md). Any text either parses to a
 * filter that prints and parses back to itself, or fails as bad input (a usage error the caller can
 * fix); no other exception escapes. In the normal test run this replays the seed corpus in
 * FilterParserFuzzTestInputs/ and the findings saved there; {@code JAZZER_FUZZ=1} fuzzes for real.
 * Dictionary entries are in libFuzzer's notation ({@code \x22} is a double quote).
 */
class FilterParserFuzzTest {

  @FuzzTest(maxDuration = "5m")
  @DictionaryEntries({
    "AND",
    "OR",
    "NOT",
    "and",
    "or",
    "not",
    "in",
    "exists(",
    "text",
    "contains",
    "true",
    "false",
    "(",
    ")",
    "[",
    "]",
    ",",
    "=",
    "!=",
    "<",
    "<=",
    ">",
    ">=",
    "\\x22",
    "'",
    "\\x5C",
    "2024-02-29",
    "1e9",
    "-0.5",
    "9223372036854775808"
  })
  void parsesOrFailsAsBadInput(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    Filter filter;
    try {
      filter = FilterParser.parse(text);
    } catch (QuarryException e) {
      assertThat(e.kind())
          .as("kind of the error for %s", text)
          .isEqualTo(QuarryException.Kind.INVALID_ARGUMENT);
      return;
    }
    assertThat(filter).isNotNull();
    assertThat(FilterParser.parse(FilterText.format(filter)))
        .as("round trip of %s", text)
        .isEqualTo(filter);
  }
}
