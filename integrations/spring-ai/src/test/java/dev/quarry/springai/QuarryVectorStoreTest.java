package dev.quarry.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.index.VectorEncoding;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.observation.DefaultVectorStoreObservationConvention;

class QuarryVectorStoreTest {
  private static final List<Document> DOCS =
      List.of(
          doc("hnsw", "HNSW graphs find nearest neighbours in logarithmic time.", "search", 2024),
          doc("bm25", "BM25 ranks documents by term frequency and rarity.", "search", 2019),
          doc(
              "bread",
              "A lively sourdough starter and a long proof make good bread.",
              "baking",
              2023),
          doc("pasta", "Fresh pasta needs flour, eggs and a rolling pin.", "cooking", 2021),
          doc("alps", "Hiking the Alps in summer: huts, trails and weather.", "travel", 2022));

  @TempDir static Path shared;
  static QuarryVectorStore store;

  @BeforeAll
  static void index() {
    store = QuarryVectorStore.builder(shared.resolve("store")).build();
    store.add(DOCS);
  }

  @AfterAll
  static void close() {
    store.close();
  }

  private static Document doc(String id, String text, String topic, int year) {
    return new Document(id, text, Map.of("topic", topic, "year", year));
  }

  private static SearchRequest.Builder query(String q) {
    return SearchRequest.builder().query(q).similarityThresholdAll();
  }

  private static List<String> ids(List<Document> docs) {
    return docs.stream().map(Document::getId).toList();
  }

  @Test
  void topKHitsBestFirstWithCosineScores() {
    List<Document> hits =
        store.similaritySearch(query("nearest neighbour search in graphs").topK(3).build());
    assertThat(hits).hasSize(3);
    assertThat(hits.get(0).getId()).isEqualTo("hnsw");
    float[] q = store.getEmbeddingModel().embedQuery("nearest neighbour search in graphs");
    for (Document hit : hits) {
      float[] d =
          store
              .getEmbeddingModel()
              .embed(
                  DOCS.stream()
                      .filter(x -> x.getId().equals(hit.getId()))
                      .findFirst()
                      .orElseThrow());
      double cos = 0;
      for (int i = 0; i < q.length; i++) {
        cos += q[i] * d[i];
      }
      assertThat(hit.getScore()).isCloseTo(Math.max(0, cos), within(1e-5));
      assertThat((Double) hit.getMetadata().get("distance")).isCloseTo(1 - cos, within(1e-5));
    }
    assertThat(hits).isSortedAccordingTo((a, b) -> Double.compare(b.getScore(), a.getScore()));
    assertThat(store.similaritySearch(query("bread").topK(0).build())).isEmpty();
  }

  @Test
  void similarityThresholdIsAppliedExactly() {
    List<Document> all = store.similaritySearch(query("baking bread at home").topK(5).build());
    assertThat(all).hasSize(5);
    double second = all.get(1).getScore();
    assertThat(
            store.similaritySearch(
                query("baking bread at home").topK(5).similarityThreshold(second).build()))
        .extracting(Document::getId)
        .containsExactly(all.get(0).getId(), all.get(1).getId());
    assertThat(
            store.similaritySearch(
                query("baking bread at home")
                    .topK(5)
                    .similarityThreshold(Math.nextUp(second))
                    .build()))
        .extracting(Document::getId)
        .containsExactly(all.get(0).getId());
  }

  @Test
  void textAndBuilderFiltersSelectTheSameDocuments() {
    FilterExpressionBuilder b = new FilterExpressionBuilder();
    String text = "topic == 'search' && year >= 2020 || topic IN ['travel'] && NOT (year < 2022)";
    var built =
        b.or(
                b.and(b.eq("topic", "search"), b.gte("year", 2020)),
                b.and(b.in("topic", "travel"), b.not(b.lt("year", 2022))))
            .build();
    List<String> viaText =
        ids(store.similaritySearch(query("anything").topK(5).filterExpression(text).build()));
    List<String> viaBuilder =
        ids(store.similaritySearch(query("anything").topK(5).filterExpression(built).build()));
    assertThat(viaText).containsExactlyInAnyOrder("hnsw", "alps");
    assertThat(viaBuilder).isEqualTo(viaText);
    assertThat(
            ids(
                store.similaritySearch(
                    query("anything")
                        .topK(5)
                        .filterExpression("topic NIN ['search', 'travel']")
                        .build())))
        .containsExactlyInAnyOrder("bread", "pasta");
    assertThat(
            ids(
                store.similaritySearch(
                    query("anything")
                        .topK(5)
                        .filterExpression("year != 2019 && year > 2020")
                        .build())))
        .containsExactlyInAnyOrder("hnsw", "bread", "pasta", "alps");
  }

  @Test
  void orderingOnStringsIsCodePointOrder() {
    assertThat(
            ids(
                store.similaritySearch(
                    query("anything").topK(10).filterExpression("topic > 'search'").build())))
        .containsExactly("alps");
  }

  @Test
  void filtersQuarryCannotApplyAreErrorsNotIgnored() {
    assertThatThrownBy(
            () ->
                store.similaritySearch(
                    query("anything").filterExpression("year == 'recent'").build()))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("holds long values");
  }

  @Test
  void deleteByIdsAndByFilter(@TempDir Path dir) {
    try (QuarryVectorStore s = QuarryVectorStore.builder(dir).build()) {
      s.add(DOCS);
      s.delete(List.of("hnsw", "missing"));
      s.delete("topic == 'baking' || year < 2020");
      assertThat(ids(s.similaritySearch(query("anything").topK(10).build())))
          .containsExactlyInAnyOrder("pasta", "alps");
      s.delete(new FilterExpressionBuilder().eq("topic", "travel").build());
      assertThat(ids(s.similaritySearch(query("anything").topK(10).build())))
          .containsExactly("pasta");
    }
  }

  @Test
  void addingAnExistingIdReplacesTheDocument(@TempDir Path dir) {
    try (QuarryVectorStore s = QuarryVectorStore.builder(dir).build()) {
      s.add(List.of(new Document("a", "first text", Map.of("v", 1))));
      s.add(List.of(new Document("a", "second text", Map.of("v", 2))));
      List<Document> hits = s.similaritySearch(query("text").topK(10).build());
      assertThat(hits).hasSize(1);
      assertThat(hits.get(0).getText()).isEqualTo("second text");
      assertThat(hits.get(0).getMetadata()).containsEntry("v", 2);
    }
  }

  /** Spring AI has no "as of": a document dated in the future is found like any other. */
  @Test
  void futureDatesDoNotHideDocuments(@TempDir Path dir) {
    try (QuarryVectorStore s = QuarryVectorStore.builder(dir).build()) {
      s.add(List.of(new Document("f", "a launch plan", Map.of("date", LocalDate.of(2999, 1, 1)))));
      assertThat(ids(s.similaritySearch(query("launch plan").build()))).containsExactly("f");
      assertThat(
              ids(
                  s.similaritySearch(
                      query("launch plan").filterExpression("date > '2900-01-01'").build())))
          .containsExactly("f");
    }
  }

  @Test
  void closeAndReopenGivesBackEveryDocumentWithTypedMetadataAndTheSameResults(@TempDir Path dir) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("string", "BG");
    metadata.put("int", 2020);
    metadata.put("long", 1L << 40);
    metadata.put("short", (short) 7);
    metadata.put("byte", (byte) -3);
    metadata.put("float", 1.25f);
    metadata.put("double", 0.1);
    metadata.put("bool", true);
    metadata.put("instant", Instant.parse("2024-05-01T10:15:30.123456789Z"));
    metadata.put("localDate", LocalDate.of(2024, 5, 1));
    metadata.put("utilDate", new Date(1714557330123L));
    metadata.put("days", List.of(LocalDate.of(2024, 1, 1), LocalDate.of(2024, 2, 1)));
    metadata.put("tags", List.of("a", "b"));
    metadata.put("ints", List.of(1, 2, 3));
    metadata.put("one", List.of(4.5));
    List<Document> docs =
        List.of(
            new Document("typed", "Graph indexes and vector search", metadata),
            new Document("plain", "Sourdough bread", Map.of("string", "NL")));
    SearchRequest request = query("vector search").topK(5).build();
    List<Document> before;
    Path path = dir.resolve("reopen");
    try (QuarryVectorStore s =
        QuarryVectorStore.builder(path).encoding(VectorEncoding.INT8).build()) {
      s.add(docs);
      before = s.similaritySearch(request);
    }
    try (QuarryVectorStore s = QuarryVectorStore.builder(path).build()) {
      for (Document d : docs) {
        Document back = s.get(d.getId()).orElseThrow();
        assertThat(back.getText()).isEqualTo(d.getText());
        // Map and list equality compare element types too: 2020 (Integer) is not 2020L.
        assertThat(back.getMetadata()).isEqualTo(d.getMetadata());
      }
      assertThat(s.get("typed").orElseThrow().getMetadata().get("int"))
          .isExactlyInstanceOf(Integer.class);
      List<Document> after = s.similaritySearch(request);
      assertThat(after).isEqualTo(before);
      assertThat(after)
          .extracting(Document::getScore)
          .isEqualTo(before.stream().map(Document::getScore).toList());
      assertThat(((Quarry) s.getNativeClient().orElseThrow()).collection().config().encoding())
          .isEqualTo(VectorEncoding.INT8);
    }
  }

  @Test
  void operationsAreObserved(@TempDir Path dir) {
    TestObservationRegistry registry = TestObservationRegistry.create();
    try (QuarryVectorStore s =
        QuarryVectorStore.builder(dir).observationRegistry(registry).build()) {
      s.add(DOCS);
      s.similaritySearch(query("bread").build());
    }
    TestObservationRegistryAssert.assertThat(registry)
        .doesNotHaveAnyRemainingCurrentObservation()
        .hasNumberOfObservationsWithNameEqualTo(
            DefaultVectorStoreObservationConvention.DEFAULT_NAME, 2)
        .hasHandledContextsThatSatisfy(
            contexts ->
                assertThat(contexts)
                    .extracting(c -> c.getContextualName())
                    .containsExactly("quarry add", "quarry query"));
  }

  /** A collection indexed by Quarry itself (CLI, Quarry.upsert) opens as a Spring AI store. */
  @Test
  void documentsWrittenByQuarryComeBackWithQuarrysTypes(@TempDir Path dir) {
    try (Quarry quarry = Quarry.create(dir, QuarryConfig.DEFAULTS)) {
      quarry.upsert(
          List.of(
              new TextDocument(
                  "n1",
                  "HNSW",
                  "Graph indexes find nearest neighbours.",
                  Map.of("year", 2024, "tags", List.of("search", "graphs"), "one", List.of("x")))));
    }
    try (QuarryVectorStore s = QuarryVectorStore.builder(dir).build()) {
      Document back = s.similaritySearch(query("graph search").build()).get(0);
      assertThat(back.getMetadata())
          .containsEntry("year", 2024L)
          .containsEntry("tags", List.of("search", "graphs"))
          .containsEntry("one", "x");
    }
  }

  @Test
  void reopeningWithAnotherModelIsRefused(@TempDir Path dir) {
    QuarryVectorStore.builder(dir).build().close();
    assertThatThrownBy(() -> QuarryVectorStore.builder(dir).model("all-minilm-l6-v2-q").build())
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("was built with all-minilm-l6-v2");
  }

  @Test
  void unsupportedMetadataIsRejectedWithTheKey() {
    assertThatThrownBy(
            () -> store.add(List.of(new Document("x", "t", Map.of("nested", Map.of("a", 1))))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("metadata 'nested'");
    assertThatThrownBy(
            () ->
                store.add(
                    List.of(new Document("x", "t", Map.of(MetadataCodec.LEGACY_TYPES_FIELD, "a")))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("reserved");
    assertThatThrownBy(
            () -> store.add(List.of(new Document("x", "t", Map.of("quarry.types", "a")))))
        .isInstanceOf(QuarryException.class)
        .hasMessage(
            "document 'x': metadata field 'quarry.types' uses the prefix 'quarry.' reserved for"
                + " Quarry's own fields; rename it (e.g. 'types')");
    assertThatThrownBy(() -> store.add(List.of(new Document("x", "t", Map.of("year", "2020")))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("field 'year' is long in this collection");
    assertThat(store.get("x")).isEmpty();
  }
}
