package dev.quarry.index;

import dev.quarry.core.QuarryException;

/**
 * HNSW graph parameters.
 *
 * @param maxConn neighbours per node (Lucene's M)
 * @param beamWidth candidates considered while building (efConstruction)
 */
public record HnswParams(int maxConn, int beamWidth) {
  public static final HnswParams DEFAULTS = new HnswParams(16, 100);

  public HnswParams {
    if (maxConn < 2 || maxConn > 512) {
      throw QuarryException.invalid("HNSW maxConn (M) must be in 2..512, got " + maxConn);
    }
    if (beamWidth < 2 || beamWidth > 3200) {
      throw QuarryException.invalid("HNSW beamWidth must be in 2..3200, got " + beamWidth);
    }
  }
}
