package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Similarity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterDescriberTest {
  @TempDir Path dir;

  @Test
  void keywordsLeaveOutStopWordsAndNoiseIsNotDescribed() {
    List<Document> docs = new ArrayList<>();
    String[] texts = {
      "how your compost heap were turning warm",
      "how your compost bin were full",
      "sourdough starter rising",
      "sourdough loaf baked",
      "kayak drifting"
    };
    // Without the stop list, "how", "were" and "your" would tie with "compost" in cluster 0 (in
    // each of its documents, in no other) and push "bin" and "full" out of its top 3.
    for (int i = 0; i < texts.length; i++) {
      float[] v = new float[4];
      v[i / 2] = 1;
      docs.add(Document.builder("d" + i).title("t" + i).text(texts[i]).vector(v).build());
    }
    try (Collection c = Collection.create(dir, CollectionConfig.forVectors(4, Similarity.COSINE))) {
      c.upsert(docs);
      c.commit();
      Points points = Points.of(c, "cluster");
      List<float[]> vectors = new ArrayList<>();
      points.documents().forEach(d -> vectors.add(d.vector()));
      Clustering clustering =
          Clustering.withMeans(new int[] {0, 0, 1, 1, Clustering.NOISE}, vectors, 2);
      List<ClusterSummary> summaries =
          new ClusterDescriber(c.lucene().analyzer()).describe(points, clustering, 3);
      assertThat(summaries).hasSize(2);
      assertThat(summaries.get(0).keywords()).containsExactly("compost", "bin", "full");
      assertThat(summaries.get(1).keywords()).first().isEqualTo("sourdough");
      assertThat(summaries)
          .flatMap(ClusterSummary::keywords)
          .doesNotContain("how", "your", "were", "kayak");
    }
  }
}
