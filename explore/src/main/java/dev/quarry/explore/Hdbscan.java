package dev.quarry.explore;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.tribuo.clustering.hdbscan.HdbscanModel;
import org.tribuo.clustering.hdbscan.HdbscanTrainer;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.math.neighbour.NeighboursQueryFactoryType;

/**
 * HDBSCAN (Tribuo): density-based clusters whose number it finds itself, with noise. Tribuo builds
 * its minimum spanning tree over all pairs (quadratic time), so a collection larger than the sample
 * size is clustered through a seeded random sample, and every other document goes to the cluster of
 * its nearest exemplar, or to noise when it lies beyond every exemplar's reach (Tribuo's own
 * prediction; decision 0110).
 */
public final class Hdbscan {
  /** Documents HDBSCAN itself runs on; the others are assigned (decision 0110). */
  public static final int DEFAULT_SAMPLE = 10_000;

  private Hdbscan() {}

  /** The default smallest cluster: 0.2% of the documents, at least 5. */
  public static int defaultMinSize(int documents) {
    return Math.max(5, documents / 500);
  }

  /**
   * Clusters {@code vectors}; {@code minSize} is the smallest cluster in documents of the whole
   * collection (scaled to the sample), also the neighbour count of HDBSCAN's core distance.
   */
  public static Clustering run(
      List<float[]> vectors, int minSize, int sample, int threads, long seed) {
    int n = vectors.size();
    ExploreChecks.requireRange("min-size", minSize, 2, Math.max(2, n));
    ExploreChecks.requireRange("sample", sample, 100, 1_000_000);
    int[] chosen = Samples.indices(n, Math.min(n, sample), seed);
    List<float[]> trained = Samples.pick(vectors, chosen);
    int scaled = Math.max(2, (int) Math.round((double) minSize * chosen.length / n));
    HdbscanModel model =
        new HdbscanTrainer(
                scaled, new L2Distance(), scaled, threads, NeighboursQueryFactoryType.BRUTE_FORCE)
            .train(Features.unassigned(trained));
    int[] tribuo = new int[n];
    Arrays.fill(tribuo, -1);
    List<Integer> labels = model.getClusterLabels();
    for (int j = 0; j < chosen.length; j++) {
      tribuo[chosen[j]] = labels.get(j);
    }
    String[] names = Features.names(vectors.get(0).length);
    IntStream.range(0, n)
        .parallel()
        .filter(i -> tribuo[i] < 0)
        .forEach(
            i ->
                tribuo[i] =
                    model.predict(Features.example(names, vectors.get(i))).getOutput().getID());
    return renumber(tribuo, vectors);
  }

  /** Tribuo's labels (0 noise, then 1.. with gaps) as 0..k-1 in order of appearance, noise -1. */
  private static Clustering renumber(int[] tribuo, List<float[]> vectors) {
    Map<Integer, Integer> ids = new HashMap<>();
    int[] assignment = new int[tribuo.length];
    for (int i = 0; i < tribuo.length; i++) {
      assignment[i] =
          tribuo[i] == 0 ? Clustering.NOISE : ids.computeIfAbsent(tribuo[i], l -> ids.size());
    }
    return Clustering.withMeans(assignment, vectors, ids.size());
  }
}
