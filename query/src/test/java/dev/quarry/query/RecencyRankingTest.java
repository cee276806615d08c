package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recency ranks relevant candidates by date at any age, and undated ones after them. */
class RecencyRankingTest {
  @TempDir Path dir;
  private final HashingEmbedder embedder = new HashingEmbedder();
  private final List<Collection> open = new ArrayList<>();

  @AfterEach
  void tearDown() {
    open.forEach(Collection::close);
  }

  private Collection collection(String name) {
    Collection c =
        Collection.create(dir.resolve(name), CollectionConfig.forModel(embedder.identity()));
    open.add(c);
    return c;
  }

  private void add(Collection c, String id, String title, String text, Instant date) {
    Document.Builder b = embedder.document(id, title, text);
    if (date != null) {
      b.meta("date", date);
    }
    c.upsert(List.of(b.build()));
  }

  @Test
  void aRecencyQueryRanksDocumentsFromADayToFiftyYearsOldNewestFirstWithDistinctScores() {
    Collection c = collection("ages");
    Instant asOf = Instant.parse("2026-12-06T12:00:00Z");
    Map<String, Instant> dates =
        Map.of(
            "day", asOf.minus(1, ChronoUnit.DAYS),
            "month", asOf.atZone(ZoneOffset.UTC).minusMonths(1).toInstant(),
            "year-1", asOf.atZone(ZoneOffset.UTC).minusYears(1).toInstant(),
            "year-5", asOf.atZone(ZoneOffset.UTC).minusYears(5).toInstant(),
            "year-20", asOf.atZone(ZoneOffset.UTC).minusYears(20).toInstant(),
            "year-50", asOf.atZone(ZoneOffset.UTC).minusYears(50).toInstant());
    dates.forEach(
        (id, date) ->
            add(c, id, "Kestrel database release", "Release notes of the Kestrel database", date));
    add(c, "cake", "Chocolate cake", "A rich chocolate cake with walnuts", asOf.minusSeconds(60));
    add(c, "garden", "Tomato garden", "Growing tomatoes in a small garden", asOf.minusSeconds(60));
    QueryEngine engine = new QueryEngine(c, embedder, Clock.fixed(asOf, ZoneOffset.UTC));
    for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
      SearchResult r =
          engine.search(
              SearchRequest.builder("latest Kestrel database release")
                  .mode(mode)
                  .k(6)
                  .explain(true)
                  .build());
      assertThat(Hits.ids(r))
          .as(mode.id())
          .containsExactly("day", "month", "year-1", "year-5", "year-20", "year-50");
      assertThat(r.hits().stream().map(SearchHit::score).distinct()).as(mode.id()).hasSize(6);
      assertThat(r.hits().get(5).parts().recency().ageDays().getAsDouble())
          .isCloseTo(365.25 * 50, org.assertj.core.data.Offset.offset(1.0));
    }
  }

  @Test
  void latestTransformerPaperOverPapersFrom2017To2020ReturnsThe2020OneFirst() {
    Collection c = collection("papers");
    add(
        c,
        "attention-2017",
        "Attention is all you need",
        "A transformer paper: attention layers replace recurrence for translation",
        LocalDate.of(2017, 6, 12).atStartOfDay(ZoneOffset.UTC).toInstant());
    add(
        c,
        "bert-2018",
        "Bidirectional transformer pretraining",
        "A transformer paper on pretraining deep bidirectional encoders",
        LocalDate.of(2018, 10, 11).atStartOfDay(ZoneOffset.UTC).toInstant());
    add(
        c,
        "xl-2019",
        "Transformer with longer context",
        "A transformer paper on attention beyond a fixed length context",
        LocalDate.of(2019, 1, 9).atStartOfDay(ZoneOffset.UTC).toInstant());
    add(
        c,
        "vit-2020",
        "An image is worth 16x16 words",
        "A transformer paper applying attention to image patches",
        LocalDate.of(2020, 10, 22).atStartOfDay(ZoneOffset.UTC).toInstant());
    add(
        c,
        "resnet-2016",
        "Deep residual learning",
        "Residual convolutional networks for image recognition",
        LocalDate.of(2016, 6, 27).atStartOfDay(ZoneOffset.UTC).toInstant());
    add(
        c,
        "gan-2020",
        "Generative adversarial networks for faces",
        "Style based generator architecture for faces",
        LocalDate.of(2020, 12, 1).atStartOfDay(ZoneOffset.UTC).toInstant());
    // As of today, whatever day the test runs on.
    QueryEngine engine = new QueryEngine(c, embedder);
    SearchResult r =
        engine.search(SearchRequest.builder("latest transformer paper").k(4).explain(true).build());
    assertThat(Hits.ids(r)).containsExactly("vit-2020", "xl-2019", "bert-2018", "attention-2017");
    assertThat(String.join("\n", r.plan())).contains("decay applied (auto: cue 'latest')");
  }

  @Test
  void undatedDocumentsFollowTheDatedRelevantOnesAndExplainSaysSo() {
    Collection c = collection("mixed");
    Instant asOf = Instant.parse("2026-12-06T00:00:00Z");
    add(c, "note-a", "Kestrel release notes", "Kestrel release notes draft", null);
    add(c, "note-b", "Kestrel release notes", "Kestrel release notes", null);
    add(
        c,
        "old",
        "Kestrel release notes",
        "Kestrel release notes 1.0",
        asOf.minus(3650, ChronoUnit.DAYS));
    add(
        c,
        "new",
        "Kestrel release notes",
        "Kestrel release notes 5.0",
        asOf.minus(10, ChronoUnit.DAYS));
    add(c, "cake", "Chocolate cake", "A rich chocolate cake with walnuts", null);
    QueryEngine engine = new QueryEngine(c, embedder, Clock.fixed(asOf, ZoneOffset.UTC));
    SearchResult r =
        engine.search(
            SearchRequest.builder("latest Kestrel release notes")
                .mode(SearchRequest.Mode.VECTOR)
                .k(5)
                .explain(true)
                .build());
    assertThat(Hits.ids(r).subList(0, 2)).containsExactly("new", "old");
    assertThat(Hits.ids(r).subList(2, 4)).containsExactlyInAnyOrder("note-a", "note-b");
    assertThat(Hits.ids(r).get(4)).isEqualTo("cake");
    assertThat(String.join("\n", r.plan()))
        .contains("2 relevant candidate(s) have no 'date' and follow the dated relevant ones");
    assertThat(r.hits().get(2).parts().recency().date()).isNull();
    assertThat(r.hits().get(2).parts().recency().ageDays()).isEmpty();
  }

  /**
   * Random as-of dates and documents from a day to centuries older, all with the same text: the
   * scores are distinct and in date order, in vector and keyword mode. Seeded; the seed is printed.
   */
  @Test
  void equalRelevanceIsOrderedByDateWithNoTies() {
    long seed = Long.getLong("quarry.seed", System.nanoTime());
    System.out.println("RecencyRankingTest seed: " + seed + " (-Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 6; round++) {
      Collection c = collection("random-" + round);
      Instant asOf =
          LocalDate.of(1900, 1, 1)
              .plusDays(random.nextInt(300 * 365))
              .atStartOfDay(ZoneOffset.UTC)
              .toInstant();
      Set<Long> days = new HashSet<>();
      Map<String, Instant> dates = new java.util.HashMap<>();
      while (dates.size() < 20) {
        // A day to four centuries, log-uniform.
        long age = (long) Math.exp(random.nextDouble() * Math.log(400 * 365.0)) + 1;
        if (days.add(age)) {
          String id = "doc-" + dates.size();
          dates.put(id, asOf.minus(age, ChronoUnit.DAYS));
          add(c, id, "Harbour ferry timetable", "The harbour ferry timetable", dates.get(id));
        }
      }
      add(c, "cake", "Chocolate cake", "A rich chocolate cake with walnuts", asOf);
      QueryEngine engine = new QueryEngine(c, embedder, Clock.fixed(asOf, ZoneOffset.UTC));
      for (SearchRequest.Mode mode :
          List.of(SearchRequest.Mode.VECTOR, SearchRequest.Mode.KEYWORD)) {
        SearchResult r =
            engine.search(
                SearchRequest.builder("harbour ferry timetable")
                    .mode(mode)
                    .recency(
                        SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.FORCED))
                    .k(20)
                    .build());
        String context = "seed " + seed + ", round " + round + ", " + mode.id() + ", as of " + asOf;
        List<SearchHit> hits = r.hits();
        assertThat(hits).as(context).hasSize(20);
        for (int i = 1; i < hits.size(); i++) {
          assertThat(hits.get(i).score()).as(context).isLessThan(hits.get(i - 1).score());
          assertThat(dates.get(hits.get(i).id()))
              .as(context)
              .isBefore(dates.get(hits.get(i - 1).id()));
        }
      }
    }
  }
}
