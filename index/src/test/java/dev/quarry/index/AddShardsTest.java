package dev.quarry.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shards of one offline job merged into one collection: every document once, with its metadata
 * schema, searchable and verified; overlapping shards and foreign configurations are refused.
 */
class AddShardsTest {
  private static final int DIMS = 8;

  @TempDir Path dir;

  private static CollectionConfig config() {
    return CollectionConfig.forVectors(DIMS, Similarity.COSINE);
  }

  private Path shard(String name, int from, int count, CollectionConfig config) {
    Path p = dir.resolve(name);
    Random r = new Random(from);
    try (Collection c = Collection.create(p, config)) {
      List<Document> docs = new ArrayList<>();
      for (int i = from; i < from + count; i++) {
        float[] v = new float[DIMS];
        for (int d = 0; d < DIMS; d++) {
          v[d] = (float) r.nextGaussian();
        }
        v[0] = Math.abs(v[0]) + 0.1f;
        docs.add(
            Document.builder("doc-" + i)
                .text("text " + i)
                .meta(name.equals("a") ? "year" : "topic", name.equals("a") ? i : "t" + i)
                .vector(v)
                .build());
      }
      c.upsert(docs);
    }
    return p;
  }

  @Test
  void mergesEveryDocumentOnceWithTheFieldsOfAllShards() {
    List<Path> shards = List.of(shard("a", 0, 30, config()), shard("b", 30, 20, config()));
    Path merged = dir.resolve("merged");
    try (Collection c = Collection.create(merged, config())) {
      assertThat(c.addShards(shards, 0)).isEqualTo(50);
      assertThat(c.fields()).containsOnlyKeys("year", "topic");
      assertThat(c.stats().segments()).isEqualTo(2);
    }
    try (Collection c = Collection.openReadOnly(merged)) {
      VerifyReport report = c.verify();
      assertThat(report.ok()).as(report.toString()).isTrue();
      assertThat(report.storeDocuments()).isEqualTo(50);
      assertThat(report.indexDocuments()).isEqualTo(50);
      float[] v = c.get("doc-42").orElseThrow().vector();
      assertThat(c.search(v, 1, KnnOptions.DEFAULTS).getFirst().id()).isEqualTo("doc-42");
      assertThat(c.get("doc-3").orElseThrow().metadata()).isEqualTo(Map.of("year", List.of(3L)));
    }
  }

  @Test
  void mergesDownToTheSegmentsAsked() {
    List<Path> shards = List.of(shard("a", 0, 10, config()), shard("b", 10, 10, config()));
    try (Collection c = Collection.create(dir.resolve("merged"), config())) {
      c.addShards(shards, 1);
      assertThat(c.stats().segments()).isEqualTo(1);
      assertThat(c.verify().ok()).isTrue();
    }
  }

  @Test
  void refusesShardsThatShareIds() {
    List<Path> shards = List.of(shard("a", 0, 10, config()), shard("b", 5, 10, config()));
    try (Collection c = Collection.create(dir.resolve("merged"), config())) {
      assertThatThrownBy(() -> c.addShards(shards, 0))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining("document 'doc-5'")
          .hasMessageContaining("disjoint ids");
      assertThat(c.verify().ok()).as("what was copied is indexed").isTrue();
    }
  }

  @Test
  void refusesAShardOfAnotherConfiguration() {
    Path other = shard("b", 10, 5, config().withEncoding(VectorEncoding.INT8));
    List<Path> shards = List.of(shard("a", 0, 5, config()), other);
    try (Collection c = Collection.create(dir.resolve("merged"), config())) {
      assertThatThrownBy(() -> c.addShards(shards, 0))
          .hasMessageContaining("shard " + other + " was built with another configuration");
      assertThat(c.stats().documents()).isZero();
    }
  }
}
