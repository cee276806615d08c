package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExcludedKindsTest {
  private static ExcludedKinds kinds(String excluded, String positive) {
    return ExcludedKinds.of(new ExcludedTitles(excluded, positive), positive);
  }

  private static String named(ExcludedKinds kinds, String title, String text) {
    ExcludedKinds.Named n = kinds.namedIn(title, text);
    return n == null ? null : n.describe();
  }

  @Test
  void aTextNamingAKindOfTheExcludedThingIsFound() {
    ExcludedKinds nuts = kinds("nuts", "cake recipes");
    assertThat(named(nuts, "Orange cake", "Boiled oranges blended with ground almonds and eggs."))
        .isEqualTo("\"almond\", a kind of nut");
    assertThat(named(nuts, "Pesto", "Basil pounded with pine nuts and garlic."))
        .isEqualTo("\"pine nut\", a kind of nut");
    ExcludedKinds meat = kinds("meat", "curry recipes");
    assertThat(named(meat, "Chicken tikka masala", "Marinate thighs in yogurt and spices."))
        .isEqualTo("\"chicken\", a kind of meat");
    assertThat(named(meat, "French onion soup", "Onions simmered in beef stock.")).isNotNull();
  }

  @Test
  void negatedKindsVerbsAndTheAskedThingDoNotCount() {
    ExcludedKinds nuts = kinds("nuts", "cake recipes");
    assertThat(named(nuts, "Lemon drizzle", "Flour, butter and sugar; no almonds at all."))
        .isNull();
    assertThat(named(nuts, "Sponge", "An almond-free sponge.")).isNull();
    ExcludedKinds alcohol = kinds("alcohol", "beer reviews");
    assertThat(named(alcohol, "Crisp and light", "This alcohol-free lager is crisp.")).isNull();
    assertThat(named(alcohol, "Hoppy", "A hoppy lager with 5% alcohol."))
        .isEqualTo("\"lager\", a kind of alcohol");
    assertThat(named(nuts, "Victoria sponge", "Butter, sugar, eggs and flour.")).isNull();
    ExcludedKinds meat = kinds("meat", "soup recipes");
    assertThat(named(meat, "Tomato soup", "Roast the tomatoes, then blend.")).isNull();
    // Kinds the positive part names are what the user asks for.
    ExcludedKinds cheese = kinds("cheese", "mozzarella salads");
    assertThat(named(cheese, "Caprese", "Tomato, mozzarella and basil.")).isNull();
  }

  @Test
  void onlyFoodsPlantsAnimalsAndSubstancesAreMaterials() {
    assertThat(ExcludedKinds.material("nut")).isTrue();
    assertThat(ExcludedKinds.material("gluten")).isTrue();
    assertThat(ExcludedKinds.material("meat")).isTrue();
    assertThat(ExcludedKinds.material("tax")).isFalse();
    assertThat(ExcludedKinds.material("lock")).isFalse();
    assertThat(ExcludedKinds.material("stress")).isFalse();
    assertThat(ExcludedKinds.material("qwzx")).isFalse();
  }

  @Test
  void propertiesAndThingsWordNetDoesNotKnowHaveNoKinds() {
    assertThat(kinds("the color ones", "e-readers")).isNull(); // "black" is a kind of colour
    assertThat(kinds("the colour ones", "e-readers")).isNull(); // senses in no known order
    assertThat(kinds("Orvane Max", "laptops")).isNull();
    assertThat(kinds("food", "recipes")).isNull(); // hundreds of kinds: the vector penalty's
  }

  @Test
  void aWordForProductsHasTheKindsOfItsProducts() {
    // WordNet's "dairy" is only the farm; "dairy product" has cheeses, creams and yogurts.
    assertThat(ExcludedKinds.material("dairy")).isTrue();
    ExcludedKinds dairy = kinds("dairy", "pasta");
    assertThat(named(dairy, "Bake", "Penne under melted gorgonzola.")).contains("a kind of dairy");
    assertThat(named(dairy, "Curry", "Lamb in a yogurt and chilli sauce."))
        .contains("a kind of dairy");
    assertThat(named(dairy, "Aglio e olio", "Spaghetti, garlic, oil and chilli.")).isNull();
    // A word with kinds of its own keeps them: "meat" is not "meat product".
    assertThat(named(kinds("meat", "soup"), "Broth", "Chicken broth.")).contains("a kind of meat");
  }

  @Test
  void eachListedThingHasItsKinds() {
    ExcludedKinds either = kinds("cheese or nuts", "pasta");
    assertThat(either.kinds()).hasSize(2);
    assertThat(named(either, "Pesto", "Basil with pine nuts.")).contains("a kind of nut");
    assertThat(named(either, "Bake", "Penne under melted gorgonzola."))
        .contains("a kind of cheese");
  }
}
