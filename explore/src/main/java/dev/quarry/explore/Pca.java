package dev.quarry.explore;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Principal component analysis (EJML): the eigenvectors of the covariance matrix with the largest
 * eigenvalues. The covariance is accumulated in blocks of rows, so memory stays at d² plus one
 * block however many vectors there are.
 */
public final class Pca {
  private static final int BLOCK = 4096;

  private Pca() {}

  /**
   * The vectors projected on their first {@code components} principal components, centred. Each
   * component's sign is fixed so that its largest coefficient is positive (as scikit-learn does),
   * so a run gives the same picture each time.
   */
  public static float[][] project(List<float[]> vectors, int components) {
    int d = vectors.get(0).length;
    ExploreChecks.requireRange("components", components, 1, d);
    double[] mean = mean(vectors);
    double[][] axes = topEigenvectors(covariance(vectors, mean), components);
    float[][] out = new float[vectors.size()][components];
    for (int i = 0; i < vectors.size(); i++) {
      float[] v = vectors.get(i);
      for (int c = 0; c < components; c++) {
        double s = 0;
        for (int j = 0; j < d; j++) {
          s += (v[j] - mean[j]) * axes[c][j];
        }
        out[i][c] = (float) s;
      }
    }
    return out;
  }

  private static double[] mean(List<float[]> vectors) {
    double[] mean = new double[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int j = 0; j < mean.length; j++) {
        mean[j] += v[j];
      }
    }
    for (int j = 0; j < mean.length; j++) {
      mean[j] /= vectors.size();
    }
    return mean;
  }

  private static DMatrixRMaj covariance(List<float[]> vectors, double[] mean) {
    int d = mean.length;
    DMatrixRMaj c = new DMatrixRMaj(d, d);
    for (int from = 0; from < vectors.size(); from += BLOCK) {
      int rows = Math.min(BLOCK, vectors.size() - from);
      DMatrixRMaj block = new DMatrixRMaj(rows, d);
      for (int r = 0; r < rows; r++) {
        float[] v = vectors.get(from + r);
        for (int j = 0; j < d; j++) {
          block.unsafe_set(r, j, v[j] - mean[j]);
        }
      }
      CommonOps_DDRM.multAddTransA(block, block, c);
    }
    CommonOps_DDRM.scale(1.0 / Math.max(1, vectors.size() - 1), c);
    return c;
  }

  private static double[][] topEigenvectors(DMatrixRMaj covariance, int components) {
    int d = covariance.numRows;
    EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
    if (!eig.decompose(covariance)) {
      throw new IllegalStateException("PCA: the eigendecomposition of the covariance failed");
    }
    Integer[] order = new Integer[eig.getNumberOfEigenvalues()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order, (a, b) -> Double.compare(eig.getEigenvalue(b).real, eig.getEigenvalue(a).real));
    double[][] axes = new double[components][d];
    for (int c = 0; c < components; c++) {
      DMatrixRMaj v = eig.getEigenVector(order[c]);
      int largest = 0;
      for (int j = 0; j < d; j++) {
        axes[c][j] = v.get(j);
        if (Math.abs(axes[c][j]) > Math.abs(axes[c][largest])) {
          largest = j;
        }
      }
      if (axes[c][largest] < 0) {
        for (int j = 0; j < d; j++) {
          axes[c][j] = -axes[c][j];
        }
      }
    }
    return axes;
  }
}
