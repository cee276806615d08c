package dev.quarry.index.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.Similarity;
import dev.quarry.index.spi.IndexFields;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfos;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * New indexes keep ids as doc values too (decision 0181); an index written before, whose ids have
 * none, keeps taking documents in its own layout (Lucene refuses a field that changes its doc
 * values type) and its hits still name their ids.
 */
class IdDocValuesTest {
  private static final CollectionConfig CONFIG = CollectionConfig.forVectors(4, Similarity.COSINE);

  @TempDir Path dir;

  @Test
  void anIndexWhoseIdsHaveNoDocValuesKeepsTakingDocuments() throws IOException {
    Path old = dir.resolve("old");
    writeWithoutIdDocValues(old);
    assertIdsAndDocValues(old, DocValuesType.NONE);
  }

  /** An index as Quarry wrote them before decision 0181: the id a stored, indexed string only. */
  private static void writeWithoutIdDocValues(Path path) throws IOException {
    try (Directory d = IndexDirectory.open(path);
        IndexWriter w =
            new IndexWriter(d, new IndexWriterConfig().setCodec(VectorFormats.codec(CONFIG)))) {
      var doc = new org.apache.lucene.document.Document();
      doc.add(new StringField(IndexFields.ID, "before", Field.Store.YES));
      doc.add(
          new KnnFloatVectorField(
              IndexFields.VECTOR, new float[] {1, 0, 0, 0}, VectorSimilarityFunction.DOT_PRODUCT));
      w.addDocument(doc);
      w.commit();
    }
  }

  @Test
  void shardsOfAnotherIdLayoutAreRefusedBeforeAnythingIsCopied() throws IOException {
    Path old = dir.resolve("old-shard");
    writeWithoutIdDocValues(old);
    try (LuceneIndex shard = LuceneIndex.open(old, CONFIG, null, TextAnalysis.analyzer(), true);
        LuceneIndex target =
            LuceneIndex.open(dir.resolve("new"), CONFIG, null, TextAnalysis.analyzer(), false)) {
      target.upsert(doc("kept", 1, 0), new float[] {1, 0, 0, 0});
      assertThatThrownBy(() -> target.addIndexes(List.of(shard), 0))
          .isInstanceOf(QuarryException.class)
          .hasMessageContaining("keeps document ids in another layout")
          .hasMessageContaining("rebuild the older one");
      assertThat(target.exact(new float[] {1, 0, 0, 0}, 5, null))
          .extracting(Hit::id)
          .containsExactly("kept");
    }
  }

  @Test
  void aNewIndexKeepsIdsAsDocValues() throws IOException {
    assertIdsAndDocValues(dir.resolve("new"), DocValuesType.BINARY);
  }

  private static void assertIdsAndDocValues(Path path, DocValuesType expected) throws IOException {
    try (LuceneIndex index = LuceneIndex.open(path, CONFIG, null, TextAnalysis.analyzer(), false)) {
      if (!index.hasCommit()) {
        index.upsert(doc("before", 1, 0), new float[] {1, 0, 0, 0});
      }
      index.upsert(doc("after", 0.8f, 0.6f), new float[] {0.8f, 0.6f, 0, 0});
      index.commit(2);
      assertThat(index.exact(new float[] {1, 0, 0, 0}, 2, null))
          .extracting(Hit::id)
          .containsExactly("before", "after");
    }
    try (Directory d = IndexDirectory.open(path);
        DirectoryReader reader = DirectoryReader.open(d)) {
      assertThat(
              FieldInfos.getMergedFieldInfos(reader).fieldInfo(IndexFields.ID).getDocValuesType())
          .isEqualTo(expected);
    }
  }

  private static Document doc(String id, float x, float y) {
    return Document.builder(id).vector(new float[] {x, y, 0, 0}).build();
  }
}
