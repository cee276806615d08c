package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.query.filter.FilterParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QueryEngineTest {
  @TempDir Path dir;
  private Collection collection;
  private HashingEmbedder embedder;
  private QueryEngine engine;

  private void add(
      String id,
      String title,
      String text,
      String date,
      String category,
      double rating,
      String parent) {
    Document.Builder b =
        embedder
            .document(id, title, text)
            .parent(parent)
            .meta("date", LocalDate.parse(date))
            .meta("category", category)
            .meta("rating", rating);
    collection.upsert(List.of(b.build()));
  }

  /** A document of no particular date or category, for tests of how text is read. */
  private void add(String id, String title, String text) {
    add(id, title, text, "2020-01-01", "d", 4, null);
  }

  @BeforeEach
  void setUp() {
    embedder = new HashingEmbedder();
    collection = Collection.create(dir, CollectionConfig.forModel(embedder.identity()));
    for (int v = 1; v <= 5; v++) {
      add(
          "phone-" + v,
          "Nimbus phone " + v,
          "The Nimbus phone version " + v + " review",
          (2018 + v) + "-09-01",
          "products",
          3 + v * 0.3,
          null);
    }
    add(
        "future",
        "Nimbus phone 9",
        "The Nimbus phone version 9 review",
        "2030-01-01",
        "products",
        5,
        null);
    add(
        "js-jquery",
        "Dropdown menu tutorial",
        "Build a dropdown menu with jquery selectors",
        "2020-01-01",
        "programming",
        4.0,
        null);
    add(
        "js-plain",
        "Dropdown menu tutorial",
        "Build a dropdown menu with plain DOM selectors",
        "2021-01-01",
        "programming",
        4.2,
        null);
    add(
        "cake",
        "Chocolate cake",
        "A rich chocolate cake with walnuts",
        "2019-05-01",
        "cooking",
        4.8,
        null);
    add(
        "doc-a#1",
        "Long guide part one",
        "vector search graphs",
        "2020-02-02",
        "programming",
        4.0,
        "doc-a");
    add(
        "doc-a#2",
        "Long guide part two",
        "vector search graphs and quantization",
        "2020-02-02",
        "programming",
        4.0,
        "doc-a");
    engine =
        new QueryEngine(
            collection,
            embedder,
            java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    collection.close();
  }

  @Test
  void documentsDatedAfterAsOfAreNeverReturned() {
    SearchResult r = engine.search(SearchRequest.builder("Nimbus phone review").k(10).build());
    assertThat(Hits.ids(r)).doesNotContain("future").contains("phone-1", "phone-5");
    SearchResult later =
        engine.search(
            SearchRequest.builder("Nimbus phone review")
                .k(10)
                .asOf(Instant.parse("2031-01-01T00:00:00Z"))
                .build());
    assertThat(Hits.ids(later)).contains("future");
    SearchResult timeless =
        engine.search(
            SearchRequest.builder("Nimbus phone review")
                .k(10)
                .recency(SearchRequest.Recency.NONE)
                .explain(true)
                .build());
    assertThat(Hits.ids(timeless)).contains("future", "phone-1", "phone-5");
    assertThat(timeless.plan()).contains("recency: none (time handling turned off by the request)");
  }

  @Test
  void recencyIntentFiresOnLatestAndRanksTheNewestFirst() {
    SearchResult r =
        engine.search(SearchRequest.builder("the latest Nimbus phone").k(3).explain(true).build());
    assertThat(Hits.ids(r).get(0)).isEqualTo("phone-5");
    assertThat(String.join("\n", r.plan())).contains("decay applied (auto: cue 'latest')");
    assertThat(r.hits().get(0).parts().recency()).isNotNull();
    SearchResult plain =
        engine.search(SearchRequest.builder("Nimbus phone").k(3).explain(true).build());
    assertThat(String.join("\n", plain.plan()))
        .contains("only on fresh coverage (no recency cue")
        .contains("no fresh coverage, decay not applied");
  }

  @Test
  void freshCoverageAppliesTheDecayWithoutACueWhenFreshDocumentsStandOut() {
    // A review dated three days before as-of is fresh coverage of Nimbus phones, but in a
    // collection of twelve documents one fresh document is no more than chance.
    add(
        "phone-6",
        "Nimbus phone 6",
        "The Nimbus phone version 6 review",
        "2025-12-29",
        "products",
        4,
        null);
    SearchResult few =
        engine.search(SearchRequest.builder("Nimbus phone").k(3).explain(true).build());
    assertThat(String.join("\n", few.plan()))
        .contains("1 of the 11 most relevant candidates are dated within 7 d before as-of")
        .contains("no fresh coverage, decay not applied");
    addOldRecipes();
    SearchResult fresh =
        engine.search(SearchRequest.builder("Nimbus phone").k(3).explain(true).build());
    assertThat(String.join("\n", fresh.plan())).contains("fresh coverage, decay applied");
    assertThat(Hits.ids(fresh).get(0)).isEqualTo("phone-6");
    SearchResult cake =
        engine.search(SearchRequest.builder("chocolate cake").k(3).explain(true).build());
    assertThat(String.join("\n", cake.plan())).contains("no fresh coverage");
    SearchResult cuesOnly =
        engine.search(
            SearchRequest.builder("Nimbus phone")
                .k(3)
                .recency(SearchRequest.Recency.DEFAULT.withFresh(java.time.Duration.ZERO))
                .explain(true)
                .build());
    assertThat(String.join("\n", cuesOnly.plan()))
        .contains("not applied (no recency cue in the query)");
    assertThatThrownBy(() -> SearchRequest.Recency.DEFAULT.withFresh(java.time.Duration.ofDays(-1)))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("fresh-coverage window");
  }

  @Test
  void freshCoverageCountsOnlyFreshDocumentsOnTheQuerysTopic() {
    // The best match of a question the collection does not cover is still among its ten most
    // relevant candidates; that it is fresh says nothing about the question.
    addOldRecipes();
    float[] query = unit(embedder.embed("Nimbus phone", Role.QUERY));
    float[] other = embedder.embed("Quarterly tax filing deadline", Role.PASSAGE);
    collection.upsert(List.of(dated("tax", blend(query, other, 0.3))));
    SearchResult offTopic =
        engine.search(SearchRequest.builder("Nimbus phone").k(3).explain(true).build());
    assertThat(String.join("\n", offTopic.plan()))
        .contains("0 of the 15 most relevant candidates are dated within 7 d before as-of with")
        .contains("similarity ≥ 0.35")
        .contains("no fresh coverage, decay not applied");
    // A model with no calibrated topical similarity counts fresh documents by date alone.
    embedder.topical = OptionalDouble.empty();
    SearchResult byDate =
        engine.search(SearchRequest.builder("Nimbus phone").k(3).explain(true).build());
    assertThat(String.join("\n", byDate.plan()))
        .contains("1 of the 10 most relevant candidates are dated within 7 d before as-of")
        .contains("(no topical similarity known for this model)")
        .contains("fresh coverage, decay applied");
    embedder.topical = OptionalDouble.of(0.35);
    collection.upsert(List.of(dated("tax", blend(query, other, 0.6))));
    SearchResult onTopic =
        engine.search(SearchRequest.builder("Nimbus phone").k(3).explain(true).build());
    assertThat(String.join("\n", onTopic.plan())).contains("fresh coverage, decay applied");
  }

  @Test
  void aQueryVectorWithoutAnEmbedderCountsFreshDocumentsByDateAlone() {
    addOldRecipes();
    collection.upsert(
        List.of(dated("tax", embedder.embed("Quarterly tax filing deadline", Role.PASSAGE))));
    QueryEngine noEmbedder =
        new QueryEngine(
            collection,
            null,
            java.time.Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), java.time.ZoneOffset.UTC));
    SearchResult r =
        noEmbedder.search(
            SearchRequest.builder()
                .vector(embedder.embed("Nimbus phone", Role.QUERY))
                .mode(SearchRequest.Mode.VECTOR)
                .k(3)
                .explain(true)
                .build());
    assertThat(String.join("\n", r.plan()))
        .contains("most relevant candidates are dated within 7 d before as-of (no topical");
  }

  /** Thirty recipes from 2015: they make fresh documents rare in the collection. */
  private void addOldRecipes() {
    for (int i = 0; i < 30; i++) {
      add(
          "recipe-" + i,
          "Recipe " + i,
          "A slow cooked dish with ingredient " + i,
          "2015-03-01",
          "cooking",
          4,
          null);
    }
  }

  /** A document dated three days before the tests' as-of, with the given vector. */
  private static Document dated(String id, float[] vector) {
    return Document.builder(id)
        .title(id)
        .text(id)
        .meta("date", LocalDate.parse("2025-12-29"))
        .vector(vector)
        .build();
  }

  /**
   * A unit vector whose cosine with the unit vector {@code q} is {@code cos}, towards {@code o}.
   */
  private static float[] blend(float[] q, float[] o, double cos) {
    double dot = 0;
    for (int i = 0; i < q.length; i++) {
      dot += q[i] * o[i];
    }
    float[] ortho = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      ortho[i] = (float) (o[i] - dot * q[i]);
    }
    ortho = unit(ortho);
    float[] v = new float[q.length];
    for (int i = 0; i < q.length; i++) {
      v[i] = (float) (cos * q[i] + Math.sqrt(1 - cos * cos) * ortho[i]);
    }
    return v;
  }

  private static float[] unit(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] u = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      u[i] = (float) (v[i] / Math.sqrt(n));
    }
    return u;
  }

  @Test
  void theRelevanceGateIsValidatedAndExplained() {
    assertThatThrownBy(() -> SearchRequest.Recency.DEFAULT.withGate(1.5))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("gate");
    assertThatThrownBy(() -> SearchRequest.Recency.DEFAULT.withGate(Double.NaN))
        .isInstanceOf(QuarryException.class);
    assertThat(SearchRequest.Recency.DEFAULT.gate()).isEqualTo(0.4);
    SearchResult gated =
        engine.search(
            SearchRequest.builder("the latest Nimbus phone review").k(10).explain(true).build());
    assertThat(String.join("\n", gated.plan())).contains("normalized relevance ≥ 0.40");
    // The gated candidates come first, newest first; the others follow.
    assertThat(Hits.ids(gated).subList(0, 2)).containsExactly("phone-5", "phone-4");
    SearchResult all =
        engine.search(
            SearchRequest.builder("the latest Nimbus phone review")
                .k(10)
                .explain(true)
                .recency(SearchRequest.Recency.DEFAULT.withGate(0))
                .build());
    assertThat(String.join("\n", all.plan()))
        .contains("decay re-ranked the " + all.hits().size() + " candidates");
  }

  @Test
  void filtersAndKeywordSyntaxNarrowResults() {
    SearchRequest byFilter =
        SearchRequest.builder("tutorial")
            .filter(FilterParser.parse("category = \"cooking\" OR rating >= 4.1"))
            .k(20)
            .build();
    assertThat(Hits.ids(engine.search(byFilter)))
        .containsExactlyInAnyOrder("cake", "js-plain", "phone-4", "phone-5");
    assertThat(Hits.ids(engine.search(SearchRequest.builder("dropdown menu -jquery").k(5).build())))
        .contains("js-plain")
        .doesNotContain("js-jquery");
    assertThat(
            Hits.ids(
                engine.search(
                    SearchRequest.builder("\"plain DOM\" menu")
                        .mode(SearchRequest.Mode.KEYWORD)
                        .k(5)
                        .build())))
        .containsExactly("js-plain");
    assertThat(
            Hits.ids(
                engine.search(
                    SearchRequest.builder("menu category:programming after:2020-06-01")
                        .k(5)
                        .build())))
        .containsExactly("js-plain");
    assertThat(
            Hits.ids(
                engine.search(
                    SearchRequest.builder("cake")
                        .filter(FilterParser.parse("NOT text contains \"walnuts\""))
                        .k(20)
                        .build())))
        .doesNotContain("cake");
    assertThatThrownBy(
            () ->
                engine.search(
                    SearchRequest.builder("x")
                        .filter(FilterParser.parse("rating = \"high\""))
                        .build()))
        .hasMessageContaining("field 'rating' holds double values");
  }

  @Test
  void keywordFieldsCompareByOrderAndSubstring() {
    var compiler =
        new dev.quarry.query.spi.FilterCompiler(
            collection.fields(), collection.lucene().analyzer());
    java.util.function.Function<String, List<String>> matching =
        f -> collection.lucene().idsMatching(compiler.compile(FilterParser.parse(f)));
    // byte order: "cooking" < "products" < "programming"
    List<String> programming = List.of("js-jquery", "js-plain", "doc-a#1", "doc-a#2");
    assertThat(matching.apply("category < \"products\"")).containsExactly("cake");
    assertThat(matching.apply("category <= \"products\""))
        .contains("cake", "future")
        .doesNotContainAnyElementsOf(programming);
    assertThat(matching.apply("category > \"products\""))
        .containsExactlyInAnyOrderElementsOf(programming);
    assertThat(matching.apply("category >= \"programming\""))
        .containsExactlyInAnyOrderElementsOf(programming);
    assertThat(matching.apply("category > \"programming\"")).isEmpty();
    assertThat(matching.apply("category contains \"ook\"")).containsExactly("cake");
    assertThat(matching.apply("category contains \"\""))
        .hasSize(matching.apply("rating > -1").size());
    assertThat(matching.apply("category contains \"*\"")).isEmpty();
    assertThat(matching.apply("nosuchfield contains \"a\"")).isEmpty();
    assertThatThrownBy(() -> matching.apply("rating contains \"4\""))
        .hasMessageContaining("'contains' needs a keyword (string) field");
  }

  @Test
  void selectiveFiltersTakeTheExactPathAndExplainWhy() {
    SearchResult r =
        engine.search(
            SearchRequest.builder("menu")
                .mode(SearchRequest.Mode.VECTOR)
                .filter(FilterParser.parse("category = \"programming\""))
                .explain(true)
                .build());
    assertThat(String.join("\n", r.plan())).contains("exact scan of the 4 documents");
    assertThat(Hits.ids(r)).allMatch(id -> id.startsWith("js") || id.startsWith("doc-a"));
  }

  @Test
  void naturalLanguageExclusionIsDetectedAndPenalized() {
    SearchRequest r =
        SearchRequest.builder("dropdown menu tutorial but not jquery")
            .mode(SearchRequest.Mode.VECTOR)
            .k(2)
            .explain(true)
            .build();
    SearchResult result = engine.search(r);
    assertThat(Hits.ids(result).get(0)).isEqualTo("js-plain");
    assertThat(String.join("\n", result.plan()))
        .contains("negation: 'but not' detected; excluded \"jquery\"");
    SearchResult off =
        vectorSearch("dropdown menu tutorial but not jquery", SearchRequest.Negation.OFF, 2);
    assertThat(Hits.ids(off)).contains("js-jquery");
  }

  @Test
  void documentsTitledAfterTheExcludedEntityRankLastButMentionsStay() {
    add("st-redux", "Redux (library)", "state management store", "2020-01-01", "js", 4, null);
    add(
        "st-mobx",
        "MobX",
        "state management store, an alternative to Redux",
        "2020-01-01",
        "js",
        4,
        null);
    String q = "state management store but not Redux";
    SearchRequest.Negation titlesOnly = new SearchRequest.Negation(true, 0, false, true, true);
    SearchResult on = vectorSearch(q, titlesOnly, 20);
    List<String> ranked = Hits.ids(on);
    assertThat(ranked.getLast()).isEqualTo("st-redux");
    assertThat(ranked.getFirst()).isEqualTo("st-mobx");
    assertThat(on.hits().getLast().parts().titledAfterExcluded()).isTrue();
    assertThat(String.join("\n", on.plan()))
        .contains("documents titled after it ranked last")
        .contains("1 candidate(s) titled after \"Redux\" ranked after the rest: st-redux");
    SearchResult off = vectorSearch(q, titlesOnly.withDemoteTitled(false), 2);
    assertThat(Hits.ids(off)).contains("st-redux");
  }

  @Test
  void documentsWhoseTextOpensOnTheExcludedEntityFollowTheRestButMentionsStay() {
    add("ck-gin", "Harbour Sour", "gin shaken with lemon and egg white");
    add("ck-rum", "Pale Tide", "rum with mint and lime, softer than gin");
    add("ck-tq", "Desert Bloom", "tequila with grapefruit and lime");
    SearchResult on =
        vectorSearch("cocktail recipes without gin", SearchRequest.Negation.DEFAULT, 20);
    List<String> ranked = Hits.ids(on);
    assertThat(ranked.indexOf("ck-gin")).isGreaterThan(ranked.indexOf("ck-rum"));
    assertThat(ranked.indexOf("ck-gin")).isGreaterThan(ranked.indexOf("ck-tq"));
    SearchHit gin = on.hits().get(ranked.indexOf("ck-gin"));
    assertThat(gin.parts().textNamesExcluded()).isTrue();
    assertThat(gin.parts().titledAfterExcluded()).isFalse();
    assertThat(String.join("\n", on.plan()))
        .contains("1 candidate(s) whose text opens on \"gin\" ranked after the rest: ck-gin")
        .doesNotContain("no candidate is titled after the excluded part or opens on it");
  }

  @Test
  void documentsNamingAKindOfTheExcludedThingFollowTheRest() {
    add("ck-almond", "Orange cake", "whole oranges blended with ground almonds, eggs and sugar");
    add("ck-lemon", "Lemon drizzle", "a cake of flour, butter and lemon");
    add("ck-carrot", "Carrot cake", "a cake of grated carrot and spice");
    SearchResult on = vectorSearch("cake recipes, no nuts", SearchRequest.Negation.DEFAULT, 20);
    List<String> ranked = Hits.ids(on);
    assertThat(ranked.indexOf("ck-almond")).isGreaterThan(ranked.indexOf("ck-lemon"));
    assertThat(ranked.indexOf("ck-almond")).isGreaterThan(ranked.indexOf("ck-carrot"));
    assertThat(on.hits().get(ranked.indexOf("ck-almond")).parts().textNamesExcluded()).isTrue();
    assertThat(String.join("\n", on.plan()))
        .contains("name a kind of \"nuts\" (WordNet) and rank after the rest: ")
        .contains("ck-almond \"almond\", a kind of nut");
    SearchResult off =
        vectorSearch(
            "cake recipes, no nuts", SearchRequest.Negation.DEFAULT.withDemoteTitled(false), 20);
    assertThat(String.join("\n", off.plan())).doesNotContain("a kind of");
  }

  @Test
  void aFreeOfQueryRanksDocumentsThatHaveTheThingAfterTheRest() {
    add("fb-walnut", "Walnut loaf", "a loaf cake with chopped walnuts");
    add("fb-school", "Lunchbox sponge", "a nut-free chocolate sponge cake for school");
    add("fb-lemon", "Lemon drizzle", "a cake of flour, butter and lemon");
    SearchResult on = vectorSearch("nut-free cake recipes", SearchRequest.Negation.DEFAULT, 20);
    List<String> ranked = Hits.ids(on);
    assertThat(ranked.indexOf("fb-walnut")).isGreaterThan(ranked.indexOf("fb-school"));
    assertThat(ranked.indexOf("fb-walnut")).isGreaterThan(ranked.indexOf("fb-lemon"));
    String plan = String.join("\n", on.plan());
    assertThat(plan)
        .contains("free of: 'nut-free': candidates that name nut or a kind of it")
        .contains("fb-walnut \"walnut\", a kind of nut")
        .doesNotContain("vector penalty 0.");
    assertThat(on.hits().get(ranked.indexOf("fb-school")).parts().textNamesExcluded())
        .as("it says it is nut-free")
        .isFalse();
    SearchResult none =
        vectorSearch("cake recipes with no nuts at all", SearchRequest.Negation.DEFAULT, 20);
    List<String> withNo = Hits.ids(none);
    assertThat(withNo.indexOf("fb-walnut")).isGreaterThan(withNo.indexOf("fb-school"));
    assertThat(withNo.indexOf("fb-walnut")).isGreaterThan(withNo.indexOf("fb-lemon"));
    assertThat(String.join("\n", none.plan()))
        .contains("free of: 'with no nuts': candidates that name nuts or a kind of it");
    SearchResult tax = vectorSearch("tax-free cake savings", SearchRequest.Negation.DEFAULT, 20);
    assertThat(String.join("\n", tax.plan()))
        .contains("'tax-free' describes what is asked")
        .doesNotContain("rank after the rest");
  }

  private void addBikes() {
    String[][] bikes = {
      {"tv-ridge1", "Tarven Ridge 1", "The Tarven Ridge is an electric mountain bike, 750 Wh."},
      {"tv-ridge2", "Tarven Ridge 2 launch", "The second Tarven Ridge is an electric bike again."},
      {
        "tv-ridge-care", "Servicing the drive unit", "Take the Ridge drive unit to a dealer yearly."
      },
      {
        "tv-loop", "Tarven Loop city bike", "A steel Tarven Loop; unlike the Ridge it has no motor."
      },
      {"tv-loop2", "Tarven Loop 2", "The Tarven Loop 2 adds a front basket and dynamo lights."},
      {"tv-fold", "Tarven Fold", "The Tarven Fold folds in ten seconds for the train."}
    };
    for (String[] b : bikes) {
      add(b[0], b[1], b[2], "2021-05-01", "bikes", 4, null);
    }
  }

  @Test
  void aNameTheDemotedCandidatesShareNamesTheExcludedFamilyToo() {
    addBikes();
    SearchResult on =
        vectorSearch("tarven bikes, but not the electric ones", SearchRequest.Negation.DEFAULT, 20);
    List<String> ranked = Hits.ids(on);
    for (String kept : List.of("tv-loop", "tv-loop2", "tv-fold")) {
      assertThat(ranked.indexOf("tv-ridge-care")).as(kept).isGreaterThan(ranked.indexOf(kept));
    }
    assertThat(String.join("\n", on.plan()))
        .contains("1 candidate(s) named Ridge, as 2+ of those ranked after the rest are")
        .contains("tv-ridge-care");
    assertThat(on.hits().get(ranked.indexOf("tv-loop")).parts().textNamesExcluded())
        .as("it names the Ridge only to set itself against it")
        .isFalse();
    assertThat(on.hits().get(ranked.indexOf("tv-ridge-care")).parts().excludedKind())
        .contains("\"Ridge\", a name those ranked after the rest share");
  }

  @Test
  void aBrandNamedByMoreKeptCandidatesThanDemotedOnesNamesNoFamily() {
    addBikes();
    SearchResult on =
        vectorSearch("bikes, but not the electric ones", SearchRequest.Negation.DEFAULT, 20);
    assertThat(String.join("\n", on.plan())).doesNotContain("Tarven").contains("named Ridge");
    assertThat(
            on.hits().stream()
                .filter(h -> h.parts().textNamesExcluded() || h.parts().titledAfterExcluded())
                .map(SearchHit::id))
        .containsExactlyInAnyOrder("tv-ridge1", "tv-ridge2", "tv-ridge-care");
  }

  @Test
  void aWordOpeningATitleAfterAColonNamesNoFamily() {
    add(
        "ep-4",
        "Episode 4: The reed boats",
        "Egypt's boat builders tied papyrus.",
        "2021-01-01",
        "history",
        4,
        null);
    add(
        "ep-6",
        "Episode 6: The flood year",
        "Egypt's farmers waited for the Nile.",
        "2021-02-01",
        "history",
        4,
        null);
    add(
        "ep-8",
        "Episode 8: The last emperors",
        "Rome in its final century.",
        "2021-03-01",
        "history",
        4,
        null);
    SearchResult on =
        vectorSearch("history episodes apart from Egypt", SearchRequest.Negation.DEFAULT, 20);
    assertThat(String.join("\n", on.plan())).doesNotContain("named The");
    SearchHit rome =
        on.hits().stream().filter(h -> h.id().equals("ep-8")).findFirst().orElseThrow();
    assertThat(rome.parts().textNamesExcluded()).isFalse();
  }

  @Test
  void aMisspeltTitleIsDemotedOnlyWhenNoTitleMatchesExactly() {
    add("st-zustand", "Zustand", "state management store", "2020-01-01", "js", 4, null);
    add("st-zustanda", "Zustanda", "state management store", "2020-01-01", "js", 4, null);
    add("st-mobx", "MobX", "state management store for React", "2020-01-01", "js", 4, null);
    SearchRequest.Negation titlesOnly = new SearchRequest.Negation(true, 0, false, true, true);
    // "Zustand" names one title exactly: the near one ("Zustanda") keeps its place.
    assertThat(demoted("state management store but not Zustand", titlesOnly))
        .containsExactly("st-zustand");
    // A typo in the query names no title exactly: both near titles go last.
    assertThat(demoted("state management store but not Zustandd", titlesOnly))
        .containsExactlyInAnyOrder("st-zustand", "st-zustanda");
  }

  private List<String> demoted(String query, SearchRequest.Negation n) {
    return vectorSearch(query, n, 20).hits().stream()
        .filter(h -> h.parts().titledAfterExcluded())
        .map(SearchHit::id)
        .toList();
  }

  @Test
  void theUntitledPenaltyAppliesOnlyWhenNoCandidateIsTitledAfterTheExcludedPart() {
    add("st-redux", "Redux (library)", "state management store", "2020-01-01", "js", 4, null);
    add("st-mobx", "MobX", "state management store for React", "2020-01-01", "js", 4, null);
    SearchRequest.Negation adaptive =
        new SearchRequest.Negation(true, 0.1, false, true, true, 2.0, false);
    // A title names Redux: the base penalty, as if it were the only one.
    assertThat(penalties("state management store but not Redux", adaptive))
        .isEqualTo(penalties("state management store but not Redux", uniform(0.1)));
    // No title names Zustand: the stronger penalty is all that keeps it out.
    SearchResult untitled = vectorSearch("state management store but not Zustand", adaptive, 10);
    assertThat(String.join("\n", untitled.plan()))
        .contains(
            "no candidate is titled after the excluded part or opens on it, so its penalty is 2.00");
    assertThat(penalties("state management store but not Zustand", adaptive))
        .isEqualTo(penalties("state management store but not Zustand", uniform(2.0)))
        .isNotEqualTo(penalties("state management store but not Zustand", uniform(0.1)));
  }

  @Test
  void aRelativePenaltyKeepsDocumentsOnANearbyTopicAboveUnrelatedOnes() {
    // Enough loaves that the most relevant candidates, whose median sets the floor, are loaves.
    List<String> loaves = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      loaves.add("br-" + i);
      add(
          "br-" + i,
          "Loaf number " + i,
          "bread recipe for loaf " + i + ", quicker than sourdough",
          "2020-01-01",
          "cooking",
          4,
          null);
    }
    add(
        "br-country",
        "Country loaf",
        "sourdough bread recipe: feed the sourdough starter, then the sourdough rises",
        "2020-01-01",
        "cooking",
        4,
        null);
    String q = "bread recipe except sourdough";
    SearchRequest.Negation relative =
        new SearchRequest.Negation(true, 0.25, false, true, true, 3.0, true);
    SearchResult on = vectorSearch(q, relative, 50);
    assertThat(String.join("\n", on.plan()))
        .contains("the penalty counts only similarity to the excluded part above")
        .contains("the median of the 40 most relevant candidates")
        .contains("on the vector leg above")
        .contains("× (similarity to the asked part −");
    // The loaves that mention sourdough in passing come first; the one about it after them.
    List<String> ranked = Hits.ids(on);
    assertThat(ranked.subList(0, loaves.size())).containsExactlyInAnyOrderElementsOf(loaves);
    assertThat(ranked.indexOf("br-country")).isGreaterThanOrEqualTo(loaves.size());
    // The whole similarity would put documents that share no word with the query above them.
    List<String> whole =
        Hits.ids(vectorSearch(q, new SearchRequest.Negation(true, 3.0, false, true, false), 50));
    assertThat(whole.indexOf("br-1")).isGreaterThan(whole.indexOf("phone-1"));
  }

  @Test
  void aHybridSearchKeepsTheExcludedTopicOutOfItsKeywordLegToo() {
    // Short notes on vegetables lead BM25 for "gardening tips"; the longer ones on flowers follow.
    for (int i = 1; i <= 3; i++) {
      add(
          "veg-" + i,
          "Garden page v" + i,
          "gardening tips: vegetables",
          "2020-01-01",
          "home",
          4,
          null);
      add(
          "flower-" + i,
          "Garden page f" + i,
          "gardening tips for roses, tulips and lilies in a sunny spring border, part " + i,
          "2020-01-01",
          "home",
          4,
          null);
    }
    SearchResult hybrid =
        engine.search(
            SearchRequest.builder("gardening tips but not vegetables").k(3).explain(true).build());
    assertThat(Hits.ids(hybrid)).containsExactlyInAnyOrder("flower-1", "flower-2", "flower-3");
    assertThat(String.join("\n", hybrid.plan()))
        .contains(
            "negation: keyword scores are BM25 as a share of the best, minus the penalty above the"
                + " median;")
        .contains("candidate(s) fell to 0 or below and left the keyword leg");
    // The keyword leg alone, without the exclusion's penalty, puts the vegetables first.
    SearchResult keyword =
        engine.search(
            SearchRequest.builder("gardening tips").mode(SearchRequest.Mode.KEYWORD).k(3).build());
    assertThat(Hits.ids(keyword)).containsExactlyInAnyOrder("veg-1", "veg-2", "veg-3");
  }

  /** A vector-mode search with this negation handling, explained. */
  private SearchResult vectorSearch(String query, SearchRequest.Negation n, int k) {
    return engine.search(
        SearchRequest.builder(query)
            .mode(SearchRequest.Mode.VECTOR)
            .negation(n)
            .k(k)
            .explain(true)
            .build());
  }

  private static SearchRequest.Negation uniform(double penalty) {
    return new SearchRequest.Negation(true, penalty, false, true, true);
  }

  private java.util.Map<String, Double> penalties(String query, SearchRequest.Negation n) {
    java.util.Map<String, Double> out = new java.util.TreeMap<>();
    for (SearchHit h : vectorSearch(query, n, 20).hits()) {
      out.put(h.id(), h.parts().asMap().get("penalty"));
    }
    return out;
  }

  @Test
  void aQuotedExcludedTitleIsDetectedAndNotRequired() {
    String q = "dropdown menu tutorial but not \"jquery\"";
    SearchResult vector =
        engine.search(
            SearchRequest.builder(q).mode(SearchRequest.Mode.VECTOR).k(2).explain(true).build());
    assertThat(String.join("\n", vector.plan())).contains("excluded \"jquery\"");
    assertThat(Hits.ids(vector).get(0)).isEqualTo("js-plain");
    SearchResult hybrid =
        engine.search(
            SearchRequest.builder(q).mode(SearchRequest.Mode.HYBRID).k(5).explain(true).build());
    String keywordPlan =
        hybrid.plan().stream().filter(l -> l.startsWith("keyword:")).findFirst().orElseThrow();
    assertThat(keywordPlan).doesNotContain("jquery").contains("dropdown");
  }

  @Test
  void anExclusionIsReadWithItsQuotationsSoThatAQuotedTitleStaysWhole() {
    SearchResult r =
        engine.search(
            SearchRequest.builder("dropdown menu tutorial, but not \"jQuery, Write Less\"")
                .mode(SearchRequest.Mode.VECTOR)
                .k(2)
                .explain(true)
                .build());
    assertThat(String.join("\n", r.plan()))
        .contains("excluded \"jQuery, Write Less\"")
        .contains("embedding the positive part \"dropdown menu tutorial\"");
  }

  @Test
  void groupByParentReturnsOneChunkPerParent() {
    SearchResult r =
        engine.search(
            SearchRequest.builder("vector search graphs").k(3).groupByParent(true).build());
    long chunks = Hits.ids(r).stream().filter(id -> id.startsWith("doc-a")).count();
    assertThat(chunks).isEqualTo(1);
  }

  @Test
  void moreLikeThisExcludesItsExamplesAndPagingIsConsistent() {
    SearchResult like =
        engine.search(
            SearchRequest.builder()
                .like(List.of("phone-3"), List.of())
                .mode(SearchRequest.Mode.VECTOR)
                .k(3)
                .build());
    assertThat(Hits.ids(like)).doesNotContain("phone-3").allMatch(id -> id.startsWith("phone"));
    List<String> all = Hits.ids(engine.search(SearchRequest.builder("Nimbus phone").k(6).build()));
    List<String> paged =
        new ArrayList<>(
            Hits.ids(engine.search(SearchRequest.builder("Nimbus phone").k(3).build())));
    paged.addAll(
        Hits.ids(engine.search(SearchRequest.builder("Nimbus phone").k(3).offset(3).build())));
    assertThat(paged).isEqualTo(all);
  }

  @Test
  void hybridExplainGivesEachHitsScoreParts() {
    SearchResult r =
        engine.search(SearchRequest.builder("chocolate cake").k(1).explain(true).build());
    assertThat(Hits.ids(r)).containsExactly("cake");
    assertThat(r.hits().get(0).parts().asMap()).containsKeys("vector", "keyword", "fused");
    assertThat(String.join("\n", r.plan())).contains("fusion: reciprocal rank fusion, k=60");
  }
}
