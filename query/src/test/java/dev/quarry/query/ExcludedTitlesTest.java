package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.query.ExcludedTitles.Match;
import org.junit.jupiter.api.Test;

/** Our own titles and spans, none from an evaluation set. */
class ExcludedTitlesTest {

  @Test
  void aTitleInsideTheSpanNamesTheEntity() {
    ExcludedTitles t =
        new ExcludedTitles("the 1998 novel Blue Harbour", "Which novels did she write");
    assertThat(t.match("Blue Harbour")).isEqualTo(Match.BASE);
    assertThat(t.match("Blue Harbour (novel)")).isEqualTo(Match.FULL);
    assertThat(t.match("Green Harbour")).isEqualTo(Match.NONE);
  }

  @Test
  void theSpanInsideTheTitleNamesItToo() {
    ExcludedTitles t = new ExcludedTitles("Redux", "state management tutorials");
    assertThat(t.match("Redux (JavaScript library)")).isEqualTo(Match.BASE);
    assertThat(t.match("Redux Toolkit")).isEqualTo(Match.BASE);
    assertThat(t.match("MobX")).isEqualTo(Match.NONE);
  }

  @Test
  void foldsCaseAccentsDashesPossessivesAndFunctionWords() {
    ExcludedTitles t = new ExcludedTitles("the CAFÉ de Flore's 1990–91 season", "which cafés");
    assertThat(t.match("Café de Flore 1990-91 season")).isEqualTo(Match.BASE);
    assertThat(new ExcludedTitles("Tom &amp; Ann", "duos").match("Tom & Ann"))
        .isEqualTo(Match.BASE);
  }

  @Test
  void aTitleThePositivePartAlsoNamesIsWhatTheUserWants() {
    ExcludedTitles t =
        new ExcludedTitles("Mia Lund's album Quiet Hours", "Which awards has Mia Lund won");
    assertThat(t.match("Mia Lund")).isEqualTo(Match.NONE);
    assertThat(t.match("Quiet Hours (album)")).isEqualTo(Match.FULL);
  }

  @Test
  void aSpanOfFunctionWordsOnlyMatchesNothing() {
    assertThat(new ExcludedTitles("of the", "x").match("Of the Sea")).isEqualTo(Match.NONE);
    assertThat(new ExcludedTitles("Redux", "x").match(null)).isEqualTo(Match.NONE);
  }
}
