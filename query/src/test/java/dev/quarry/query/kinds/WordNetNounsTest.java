package dev.quarry.query.kinds;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WordNetNounsTest {
  private final WordNetNouns nouns = WordNetNouns.get();

  @Test
  void aPluralFindsItsNounsSensesMostFrequentFirst() {
    List<NounSense> senses = nouns.senses("nuts");
    assertThat(senses).hasSizeGreaterThan(3);
    assertThat(senses.getFirst().gloss()).startsWith("usually large hard-shelled seed");
    assertThat(senses.getFirst().category()).isEqualTo(20); // noun.plant, as seeds are
    assertThat(senses).anyMatch(s -> s.gloss().contains("metal block with internal screw thread"));
  }

  @Test
  void compoundsAndIrregularPluralsAreFound() {
    assertThat(nouns.senses("pine nut")).isNotEmpty();
    assertThat(nouns.senses("geese").getFirst().lemmas()).contains("goose");
    assertThat(nouns.senses("qwertyuiop")).isEmpty();
  }

  @Test
  void aWordOfSeveralSensesNeverSeenInTaggedTextHasNoRankedSenses() {
    assertThat(nouns.senses("colour")).hasSizeGreaterThan(1);
    assertThat(nouns.rankedSenses("colour")).isEmpty(); // its senses come in no order
    assertThat(nouns.rankedSenses("color")).isNotEmpty();
    assertThat(nouns.rankedSenses("pine nut")).hasSize(1);
  }

  @Test
  void hyponymsAreKindsOfTheSense() {
    NounSense cheese = nouns.senses("cheese").getFirst();
    assertThat(nouns.hyponyms(cheese))
        .flatMap(NounSense::lemmas)
        .contains("Parmesan", "mozzarella", "cheddar");
  }

  @Test
  void senseRankSaysHowOftenAWordMeansAKind() {
    NounSense youngSheep = nouns.senses("lamb").getFirst();
    NounSense hogAsSheep =
        nouns.hyponyms(youngSheep).stream()
            .filter(s -> s.lemmas().contains("hog"))
            .findFirst()
            .orElseThrow();
    assertThat(nouns.senseRank("hog", hogAsSheep)).isEqualTo(2); // mostly a pig
    assertThat(nouns.senseRank("lamb", youngSheep)).isEqualTo(1);
    assertThat(nouns.senseRank("cheese", youngSheep)).isZero();
    assertThat(nouns.senseRank("qwertyuiop", youngSheep)).isZero();
  }
}
