package dev.quarry.index.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.spi.IndexFields;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.codecs.lucene99.Lucene99HnswVectorsReader;
import org.apache.lucene.codecs.perfield.PerFieldKnnVectorsFormat;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.CodecReader;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.hnsw.RandomVectorScorer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The in-place scorer gives Lucene's scores for Lucene's codes, node by node, and the walk built on
 * it finds what Lucene's own quantized walk finds, deleted documents left out, when the query is
 * quantized as Lucene quantizes it; quantized as searches do, nearly the same. A Lucene upgrade
 * that changes the format's layout or formula fails here. The seed is printed (re-run with
 * -Dquarry.seed=N).
 */
class InPlaceCodeScorerTest {
  private static final int DOCS = 700;

  @TempDir Path dir;

  @ParameterizedTest
  @CsvSource({
    "INT8, COSINE, 100",
    "INT8, EUCLIDEAN, 37",
    "BINARY, COSINE, 100",
    "BINARY, EUCLIDEAN, 200"
  })
  void scoresEqualLucenes(VectorEncoding encoding, Similarity similarity, int dims)
      throws Exception {
    long seed = seed();
    Random random = new Random(seed);
    CollectionConfig config = CollectionConfig.forVectors(dims, similarity).withEncoding(encoding);
    VectorSimilarityFunction function = VectorFormats.similarity(similarity);
    try (Directory directory = FSDirectory.open(dir)) {
      IndexWriterConfig iwc = new IndexWriterConfig().setCodec(VectorFormats.codec(config));
      try (IndexWriter writer = new IndexWriter(directory, iwc)) {
        for (int i = 0; i < DOCS; i++) {
          Document doc = new Document();
          doc.add(new StringField("n", Integer.toString(i), Field.Store.NO));
          doc.add(
              new KnnFloatVectorField(
                  IndexFields.VECTOR, vector(random, dims, similarity), function));
          writer.addDocument(doc);
        }
        writer.forceMerge(1);
        // Deleted documents keep their codes and graph nodes; the walk must never return them.
        for (int i = 0; i < DOCS; i += 7) {
          writer.deleteDocuments(new Term("n", Integer.toString(i)));
        }
        writer.commit();
      }
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReaderContext leaf = reader.leaves().get(0);
        for (int q = 0; q < 10; q++) {
          float deviation = 0;
          float[] query = vector(random, dims, similarity);
          RandomVectorScorer lucene = luceneScorer(leaf, query);
          QuantizedWalk.Segment segment = QuantizedWalk.Segment.of(leaf);
          InPlaceCodeScorer ours =
              InPlaceCodeScorer.of(
                  segment.values(),
                  segment.codes(),
                  function,
                  query,
                  segment.values().getQuantizer());
          RandomVectorScorer cheap = segment.scorer(query);
          int[] nodes = new int[DOCS];
          float[] bulk = new float[DOCS];
          Arrays.setAll(nodes, i -> i);
          ours.bulkScore(nodes, bulk, DOCS);
          for (int ord = 0; ord < DOCS; ord++) {
            float expected = lucene.score(ord);
            assertThat(ours.score(ord)).as("ord %d", ord).isCloseTo(expected, within(1e-5f));
            assertThat(bulk[ord]).isEqualTo(ours.score(ord));
            deviation = Math.max(deviation, Math.abs(cheap.score(ord) - expected));
          }
          IndexSearcher searcher = new IndexSearcher(reader);
          ScoreDoc[] expected =
              searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, query, 40), 40).scoreDocs;
          ScoreDoc[] walked = segment.walk(ours, 40);
          assertThat(docs(walked)).isEqualTo(docs(expected));
          ScoreDoc[] cheaply = QuantizedWalk.candidates(searcher, query, 40);
          // Searches quantize the query without Lucene's interval search (decision 0179): scores
          // move by a small share of their spread (8-bit queries far less than 4-bit ones), and
          // the walk keeps nearly the same candidates.
          boolean int8 = encoding == VectorEncoding.INT8;
          assertThat(deviation).isLessThanOrEqualTo((int8 ? 0.01f : 0.1f) * spread(lucene));
          assertThat(common(cheaply, expected)).isGreaterThanOrEqualTo(int8 ? 38 : 32);
          Bits live = leaf.reader().getLiveDocs();
          assertThat(live).isNotNull();
          assertThat(walked).allSatisfy(h -> assertThat(live.get(h.doc)).isTrue());
        }
      }
    }
  }

  private static RandomVectorScorer luceneScorer(LeafReaderContext leaf, float[] query)
      throws Exception {
    var perField =
        (PerFieldKnnVectorsFormat.FieldsReader) ((CodecReader) leaf.reader()).getVectorReader();
    var hnsw = (Lucene99HnswVectorsReader) perField.getFieldReader(IndexFields.VECTOR);
    return hnsw.getFlatVectorsReader().getRandomVectorScorer(IndexFields.VECTOR, query);
  }

  private static float spread(RandomVectorScorer scorer) throws java.io.IOException {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int ord = 0; ord < DOCS; ord++) {
      min = Math.min(min, scorer.score(ord));
      max = Math.max(max, scorer.score(ord));
    }
    return max - min;
  }

  private static int common(ScoreDoc[] a, ScoreDoc[] b) {
    java.util.Set<Integer> in = new java.util.HashSet<>();
    for (int d : docs(a)) {
      in.add(d);
    }
    return (int) Arrays.stream(docs(b)).filter(in::contains).count();
  }

  private static int[] docs(ScoreDoc[] hits) {
    return Arrays.stream(hits).mapToInt(h -> h.doc).sorted().toArray();
  }

  /** Cosine: unit vectors (Quarry normalizes them on write); Euclidean: raw, not centred. */
  private static float[] vector(Random random, int dims, Similarity similarity) {
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) (random.nextGaussian() + (similarity == Similarity.EUCLIDEAN ? 3 : 0));
      norm += v[i] * v[i];
    }
    if (similarity == Similarity.COSINE) {
      for (int i = 0; i < dims; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  private static long seed() {
    String fixed = System.getProperty("quarry.seed");
    long seed = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
    System.out.println(
        "InPlaceCodeScorerTest: seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    return seed;
  }
}
