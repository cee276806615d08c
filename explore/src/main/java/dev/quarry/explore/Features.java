package dev.quarry.explore;

import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** Vectors as Tribuo examples: one named feature per dimension. */
final class Features {
  private static final ClusteringFactory CLUSTERS = new ClusteringFactory();

  private Features() {}

  /** "d0000".. : sorted names, since Tribuo keeps an example's features in name order. */
  static String[] names(int dimensions) {
    String[] names = new String[dimensions];
    for (int d = 0; d < dimensions; d++) {
      names[d] = String.format("d%04d", d);
    }
    return names;
  }

  static double[] values(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }

  /** One unlabelled example per vector, in order: the input of Tribuo's clustering trainers. */
  static MutableDataset<ClusterID> unassigned(List<float[]> vectors) {
    String[] names = names(vectors.get(0).length);
    MutableDataset<ClusterID> data =
        new MutableDataset<>(
            new SimpleDataSourceProvenance("quarry collection", CLUSTERS), CLUSTERS);
    for (float[] v : vectors) {
      data.add(example(names, v));
    }
    return data;
  }

  static ArrayExample<ClusterID> example(String[] names, float[] v) {
    return new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, values(v));
  }
}
