package dev.quarry.query.interpret;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnglishInterpreterTest {
  private final QueryInterpreter english = EnglishInterpreter.INSTANCE;

  @Test
  void readsTheKeywordSyntaxIntoTextAndFilters() {
    Interpretation in =
        english.interpret(
            "\"vector search\" graphs -jquery category:news after:2024-01-01 before:2024-06-01",
            true);
    assertThat(in.semantic()).isEqualTo("vector search graphs");
    assertThat(in.keywords()).isEqualTo("graphs");
    assertThat(in.phrases()).containsExactly("vector search");
    assertThat(in.exclusion()).isEmpty();
    assertThat(in.recencyCue()).isEmpty();
    assertThat(in.filters())
        .isEqualTo(
            new TextFilters(
                Map.of("category", "news"),
                java.util.List.of("jquery"),
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 6, 1),
                java.util.Optional.empty()));
  }

  @Test
  void aLowerCaseWordBeforeFreeIsWhatTheAskedDocumentsLackNotAnExclusion() {
    Interpretation in = english.interpret("nut-free cake recipes", true);
    assertThat(in.freeOf()).contains(new FreeOf("cake recipes", "nut", "nut-free"));
    assertThat(in.exclusion()).isEmpty();
    assertThat(in.keywords()).isEqualTo("nut-free cake recipes");
    assertThat(english.interpret("easy sugar-free \"oat cookies\"", true).freeOf())
        .contains(new FreeOf("easy oat cookies", "sugar", "sugar-free"));
    assertThat(english.interpret("nut-free cake recipes", false).freeOf())
        .as("negation handling off")
        .isEmpty();
    assertThat(english.interpret("reviews of \"nut-free bakeries\"", true).freeOf())
        .as("inside a quotation")
        .isEmpty();
    Interpretation opening = english.interpret("Nut-free cake recipes", true);
    assertThat(opening.freeOf())
        .as("a capital that only opens the query")
        .contains(new FreeOf("cake recipes", "nut", "Nut-free"));
    assertThat(opening.exclusion()).isEmpty();
    Interpretation named = english.interpret("Aceford-free tennis rackets", true);
    assertThat(named.exclusion()).isPresent();
    assertThat(named.freeOf()).isEmpty();
    assertThat(english.interpret("carefree summer reads", true).freeOf()).isEmpty();
  }

  @Test
  void withNoAndOneWordEndingTheClauseIsWhatTheAskedDocumentsLack() {
    Interpretation in = english.interpret("muffin recipes with no nuts at all", true);
    assertThat(in.freeOf()).contains(new FreeOf("muffin recipes", "nuts", "with no nuts"));
    assertThat(in.exclusion()).isEmpty();
    assertThat(english.interpret("grandma's lentil soup, the one with no onions", true).freeOf())
        .contains(new FreeOf("grandma's lentil soup, the one", "onions", "with no onions"));
    assertThat(english.interpret("a torte with no flour?", true).freeOf())
        .contains(new FreeOf("a torte?", "flour", "with no flour"));
    assertThat(english.interpret("tablets with no card slot", true).freeOf())
        .as("more words follow")
        .isEmpty();
    assertThat(english.interpret("a guesthouse in porto with no parking included", true).freeOf())
        .isEmpty();
    assertThat(english.interpret("reviews of \"pasta with no cheese\"", true).freeOf())
        .as("inside a quotation")
        .isEmpty();
    assertThat(english.interpret("muffin recipes with no nuts at all", false).freeOf())
        .as("negation handling off")
        .isEmpty();
  }

  @Test
  void anExclusionNarrowsTheKeywordsAndFreesAPhraseInsideTheExcludedSpan() {
    Interpretation in = english.interpret("latest bread recipes except \"sourdough\"", true);
    assertThat(in.exclusion())
        .contains(new Exclusion("latest bread recipes", "sourdough", "except"));
    assertThat(in.keywords()).isEqualTo("latest bread recipes");
    assertThat(in.semantic()).isEqualTo("latest bread recipes except sourdough");
    assertThat(in.phrases()).isEmpty();
    assertThat(in.recencyCue()).contains("latest");
  }

  @Test
  void exclusionsAreOnlyReadWhenAsked() {
    Interpretation in = english.interpret("bread recipes except \"sourdough\"", false);
    assertThat(in.exclusion()).isEmpty();
    assertThat(in.keywords()).isEqualTo("bread recipes except");
    assertThat(in.phrases()).containsExactly("sourdough");
  }

  @Test
  void anOrdinaryQuestionTriggersNothing() {
    Interpretation in = english.interpret("how do I knead dough by hand", true);
    assertThat(in.exclusion()).isEmpty();
    assertThat(in.recencyCue()).isEmpty();
    assertThat(in.phrases()).isEmpty();
    assertThat(in.keywords()).isEqualTo("how do I knead dough by hand");
  }
}
