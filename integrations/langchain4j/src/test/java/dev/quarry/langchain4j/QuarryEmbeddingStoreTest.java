package dev.quarry.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.quarry.index.Document;
import dev.quarry.index.VectorEncoding;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Persistence across close and reopen, metadata type fidelity, and the score mapping. */
class QuarryEmbeddingStoreTest {
  @TempDir Path dir;

  private static final List<String> TOPICS =
      List.of(
          "Lucene builds HNSW graphs for approximate nearest neighbour search",
          "A chocolate cake needs butter, sugar, eggs and cocoa",
          "The Nimbus phone has a new camera and a bigger battery",
          "Sourdough bread rises slowly with a natural starter",
          "Vector quantization trades a little recall for memory",
          "jQuery's slideToggle animates a dropdown menu",
          "Marathon training alternates long runs and rest days",
          "RocksDB writes go to a log before the memtable");

  @Test
  void closeAndReopenGivesBackEverySegmentAndTheSameSearches() {
    Path path = dir.resolve("rag");
    Map<String, TextSegment> segments = new LinkedHashMap<>();
    Map<String, Embedding> embeddings = new LinkedHashMap<>();
    List<String> ids = new ArrayList<>();
    List<Embedding> vectors = new ArrayList<>();
    List<TextSegment> texts = new ArrayList<>();
    for (int i = 0; i < 160; i++) {
      String text = TOPICS.get(i % TOPICS.size()) + " (note " + i + ")";
      Metadata m =
          new Metadata()
              .put("topic", i % TOPICS.size())
              .put("n", (long) i * 1_000_000_007L)
              .put("weight", i / 7f)
              .put("ratio", i / 3.0)
              .put("owner", new UUID(i, -i))
              .put("title", "note " + i);
      String id = "seg-" + i;
      TextSegment s = TextSegment.from(text, m);
      segments.put(id, s);
      ids.add(id);
      texts.add(s);
    }
    List<Embedding> all = TestModels.MINILM.embedAll(texts).content();
    vectors.addAll(all);
    for (int i = 0; i < ids.size(); i++) {
      embeddings.put(ids.get(i), all.get(i));
    }
    String bare;
    List<List<EmbeddingMatch<TextSegment>>> before = new ArrayList<>();
    try (QuarryEmbeddingStore store =
        QuarryEmbeddingStore.builder()
            .path(path)
            .embeddingModel(TestModels.MINILM)
            .encoding(VectorEncoding.INT8)
            .build()) {
      store.addAll(ids, vectors, texts);
      bare = store.add(TestModels.MINILM.embed("an embedding without a segment").content());
      before = searches(store);
    }

    try (QuarryEmbeddingStore store =
        QuarryEmbeddingStore.builder().path(path).embeddingModel(TestModels.MINILM).build()) {
      assertThat(store.collection().config().encoding()).isEqualTo(VectorEncoding.INT8);
      assertThat(store.collection().stats().documents()).isEqualTo(161);
      for (String id : ids) {
        Document d = store.collection().get(id).orElseThrow();
        TextSegment back = TextSegment.from(d.text(), MetadataCodec.fromQuarry(d.metadata()));
        assertThat(back).isEqualTo(segments.get(id));
        assertThat(back.metadata().toMap())
            .allSatisfy(
                (k, v) -> assertThat(v).hasSameClassAs(segments.get(id).metadata().toMap().get(k)));
        assertThat(d.vector()).isEqualTo(embeddings.get(id).vector());
      }
      assertThat(store.collection().get(bare).orElseThrow().text()).isNull();
      assertThat(searches(store)).isEqualTo(before);
    }
  }

  private static List<List<EmbeddingMatch<TextSegment>>> searches(QuarryEmbeddingStore store) {
    List<Filter> filters =
        List.of(
            metadataKey("topic").isEqualTo(2),
            metadataKey("weight").isGreaterThan(10f),
            metadataKey("owner").isIn(new UUID(3, -3), new UUID(11, -11)),
            metadataKey("title")
                .containsString("note 1")
                .and(metadataKey("ratio").isLessThan(40.0)));
    List<List<EmbeddingMatch<TextSegment>>> out = new ArrayList<>();
    for (String q : List.of("how do vector indexes work?", "baking a cake", "phone camera")) {
      Embedding query = TestModels.MINILM.embed(q).content();
      out.add(
          store
              .search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(10).build())
              .matches());
      for (Filter f : filters) {
        out.add(
            store
                .search(
                    EmbeddingSearchRequest.builder()
                        .queryEmbedding(query)
                        .maxResults(10)
                        .filter(f)
                        .build())
                .matches());
      }
    }
    assertThat(out).allSatisfy(matches -> assertThat(matches).isNotEmpty());
    return out;
  }

  @Test
  void scoresAreLangChain4jRelevanceAndMinScoreIsExact() {
    try (QuarryEmbeddingStore store = TestModels.store(dir.resolve("scores"))) {
      List<TextSegment> texts = TOPICS.stream().map(TextSegment::from).toList();
      List<Embedding> vectors = TestModels.MINILM.embedAll(texts).content();
      store.addAll(vectors, texts);
      Embedding query = TestModels.MINILM.embed("baking bread and cakes").content();
      List<EmbeddingMatch<TextSegment>> all =
          store
              .search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(8).build())
              .matches();
      assertThat(all).hasSize(8);
      for (EmbeddingMatch<TextSegment> m : all) {
        double cos = dev.langchain4j.store.embedding.CosineSimilarity.between(query, m.embedding());
        assertThat(m.score()).isCloseTo((cos + 1) / 2, org.assertj.core.data.Offset.offset(1e-6));
      }
      double third = all.get(2).score();
      assertThat(search(store, query, third)).hasSize(3);
      assertThat(search(store, query, Math.nextUp(third))).hasSize(2);
    }
  }

  private static List<EmbeddingMatch<TextSegment>> search(
      QuarryEmbeddingStore store, Embedding query, double minScore) {
    return store
        .search(
            EmbeddingSearchRequest.builder()
                .queryEmbedding(query)
                .maxResults(8)
                .minScore(minScore)
                .build())
        .matches();
  }
}
