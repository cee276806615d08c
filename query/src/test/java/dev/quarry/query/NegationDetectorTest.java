package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Our own sentences, none from an evaluation set. */
class NegationDetectorTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "dropdown menu tutorial but not jquery | jquery | but not",
        "Apart from Lisbon, which coastal cities are worth a visit? | Lisbon | apart from",
        "Except Toyota, which carmakers build hybrids? | Toyota | except",
        "Not including the 2019 remake, who starred in the film? | 2019 remake | not including",
        "Other than the chef, critic and author Anna Berg, who wrote about the bistro? |"
            + " chef, critic and author Anna Berg | other than",
        "What games does the arcade have, besides Pac-Man? | Pac-Man | besides",
        "Who founded the company, excluding any information about John R. Smith? |"
            + " John R. Smith | excluding",
        "Tell me about the museum without mentioning anything about the gift shop. |"
            + " gift shop | without",
        "Which bands toured Europe in 1999? Please exclude any details about Oasis. |"
            + " Oasis | exclude",
        "In addition to the Louvre, what other museums are in Paris? | Louvre | in addition to",
        "List pasta recipes that are not part of Italian cuisine | Italian cuisine |"
            + " that are not part of",
        "Describe the team's season, but please don't include the coach's biography |"
            + " coach's biography | don't include",
        "What else is in the kit in addition to the charger? | charger | in addition to",
      })
  void findsTheExcludedEntity(String query, String excluded, String cue) {
    NegationDetector.Exclusion e = NegationDetector.detect(query);
    assertThat(e).isNotNull();
    assertThat(e.excluded()).isEqualTo(excluded);
    assertThat(e.cue()).isEqualTo(cue);
  }

  @Test
  void keepsThePositivePartAroundAMidSentenceExclusion() {
    NegationDetector.Exclusion e =
        NegationDetector.detect("laptops without touch screens, under 1,000 dollars");
    assertThat(e.excluded()).isEqualTo("touch screens");
    assertThat(e.positive()).isEqualTo("laptops under 1,000 dollars");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "how do vector indexes work",
        "Who survived the storm except who?",
        "In addition to being a singer, she acts; which films did she act in?",
        "the band that played not only rock but also jazz",
        "What did the explorer find beyond the river",
        "",
      })
  void findsNothingWhereNothingIsExcluded(String query) {
    assertThat(NegationDetector.detect(query)).isNull();
  }
}
