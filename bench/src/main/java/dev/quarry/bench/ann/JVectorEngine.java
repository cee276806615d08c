package dev.quarry.bench.ann;

import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.ListRandomAccessVectorValues;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.disk.OnDiskGraphIndex;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinPool;

/**
 * The JVector peer (3.0.x: one graph layer, DiskANN-style pruning). Lucene's HNSW keeps up to 2·M
 * neighbours per node on layer 0, where nearly all of the search happens, so JVector gets {@code
 * maxDegree = 2·M}; the same construction beam; alpha 1.2 and neighbour overflow 1.2 (JVector's
 * documented defaults). It builds on one thread, as Lucene's indexing thread does, and searches the
 * in-memory graph with exact scores: {@code rerankK = ef} is its candidate list.
 */
final class JVectorEngine implements AnnEngine {
  private static final VectorTypeSupport VECTORS =
      VectorizationProvider.getInstance().getVectorTypeSupport();
  private final HnswParams hnsw;
  private VectorSimilarityFunction similarity;
  private ListRandomAccessVectorValues values;
  private OnHeapGraphIndex graph;
  private GraphSearcher searcher;
  private Path file;

  JVectorEngine(HnswParams hnsw) {
    this.hnsw = hnsw;
  }

  /** Which vector code JVector found (Panama or scalar), for the report. */
  static String vectorization() {
    return VectorizationProvider.getInstance().getClass().getSimpleName();
  }

  @Override
  public String name() {
    return "JVector";
  }

  @Override
  public void build(AnnDataset dataset, Path dir) throws Exception {
    similarity =
        dataset.similarity() == Similarity.EUCLIDEAN
            ? VectorSimilarityFunction.EUCLIDEAN
            : VectorSimilarityFunction.DOT_PRODUCT; // the datasets' cosine vectors are unit-length
    List<VectorFloat<?>> vectors = new ArrayList<>(dataset.base().size());
    for (float[] v : dataset.base()) {
      vectors.add(VECTORS.createFloatVector(v));
    }
    values = new ListRandomAccessVectorValues(vectors, dataset.dimensions());
    ForkJoinPool one = new ForkJoinPool(1);
    try (GraphIndexBuilder builder =
        new GraphIndexBuilder(
            BuildScoreProvider.randomAccessScoreProvider(values, similarity),
            dataset.dimensions(),
            2 * hnsw.maxConn(),
            hnsw.beamWidth(),
            1.2f,
            1.2f,
            one,
            one)) {
      graph = builder.build(values);
    } finally {
      one.shutdown();
    }
    Files.createDirectories(dir);
    file = dir.resolve("graph.jvector");
    OnDiskGraphIndex.write(graph, values, file); // for the size on disk only
    searcher = new GraphSearcher(graph);
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    SearchScoreProvider scores =
        SearchScoreProvider.exact(VECTORS.createFloatVector(query), similarity, values);
    SearchResult result = searcher.search(scores, k, ef, 0f, 0f, Bits.ALL);
    SearchResult.NodeScore[] nodes = result.getNodes();
    int[] ids = new int[nodes.length];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = nodes[i].node;
    }
    return ids;
  }

  @Override
  public long indexBytes() throws Exception {
    return Files.size(file);
  }

  @Override
  public int segments() {
    return 1;
  }

  @Override
  public void close() throws Exception {
    if (searcher != null) {
      searcher.close();
    }
    if (graph != null) {
      graph.close();
    }
  }
}
