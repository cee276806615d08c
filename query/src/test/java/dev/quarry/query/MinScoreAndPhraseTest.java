package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MinScoreAndPhraseTest {
  @TempDir Path dir;
  private final HashingEmbedder embedder = new HashingEmbedder();
  private Collection collection;
  private QueryEngine engine;

  @BeforeEach
  void setUp() {
    collection = Collection.create(dir, CollectionConfig.forModel(embedder.identity()));
    add("walnut-cake", "Walnut cake", "A chocolate cake with walnuts and honey");
    add("plain-cake", "Chocolate cake", "A rich chocolate cake, dark and moist");
    add("cake-walk", "Cake walk", "A dance called the cake walk");
    add("garden", "Tomato garden", "Growing tomatoes in a small garden");
    engine = new QueryEngine(collection, embedder);
  }

  @AfterEach
  void tearDown() {
    collection.close();
  }

  private void add(String id, String title, String text) {
    collection.upsert(List.of(embedder.document(id, title, text).build()));
  }

  @Test
  void aQuotedPhraseHoldsOnTheVectorLegToo() {
    for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
      SearchResult r =
          engine.search(
              SearchRequest.builder("chocolate cake \"walnuts\"")
                  .mode(mode)
                  .k(10)
                  .explain(true)
                  .build());
      assertThat(Hits.ids(r)).as(mode.id()).containsExactly("walnut-cake");
    }
    SearchResult vector =
        engine.search(
            SearchRequest.builder("chocolate cake \"walnuts\"")
                .mode(SearchRequest.Mode.VECTOR)
                .explain(true)
                .build());
    assertThat(vector.plan()).contains("filter: text contains \"walnuts\"");
    // Without the quotes, the vector leg finds the other cakes as well.
    assertThat(
            Hits.ids(
                engine.search(
                    SearchRequest.builder("chocolate cake walnuts")
                        .mode(SearchRequest.Mode.VECTOR)
                        .build())))
        .contains("walnut-cake", "plain-cake");
  }

  @Test
  void aPhraseOfStopWordsIsNotRequiredOnTheVectorLeg() {
    SearchResult r =
        engine.search(
            SearchRequest.builder("cake \"the\"")
                .mode(SearchRequest.Mode.VECTOR)
                .explain(true)
                .build());
    assertThat(r.hits()).isNotEmpty();
    assertThat(r.plan()).contains("phrase: \"the\" has no searchable words, so it is not required");
  }

  @Test
  void minScoreKeepsHitsWhoseCosineReachesItBeforePaging() {
    SearchRequest.Builder b =
        SearchRequest.builder("chocolate cake").mode(SearchRequest.Mode.VECTOR).k(10);
    SearchResult all = engine.search(b.build());
    double second = all.hits().get(1).parts().cosine().getAsDouble();
    SearchResult some = engine.search(b.minScore(second).explain(true).build());
    assertThat(Hits.ids(some)).containsExactlyElementsOf(Hits.ids(all).subList(0, 2));
    assertThat(some.hits())
        .allSatisfy(
            h -> assertThat(h.parts().cosine().getAsDouble()).isGreaterThanOrEqualTo(second));
    assertThat(String.join("\n", some.plan())).contains("min-score: 2 of");
    SearchResult paged = engine.search(b.minScore(second).k(1).offset(1).build());
    assertThat(Hits.ids(paged)).containsExactly(Hits.ids(all).get(1));
    assertThat(engine.search(b.minScore(second).k(1).offset(2).build()).hits()).isEmpty();
  }

  @Test
  void minScoreDropsKeywordOnlyHitsAndIsRefusedInKeywordMode() {
    // Hybrid: every candidate the vector leg found has a cosine; one found by keywords only has
    // none and is left out.
    SearchResult r = engine.search(SearchRequest.builder("cake").minScore(-1).k(10).build());
    assertThat(r.hits()).allSatisfy(h -> assertThat(h.parts().cosine()).isPresent());
    assertThatThrownBy(
            () ->
                SearchRequest.builder("cake")
                    .mode(SearchRequest.Mode.KEYWORD)
                    .minScore(0.5)
                    .build())
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("keyword mode");
    assertThatThrownBy(() -> SearchRequest.builder("cake").minScore(1.5).build())
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("-1..1");
  }
}
