package dev.quarry.bench.ann;

import dev.quarry.index.HnswParams;
import dev.quarry.index.spi.LuceneAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.codecs.KnnVectorsFormat;
import org.apache.lucene.codecs.lucene104.Lucene104Codec;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;

/**
 * The peer: a plain Lucene index (a stored string id and a float32 HNSW field per document)
 * searched with {@link KnnFloatVectorQuery}. Its writer flushes and merges as Quarry's does (RAM
 * buffer, merge policy, no compound files), so both end with the same segments from the same
 * documents; the run reports the segment counts of both.
 */
final class LuceneEngine implements AnnEngine {
  private static final String ID = "id";
  private static final String VECTOR = "vector";
  private final HnswParams hnsw;
  private Directory directory;
  private DirectoryReader reader;
  private IndexSearcher searcher;
  private Path dir;

  LuceneEngine(HnswParams hnsw) {
    this.hnsw = hnsw;
  }

  @Override
  public String name() {
    return "Lucene";
  }

  @Override
  public void build(AnnDataset dataset, Path dir) throws Exception {
    this.dir = dir;
    KnnVectorsFormat format = new Lucene99HnswVectorsFormat(hnsw.maxConn(), hnsw.beamWidth());
    IndexWriterConfig iwc = new IndexWriterConfig();
    iwc.setCodec(
        new Lucene104Codec() {
          @Override
          public KnnVectorsFormat getKnnVectorsFormatForField(String field) {
            return format;
          }
        });
    iwc.setRAMBufferSizeMB(256);
    iwc.setUseCompoundFile(false);
    TieredMergePolicy merges = new TieredMergePolicy();
    merges.setNoCFSRatio(0);
    iwc.setMergePolicy(merges);
    VectorSimilarityFunction similarity = LuceneAccess.similarityFunction(dataset.similarity());
    directory = FSDirectory.open(dir);
    try (IndexWriter writer = new IndexWriter(directory, iwc)) {
      List<float[]> base = dataset.base();
      for (int i = 0; i < base.size(); i++) {
        Document doc = new Document();
        doc.add(new StringField(ID, Integer.toString(i), Field.Store.YES));
        doc.add(new KnnFloatVectorField(VECTOR, base.get(i), similarity));
        writer.addDocument(doc);
      }
      writer.commit();
    }
    reader = DirectoryReader.open(directory);
    searcher = new IndexSearcher(reader);
  }

  /**
   * {@code ef} is KnnFloatVectorQuery's k: the size of the HNSW candidate queue, as in Quarry; the
   * top {@code k} of its results are kept and their stored ids read, which is what a caller needs.
   */
  @Override
  public int[] search(float[] query, int k, int ef) throws Exception {
    TopDocs top = searcher.search(new KnnFloatVectorQuery(VECTOR, query, ef), k);
    StoredFields stored = searcher.storedFields();
    ScoreDoc[] docs = top.scoreDocs;
    int[] ids = new int[docs.length];
    for (int i = 0; i < docs.length; i++) {
      ids[i] = Integer.parseInt(stored.document(docs[i].doc, Set.of(ID)).get(ID));
    }
    return ids;
  }

  @Override
  public long indexBytes() throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      long total = 0;
      for (Path p : files.toList()) {
        total += Files.size(p);
      }
      return total;
    }
  }

  @Override
  public int segments() {
    return reader.leaves().size();
  }

  @Override
  public void close() throws Exception {
    if (reader != null) {
      reader.close();
    }
    if (directory != null) {
      directory.close();
    }
  }
}
