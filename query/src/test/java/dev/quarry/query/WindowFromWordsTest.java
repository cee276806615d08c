package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A span the query names ("yesterday", "last month" in the asker's own records) filters by date
 * (decisions 0184 and 0187).
 */
class WindowFromWordsTest {
  private static final Instant AS_OF = Instant.parse("2026-12-07T20:00:00Z");

  @TempDir Path dir;
  private final HashingEmbedder embedder = new HashingEmbedder();
  private Collection collection;
  private QueryEngine engine;

  @BeforeEach
  void setUp() {
    collection = Collection.create(dir, CollectionConfig.forModel(embedder.identity()));
    add("today", "Dinner notes", "I cooked a mushroom risotto for dinner", "2026-12-07");
    add("yesterday", "Dinner notes", "I cooked a lentil curry for dinner", "2026-12-06");
    add("two-days", "Dinner notes", "I cooked a tomato soup for dinner", "2026-12-05");
    add("last-month", "Dinner notes", "I cooked a pumpkin pie for dinner", "2026-11-02");
    add("undated", "Dinner ideas", "Things I cooked for dinner once", null);
    engine = new QueryEngine(collection, embedder, Clock.fixed(AS_OF, ZoneOffset.UTC));
  }

  @AfterEach
  void tearDown() {
    collection.close();
  }

  private void add(String id, String title, String text, String date) {
    Document.Builder b = embedder.document(id, title, text);
    if (date != null) {
      b.meta("date", Instant.parse(date + "T00:00:00Z"));
    }
    collection.upsert(List.of(b.build()));
  }

  private SearchResult search(String query, SearchRequest.Recency recency) {
    return engine.search(SearchRequest.builder(query).recency(recency).k(10).explain(true).build());
  }

  @Test
  void yesterdayKeepsOnlyYesterdaysDocumentsInEveryMode() {
    for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
      SearchResult r =
          engine.search(
              SearchRequest.builder("what did I cook for dinner yesterday")
                  .mode(mode)
                  .explain(true)
                  .build());
      assertThat(Hits.ids(r)).as(mode.id()).containsExactly("yesterday");
      assertThat(String.join("\n", r.plan()))
          .contains(
              "window: 'yesterday' (2026-12-06, UTC days): only documents dated in it; undated"
                  + " documents are outside every window");
    }
  }

  @Test
  void theLastThreeDaysReachIntoTheFourthDayBack() {
    SearchResult r = search("dinner I cooked in the last 3 days", SearchRequest.Recency.DEFAULT);
    assertThat(Hits.ids(r)).containsExactlyInAnyOrder("today", "yesterday", "two-days");
    assertThat(String.join("\n", r.plan())).contains("(2026-12-04 to 2026-12-07, UTC days)");
  }

  @Test
  void lastMonthInTheAskersOwnRecordsIsTheCalendarMonthBefore() {
    SearchResult r =
        search("what did we cook for dinner last month", SearchRequest.Recency.DEFAULT);
    assertThat(Hits.ids(r)).containsExactly("last-month");
    assertThat(String.join("\n", r.plan()))
        .contains("window: 'last month' (2026-11-01 to 2026-11-30, UTC days): only documents");
    SearchResult news = search("which bakery opened last month", SearchRequest.Recency.DEFAULT);
    assertThat(String.join("\n", news.plan()))
        .as("an event's calendar period is left to the decay")
        .doesNotContain("window:");
  }

  @Test
  void aWindowWithNoDocumentDatedInItKeepsEveryDate() {
    SearchResult r =
        search(
            "what did I cook for dinner yesterday",
            SearchRequest.Recency.DEFAULT.withAsOf(Instant.parse("2026-11-20T12:00:00Z")));
    assertThat(Hits.ids(r)).contains("last-month", "undated");
    assertThat(String.join("\n", r.plan()))
        .contains("no document is dated in it, so the search keeps every date");
  }

  @Test
  void recencyOffAndDatesSetByTheRequestLeaveTheWordsAlone() {
    SearchResult off =
        search(
            "what did I cook for dinner yesterday",
            SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF));
    assertThat(Hits.ids(off)).hasSize(5);
    assertThat(String.join("\n", off.plan())).contains("not applied: recency is off");
    SearchResult set = search("dinner yesterday after:2026-11-01", SearchRequest.Recency.DEFAULT);
    assertThat(Hits.ids(set))
        .containsExactlyInAnyOrder("today", "yesterday", "two-days", "last-month");
    assertThat(String.join("\n", set.plan())).contains("not applied: after:/before:");
  }
}
