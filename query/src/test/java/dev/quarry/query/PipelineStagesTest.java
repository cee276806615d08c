package dev.quarry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.query.interpret.Exclusion;
import dev.quarry.query.interpret.Interpretation;
import dev.quarry.query.interpret.QueryInterpreter;
import dev.quarry.query.interpret.TextFilters;
import dev.quarry.query.spi.FilterCompiler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each stage of the search pipeline on its own. */
class PipelineStagesTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path dir;
  private final HashingEmbedder embedder = new HashingEmbedder();
  private Collection collection;

  @BeforeEach
  void setUp() {
    collection = Collection.create(dir, CollectionConfig.forModel(embedder.identity()));
    add("bread", "Bread basics", "Flour water salt yeast bread", "2025-12-01", null);
    add("sourdough", "Sourdough", "Sourdough bread with a starter", "2025-06-01", null);
    add("cake#1", "Cake part one", "chocolate cake batter", "2024-01-01", "cake");
    add("cake#2", "Cake part two", "chocolate cake icing", "2024-01-01", "cake");
  }

  @AfterEach
  void tearDown() {
    collection.close();
  }

  private void add(String id, String title, String text, String date, String parent) {
    collection.upsert(
        List.of(
            embedder
                .document(id, title, text)
                .parent(parent)
                .meta("date", java.time.LocalDate.parse(date))
                .build()));
  }

  private static List<Candidate> candidates(String... ids) {
    List<Candidate> out = new ArrayList<>();
    for (String id : ids) {
      out.add(new Candidate(id));
    }
    return out;
  }

  private SearchPlan plan(SearchRequest r, Plan plan) {
    FilterCompiler compiler =
        new FilterCompiler(collection.fields(), collection.lucene().analyzer());
    return new Planner(collection, compiler, AS_OF, plan).plan(r);
  }

  @Test
  void thePlannerBuildsTheFilterAndTheTimeHandling() {
    Plan lines = new Plan(true);
    SearchPlan p = plan(SearchRequest.builder("latest bread -sourdough").build(), lines);
    assertThat(p.time().cue()).isEqualTo("latest");
    assertThat(p.time().decay()).isTrue();
    assertThat(p.time().asOf()).isEqualTo(AS_OF);
    assertThat(p.filter()).isNotNull();
    assertThat(p.asOfOnly()).isFalse();
    assertThat(p.pool()).isEqualTo(100);
    assertThat(lines.lines()).contains("filter: date <= as-of AND NOT text contains \"sourdough\"");
    SearchPlan plain =
        plan(SearchRequest.builder("bread").mode(SearchRequest.Mode.VECTOR).k(5).build(), lines);
    assertThat(plain.asOfOnly()).isTrue();
    assertThat(plain.time().byCoverage()).isTrue();
    assertThat(plain.pool()).as("a re-ranked search fetches a deeper list").isEqualTo(100);
    SearchPlan off =
        plan(
            SearchRequest.builder("bread")
                .mode(SearchRequest.Mode.VECTOR)
                .recency(SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF))
                .k(5)
                .build(),
            lines);
    assertThat(off.pool()).as("a plain vector search keeps Lucene's order").isEqualTo(5);
  }

  @Test
  void theKeywordLegDropsQuestionWordsAndNeedsHalfTheRest() {
    FilterCompiler compiler =
        new FilterCompiler(collection.fields(), collection.lucene().analyzer());
    KeywordLeg leg = new KeywordLeg(collection, compiler, new Plan(false));
    String q = leg.query("how do I bake bread with yeast", List.of("sourdough"), null).toString();
    assertThat(q).doesNotContain("text:how").contains("text:bread", "text:yeast");
    assertThat(q).contains(")~2", "title:sourdough");
    assertThat(leg.query("what is it", List.of(), null)).isNull();
  }

  @Test
  void theVectorLegNeverReturnsItsOwnExamplesAndSortsByThePenalizedSimilarity() {
    Plan lines = new Plan(true);
    SearchRequest r =
        SearchRequest.builder()
            .like(List.of("bread"), List.of())
            .mode(SearchRequest.Mode.VECTOR)
            .recency(SearchRequest.Recency.NONE)
            .explain(true)
            .build();
    Map<String, Candidate> all = new java.util.LinkedHashMap<>();
    VectorLeg.Result result =
        new VectorLeg(collection, embedder, lines).run(r, plan(r, lines), all);
    assertThat(result.ran()).isTrue();
    assertThat(result.ranked())
        .extracting(c -> c.id)
        .doesNotContain("bread")
        .first()
        .isEqualTo("sourdough");
    assertThat(lines.lines()).contains("vector: + mean of 1 positive examples");
  }

  @Test
  void reciprocalRankFusionSumsOneOverRankAndWeightedFusionNormalizes() {
    List<Candidate> vector = candidates("a", "b");
    List<Candidate> keyword = new ArrayList<>(List.of(vector.get(1), new Candidate("c")));
    vector.get(0).cosine = 0.9;
    vector.get(1).cosine = 0.5;
    keyword.get(0).keywordFinal = 4;
    keyword.get(1).keywordFinal = 2;
    Fusion.fuse(SearchRequest.Fusion.RRF, vector, keyword, new Plan(false));
    assertThat(vector.get(1).fused).isEqualTo(1.0 / 62 + 1.0 / 61);
    assertThat(vector.get(0).score).isEqualTo(1.0 / 61);
    assertThat(keyword.get(1).score).isEqualTo(1.0 / 62);
    Fusion.fuse(SearchRequest.Fusion.weighted(0.75), vector, keyword, new Plan(false));
    assertThat(vector.get(0).score).isEqualTo(0.75);
    assertThat(vector.get(1).score).isEqualTo(0.25);
    assertThat(keyword.get(1).score).isEqualTo(0);
  }

  @Test
  void aSingleLegKeepsItsOwnScore() {
    List<Candidate> vector = candidates("a");
    vector.get(0).cosine = 0.8;
    vector.get(0).penalty = 0.1;
    boolean fused =
        Fusion.score(
            SearchRequest.Fusion.RRF,
            new VectorLeg.Result(true, vector, null),
            new KeywordLeg.Result(false, List.of()),
            new Plan(false));
    assertThat(fused).isFalse();
    assertThat(vector.get(0).score).isEqualTo(0.8 - 0.1);
  }

  @Test
  void theKeywordPenaltyIsAShareOfTheBestBm25MinusThePenaltyAndDropsWhatFallsToZero() {
    List<Candidate> keyword = candidates("bread", "sourdough");
    keyword.get(0).keyword = 2;
    keyword.get(1).keyword = 4;
    keyword.get(1).penalty = 0.01; // the vector leg's penalty, over its higher floor
    float[] excluded = collection.get("sourdough").orElseThrow().vector();
    ExclusionPenalty penalty = new ExclusionPenalty(excluded, 2.0, 0.5, null);
    List<Candidate> dropped =
        ExclusionPenalty.onKeywordLeg(keyword, penalty, collection, new Plan(false));
    // The keyword leg takes the penalty over the constant floor (2.0 × (1.0 − 0.5) here), not the
    // vector leg's, which the candidate still shows.
    assertThat(dropped).extracting(c -> c.id).containsExactly("sourdough");
    assertThat(dropped.get(0).penalty).isEqualTo(0.01);
    assertThat(keyword).extracting(c -> c.id).containsExactly("bread");
    assertThat(keyword.get(0).keywordFinal).isEqualTo(0.5 - keyword.get(0).penalty);
    assertThat(ExclusionPenalty.typicalSimilarity(new double[] {0.9, 0.1, 0.5})).isEqualTo(0.5);
    assertThat(ExclusionPenalty.typicalSimilarity(new double[] {-0.2})).isEqualTo(0);
  }

  @Test
  void aCandidateThatNamesTheExcludedPartOnlyNegatedTakesNoPenalty() {
    add("plain", "Plain loaf", "A loaf with no sourdough starter, only yeast", "2025-01-01", null);
    List<Candidate> keyword = candidates("plain", "sourdough");
    keyword.forEach(c -> c.keyword = 4);
    float[] excluded = collection.get("sourdough").orElseThrow().vector();
    ExclusionPenalty penalty =
        new ExclusionPenalty(excluded, 2.0, 0.0, new ExcludedTitles("sourdough", "bread"));
    ExclusionPenalty.onKeywordLeg(keyword, penalty, collection, new Plan(false));
    Candidate plain = keyword.stream().filter(c -> c.id.equals("plain")).findFirst().orElseThrow();
    assertThat(plain.penalty).isZero();
    assertThat(plain.keywordFinal).isEqualTo(1.0);
    // Explain names the candidates spared on the vector leg.
    QueryEngine engine = new QueryEngine(collection, embedder, Clock.fixed(AS_OF, ZoneOffset.UTC));
    SearchResult r =
        engine.search(SearchRequest.builder("bread but not sourdough").k(3).explain(true).build());
    assertThat(String.join("\n", r.plan()))
        .contains(
            "no penalty for 1 candidate(s) that name the excluded part only as what they lack")
        .contains(": plain");
  }

  @Test
  void aFeatureOtherCandidatesLackDemotesTheCandidatesThatHaveIt() {
    add(
        "run",
        "Run 5 review",
        "The Run 5 is a sports watch for long trail days with Strava.",
        "2025-01-01",
        null);
    add(
        "swim",
        "Swim 2 review",
        "The Swim 2 is a band for the pool that counts laps.",
        "2025-01-01",
        null);
    add(
        "fit",
        "Fit 5 review",
        "The Fit 5 is a slim band that counts steps; it has no Strava.",
        "2025-01-01",
        null);
    ExcludedTitles titles = new ExcludedTitles("Strava", "watches");
    Exclusion exclusion = new Exclusion("watches", "Strava", "no");
    // Without a candidate that lacks it, Strava past the eighth word is a passing mention.
    List<Candidate> two = candidates("run", "swim");
    assertThat(
            TitleDemotion.demote(
                two, titles, null, exclusion, "negation", collection, new Plan(false)))
        .extracting(c -> c.id)
        .containsExactly("run", "swim");
    // With one, it is a feature, and the watch that syncs goes after the rest (decision 0158).
    Plan lines = new Plan(true);
    List<Candidate> three = candidates("run", "swim", "fit");
    assertThat(TitleDemotion.demote(three, titles, null, exclusion, "negation", collection, lines))
        .extracting(c -> c.id)
        .containsExactly("swim", "fit", "run");
    assertThat(String.join("\n", lines.lines()))
        .contains("whose text opens on \"Strava\"")
        .contains("some candidates name it only as lacking it");
  }

  @Test
  void aTitleThatNamesTheExcludedPartOnlyAsLackingIsNotDemoted() {
    add("beat", "Beat band without GPS", "A light band for the gym.", "2025-01-01", null);
    add("pace", "Pace GPS band", "A band that tracks runs.", "2025-01-01", null);
    add("loop", "Loop band", "A band that counts steps.", "2025-01-01", null);
    List<Candidate> ranked = candidates("pace", "beat", "loop");
    assertThat(
            TitleDemotion.demote(
                ranked,
                new ExcludedTitles("GPS", "bands"),
                null,
                new Exclusion("bands", "GPS", "not"),
                "negation",
                collection,
                new Plan(false)))
        .extracting(c -> c.id)
        .containsExactly("beat", "loop", "pace");
  }

  @Test
  void theExpectedSimilarityToTheExcludedPartFollowsTheSimilarityToTheAskedPart() {
    // On the asked topic, closeness to the excluded part rises with closeness to the asked part.
    double[] asked = {0.6, 0.5, 0.4, 0.2, 0.1};
    double[] excluded = {0.5, 0.4, 0.3, 0.1, 0.0};
    ExclusionPenalty.Expected line = ExclusionPenalty.Expected.fit(asked, excluded);
    // Half the least-squares slope (1.0 here), through the means (0.36, 0.26).
    assertThat(line.slope()).isCloseTo(0.5, within(1e-9));
    assertThat(line.at(0.56)).isCloseTo(0.36, within(1e-9));
    // Fewer than two candidates, or all equally close to the asked part: no slope to read.
    assertThat(ExclusionPenalty.Expected.fit(new double[] {0.5}, new double[] {0.4}))
        .isEqualTo(ExclusionPenalty.Expected.NONE);
    assertThat(ExclusionPenalty.Expected.fit(new double[] {0.5, 0.5}, new double[] {0.1, 0.3}))
        .isEqualTo(new ExclusionPenalty.Expected(0.5, 0.2, 0));
  }

  @Test
  void theVectorPenaltyCountsOnlyWhatACandidateHasAboveTheLineAndTheFloor() {
    ExclusionPenalty.Expected line = new ExclusionPenalty.Expected(0.3, 0.2, 1.0);
    ExclusionPenalty penalty = new ExclusionPenalty(new float[] {1}, 5.0, 0.1, null);
    // A wanted look-alike close to the asked part, and as close to the excluded part as its
    // peers at that closeness: nothing; with the constant floor alone it would pay 5 × 0.3.
    assertThat(penalty.of(0.4, 0.5, line)).isCloseTo(0, within(1e-9));
    assertThat(penalty.of(0.4)).isCloseTo(1.5, within(1e-9));
    // The one about the excluded part stands above the line.
    assertThat(penalty.of(0.6, 0.5, line)).isCloseTo(5.0 * 0.2, within(1e-9));
    // Far from the asked part the line drops below the floor, which still holds.
    assertThat(penalty.of(0.3, 0.0, line)).isCloseTo(5.0 * 0.2, within(1e-9));
    // No line (not relative): the floor alone, as before.
    assertThat(penalty.of(0.3, 0.5, ExclusionPenalty.Expected.NONE)).isEqualTo(penalty.of(0.3));
  }

  @Test
  void titleDemotionMovesCandidatesTitledAfterTheExcludedEntityLast() {
    List<Candidate> ranked = candidates("sourdough", "bread");
    Plan plan = new Plan(true);
    List<Candidate> out =
        TitleDemotion.demote(
            ranked,
            new ExcludedTitles("sourdough", "bread"),
            null,
            new dev.quarry.query.interpret.Exclusion("bread", "sourdough", "except"),
            "negation",
            collection,
            plan);
    assertThat(out).extracting(c -> c.id).containsExactly("bread", "sourdough");
    assertThat(out.get(1).titledAfterExcluded).isTrue();
    assertThat(out.get(1).parts().titledAfterExcluded()).isTrue();
  }

  @Test
  void groupingKeepsTheBestChunkOfEachParentAndPagingSkipsTheOffset() {
    QueryEngine engine = new QueryEngine(collection, embedder, Clock.fixed(AS_OF, ZoneOffset.UTC));
    SearchRequest.Builder b =
        SearchRequest.builder("chocolate cake").mode(SearchRequest.Mode.VECTOR).groupByParent(true);
    List<String> grouped = Hits.ids(engine.search(b.k(4).build()));
    assertThat(grouped.stream().filter(id -> id.startsWith("cake#"))).hasSize(1);
    List<String> second = Hits.ids(engine.search(b.k(1).offset(1).build()));
    assertThat(second).containsExactly(grouped.get(1));
  }

  @Test
  void scorePartsAreTypedAndPrintUnderTheirJsonNames() {
    ScoreParts parts =
        new ScoreParts(
            OptionalDouble.of(0.7),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            OptionalDouble.of(0.1),
            false,
            false,
            Optional.empty(),
            null);
    assertThat(parts.vectorFinal().getAsDouble())
        .isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(parts.asMap()).containsOnlyKeys("vector", "penalty", "vectorFinal");
    assertThat(parts.asMap().get("penalty")).isEqualTo(-0.1);
  }

  @Test
  void anotherInterpreterDecidesWhatTheQueryAsksFor() {
    // An interpreter that reads every query as asking for the newest: the decay applies without
    // an English cue.
    QueryInterpreter alwaysFresh =
        (text, exclusions) ->
            new Interpretation(
                text,
                text,
                List.of(),
                Optional.empty(),
                Optional.of("(always)"),
                new TextFilters(Map.of(), List.of(), null, null, Optional.empty()),
                Optional.empty());
    QueryEngine engine = new QueryEngine(collection, embedder, Clock.fixed(AS_OF, ZoneOffset.UTC));
    SearchResult r =
        engine.search(
            SearchRequest.builder("bread").interpreter(alwaysFresh).k(2).explain(true).build());
    assertThat(String.join("\n", r.plan())).contains("decay applied (auto: cue '(always)')");
    assertThat(r.hits().get(0).id()).isEqualTo("bread");
    assertThat(r.hits().get(0).parts().recency()).isNotNull();
  }
}
