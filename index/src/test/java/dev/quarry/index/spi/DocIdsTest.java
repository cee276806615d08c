package dev.quarry.index.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.RandomCases;
import java.io.IOException;
import java.util.Random;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * Ids come from the doc values where an index has them and from the stored field where it does not
 * (written before decision 0181; Lucene keeps a field's doc values type for the whole index), for
 * documents asked in any order over several segments of both kinds. The seed is printed.
 */
class DocIdsTest {

  @Test
  void idsOfDocumentsWithAndWithoutDocValuesInAnyOrder() throws IOException {
    long seed = RandomCases.seed();
    System.out.printf(
        "DocIdsTest: seed=%d (re-run with -D%s=%d)%n", seed, RandomCases.SEED_PROPERTY, seed);
    Random random = new Random(seed);
    try (Directory withValues = index(random, true, "new");
        Directory without = index(random, false, "old");
        DirectoryReader a = DirectoryReader.open(withValues);
        DirectoryReader b = DirectoryReader.open(without);
        MultiReader reader = new MultiReader(new IndexReader[] {a, b}, false)) {
      IndexSearcher searcher = new IndexSearcher(reader);
      assertThat(reader.leaves()).hasSizeGreaterThan(4);
      int[] docs = new int[60];
      for (int i = 0; i < docs.length; i++) {
        docs[i] = random.nextInt(reader.maxDoc());
      }
      String[] ids = DocIds.of(searcher, docs);
      for (int i = 0; i < docs.length; i++) {
        String stored = searcher.storedFields().document(docs[i]).get(IndexFields.ID);
        assertThat(ids[i]).as("doc %d", docs[i]).isEqualTo(stored);
        assertThat(DocIds.of(searcher, docs[i])).isEqualTo(stored);
      }
    }
  }

  /** Three segments of documents, their ids with doc values or without. */
  private static Directory index(Random random, boolean docValues, String prefix)
      throws IOException {
    Directory dir = new ByteBuffersDirectory();
    IndexWriterConfig config = new IndexWriterConfig(new StandardAnalyzer());
    config.setMergePolicy(NoMergePolicy.INSTANCE);
    try (IndexWriter writer = new IndexWriter(dir, config)) {
      int count = 0;
      for (int segment = 0; segment < 3; segment++) {
        for (int i = 0; i < 20 + random.nextInt(50); i++) {
          writer.addDocument(doc(prefix + "-" + count++ + "-" + random.nextInt(1000), docValues));
        }
        writer.commit();
      }
    }
    return dir;
  }

  private static Document doc(String id, boolean docValues) {
    Document doc = new Document();
    doc.add(new StringField(IndexFields.ID, id, Field.Store.YES));
    if (docValues) {
      doc.add(new BinaryDocValuesField(IndexFields.ID, new BytesRef(id)));
    }
    return doc;
  }
}
