package dev.quarry.index.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Similarity;
import dev.quarry.index.spi.IndexFields;
import dev.quarry.testing.RandomCases;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.apache.lucene.codecs.hnsw.HnswGraphProvider;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.hnsw.HnswGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Our float32 walk finds what Lucene's walk finds on the same graph (same documents, same scores up
 * to the last bit of rounding), deleted documents left out, segments merged; its recall against
 * exact search is therefore Lucene's. Random vectors from the test JVM's seed (printed; re-run with
 * -Dquarry.seed=N).
 */
class FloatWalkTest {
  private static final int DIMS = 24;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(
      value = Similarity.class,
      names = {"COSINE", "EUCLIDEAN"})
  void oneSegmentWalkEqualsLucenesAndRecallsAsWell(Similarity similarity) throws Exception {
    Random random = random("oneSegment " + similarity);
    try (Directory directory = FSDirectory.open(dir)) {
      write(directory, random, similarity, 2000, 1);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSize(1);
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int beam : new int[] {10, 24, 64}) {
          int[] found = new int[2];
          int swapped = 0;
          for (int q = 0; q < 30; q++) {
            float[] query = vector(random, similarity);
            ScoreDoc[] lucene = lucene(searcher, query, beam);
            ScoreDoc[] ours = FloatWalk.top(searcher, query, beam, beam);
            swapped += sameUpToTies(ours, lucene, "beam " + beam + " query " + q);
            assertThat(ours).allSatisfy(hit -> assertThat(live(reader, hit.doc)).isTrue());
            int[] truth = docs(exact(searcher, query));
            found[0] += overlap(docs(lucene), truth, 10);
            found[1] += overlap(docs(ours), truth, 10);
          }
          System.out.printf(
              "FloatWalkTest %s beam %d: recall@10 Lucene %.3f, ours %.3f%n",
              similarity, beam, found[0] / 300.0, found[1] / 300.0);
          assertThat(found[1]).isGreaterThanOrEqualTo(found[0] - swapped);
        }
      }
    }
  }

  /**
   * Several segments: Lucene's query shares the beam among them, so the walk leaves them to it; a
   * beam as large as the index makes both exact.
   */
  @Test
  void severalSegmentsAreLeftToLucene() throws Exception {
    Random random = random("segments");
    try (Directory directory = FSDirectory.open(dir)) {
      write(directory, random, Similarity.EUCLIDEAN, 600, 0);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        assertThat(reader.leaves()).hasSizeGreaterThan(1);
        IndexSearcher searcher = new IndexSearcher(reader);
        assertThat(FloatWalk.top(searcher, vector(random, Similarity.EUCLIDEAN), 200, 10)).isNull();
      }
    }
  }

  /** A segment no larger than the beam: every live vector scored, the exact answer. */
  @Test
  void smallSegmentIsScoredWholeWithoutDeletedDocuments() throws Exception {
    Random random = random("small");
    try (Directory directory = FSDirectory.open(dir)) {
      write(directory, random, Similarity.EUCLIDEAN, 150, 1);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        IndexSearcher searcher = new IndexSearcher(reader);
        for (int q = 0; q < 20; q++) {
          float[] query = vector(random, Similarity.EUCLIDEAN);
          ScoreDoc[] ours = FloatWalk.top(searcher, query, 200, 10);
          assertThat(docs(ours)).isEqualTo(docs(exact(searcher, query)));
          assertThat(ours).allSatisfy(hit -> assertThat(live(reader, hit.doc)).isTrue());
        }
      }
    }
  }

  /** The walk's scorer reads each vector's first word ahead; its scores are the wrapped one's. */
  @Test
  void touchingScorerScoresAsTheScorerItWraps() throws Exception {
    Random random = random("touching");
    try (Directory directory = FSDirectory.open(dir)) {
      write(directory, random, Similarity.COSINE, 500, 1);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReaderContext leaf = reader.leaves().get(0);
        float[] query = vector(random, Similarity.COSINE);
        org.apache.lucene.util.hnsw.RandomVectorScorer plain =
            VectorFormats.floatScorer(
                VectorFormats.vectorReader(leaf.reader()), IndexFields.VECTOR, query);
        org.apache.lucene.util.hnsw.RandomVectorScorer touching =
            TouchingScorer.of(plain, leaf.reader().getFloatVectorValues(IndexFields.VECTOR));
        assertThat(touching).isInstanceOf(TouchingScorer.class); // a mapped file: one slice
        int[] nodes = random.ints(40, 0, plain.maxOrd()).toArray();
        float[] scores = new float[nodes.length];
        float[] expected = new float[nodes.length];
        touching.bulkScore(nodes, scores, nodes.length);
        plain.bulkScore(nodes, expected, nodes.length);
        assertThat(scores).containsExactly(expected);
        assertThat(touching.score(nodes[1])).isEqualTo(plain.score(nodes[1]));
        assertThat(touching.maxOrd()).isEqualTo(plain.maxOrd());
        assertThat(touching.ordToDoc(nodes[0])).isEqualTo(plain.ordToDoc(nodes[0]));
      }
    }
  }

  @Test
  void decodedListsAreLucenesLists() throws Exception {
    Random random = random("decoded");
    try (Directory directory = FSDirectory.open(dir)) {
      write(directory, random, Similarity.COSINE, 2000, 1);
      try (DirectoryReader reader = DirectoryReader.open(directory)) {
        LeafReaderContext leaf = reader.leaves().get(0);
        HnswGraphProvider graphs = (HnswGraphProvider) VectorFormats.vectorReader(leaf.reader());
        HnswGraph lucene = graphs.getGraph(IndexFields.VECTOR);
        DecodedGraph ours =
            DecodedGraph.of(leaf.reader(), () -> graphs.getGraph(IndexFields.VECTOR));
        assertThat(DecodedGraph.of(leaf.reader(), () -> null)).isSameAs(ours);
        assertThat(lucene.numLevels()).isGreaterThan(1);
        assertThat(ours.numLevels()).isEqualTo(lucene.numLevels());
        assertThat(ours.entryNode()).isEqualTo(lucene.entryNode());
        for (int level = 0; level < lucene.numLevels(); level++) {
          HnswGraph.NodesIterator nodes = lucene.getNodesOnLevel(level);
          while (nodes.hasNext()) {
            int node = nodes.nextInt();
            lucene.seek(level, node);
            int[] expected = new int[lucene.neighborCount()];
            for (int i = 0; i < expected.length; i++) {
              expected[i] = lucene.nextNeighbor();
            }
            DecodedGraph.Level decoded = ours.level(level);
            int index = decoded.indexOf(node);
            assertThat(index).isGreaterThanOrEqualTo(0);
            assertThat(
                    Arrays.copyOfRange(
                        decoded.neighbours(),
                        decoded.offsets()[index],
                        decoded.offsets()[index + 1]))
                .as("level %d node %d", level, node)
                .isEqualTo(expected);
          }
        }
      }
    }
  }

  /**
   * {@code docs} vectors, every seventh deleted afterwards; merged to {@code segments} (0: left as
   * flushed, a segment per 100 documents).
   */
  private static void write(
      Directory directory, Random random, Similarity similarity, int docs, int segments)
      throws Exception {
    CollectionConfig config = CollectionConfig.forVectors(DIMS, similarity);
    IndexWriterConfig iwc =
        new IndexWriterConfig().setCodec(VectorFormats.codec(config)).setMaxBufferedDocs(100);
    try (IndexWriter writer = new IndexWriter(directory, iwc)) {
      for (int i = 0; i < docs; i++) {
        Document doc = new Document();
        doc.add(new StringField("n", Integer.toString(i), Field.Store.NO));
        doc.add(
            new KnnFloatVectorField(
                IndexFields.VECTOR,
                vector(random, similarity),
                VectorFormats.similarity(similarity)));
        writer.addDocument(doc);
      }
      if (segments > 0) {
        writer.forceMerge(segments);
      }
      for (int i = 0; i < docs; i += 7) {
        writer.deleteDocuments(new Term("n", Integer.toString(i)));
      }
      writer.commit();
    }
  }

  private static ScoreDoc[] lucene(IndexSearcher searcher, float[] query, int beam)
      throws Exception {
    return lucene(searcher, query, beam, beam);
  }

  private static ScoreDoc[] lucene(IndexSearcher searcher, float[] query, int beam, int collect)
      throws Exception {
    return searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, query, beam), collect)
        .scoreDocs;
  }

  /** The exact top 10 (a beam as large as the collection makes Lucene score every vector). */
  private static ScoreDoc[] exact(IndexSearcher searcher, float[] query) throws Exception {
    return lucene(searcher, query, searcher.getIndexReader().maxDoc(), 10);
  }

  /**
   * The same documents in the same order with the same scores, except that Lucene scores some nodes
   * one at a time and we score them four at a time, which may round a score differently in its last
   * bit: at each rank the scores agree to 1e-6, and a different document there is one of the other
   * list's with that score (a near-tie taken in the other order). Answers how many ranks hold such
   * a swap.
   */
  private static int sameUpToTies(ScoreDoc[] ours, ScoreDoc[] lucene, String what) {
    assertThat(ours).as(what).isNotNull().hasSameSizeAs(lucene);
    int swapped = 0;
    for (int i = 0; i < ours.length; i++) {
      assertThat(ours[i].score).as("%s rank %d", what, i).isCloseTo(lucene[i].score, within(1e-6f));
      if (ours[i].doc != lucene[i].doc) {
        swapped++;
        ScoreDoc theirs = lucene[i];
        assertThat(ours)
            .as("%s rank %d: a near-tie", what, i)
            .anySatisfy(
                hit -> {
                  assertThat(hit.doc).isEqualTo(theirs.doc);
                  assertThat(hit.score).isCloseTo(theirs.score, within(1e-6f));
                });
      }
    }
    return swapped;
  }

  private static boolean live(DirectoryReader reader, int doc) {
    LeafReaderContext leaf =
        reader.leaves().get(org.apache.lucene.index.ReaderUtil.subIndex(doc, reader.leaves()));
    return leaf.reader().getLiveDocs() == null
        || leaf.reader().getLiveDocs().get(doc - leaf.docBase);
  }

  private static int overlap(int[] found, int[] truth, int k) {
    int[] top = Arrays.copyOf(found, Math.min(k, found.length));
    return (int)
        Arrays.stream(truth).filter(doc -> Arrays.stream(top).anyMatch(t -> t == doc)).count();
  }

  /** Documents in rank order. */
  private static int[] docs(ScoreDoc[] hits) {
    return Arrays.stream(hits).mapToInt(h -> h.doc).toArray();
  }

  /** Cosine: unit vectors (Quarry normalizes them on write); Euclidean: raw. */
  private static float[] vector(Random random, Similarity similarity) {
    float[] v = new float[DIMS];
    double norm = 0;
    for (int i = 0; i < DIMS; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    if (similarity == Similarity.COSINE) {
      for (int i = 0; i < DIMS; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }

  private static Random random(String property) {
    long seed = RandomCases.seed() ^ property.hashCode();
    System.out.printf(
        "FloatWalkTest %s: seed=%d (re-run with -D%s=%d)%n",
        property, RandomCases.seed(), RandomCases.SEED_PROPERTY, RandomCases.seed());
    return new Random(seed);
  }
}
