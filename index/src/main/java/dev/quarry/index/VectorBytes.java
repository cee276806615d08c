package dev.quarry.index;

import dev.quarry.core.QuarryException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The byte form of a stored vector (docs/format.md): the store's vectors column family and the
 * engine's embedding cache share it, so both read and write vectors one way.
 */
public final class VectorBytes {
  private VectorBytes() {}

  /** {@code v} as little-endian IEEE 754 floats, 4 bytes each. */
  public static byte[] encode(float[] v) {
    ByteBuffer buf = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
    buf.asFloatBuffer().put(v);
    return buf.array();
  }

  /**
   * The vector {@link #encode} wrote.
   *
   * @param id what the bytes belong to, named in the error
   * @throws QuarryException CORRUPT when the length is not {@code 4 * dimensions}
   */
  public static float[] decode(String id, byte[] bytes, int dimensions) {
    if (bytes.length != 4 * dimensions) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT,
          "stored vector of '"
              + id
              + "' has "
              + bytes.length
              + " bytes, expected "
              + 4 * dimensions);
    }
    float[] v = new float[dimensions];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
    return v;
  }
}
