package dev.quarry.bench.ann;

import dev.quarry.core.QuarryException;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Fashion-MNIST images (IDX format, gzipped) as 784-d float vectors of raw pixel values 0..255, the
 * form ann-benchmarks uses with Euclidean distance.
 */
final class FashionMnist {
  static final String TRAIN = "fashion-mnist/train-images-idx3-ubyte.gz";
  static final String TEST = "fashion-mnist/t10k-images-idx3-ubyte.gz";
  private static final int IMAGES_MAGIC = 2051;

  private FashionMnist() {}

  /** The first {@code limit} images of an IDX3 file. */
  static List<float[]> images(Path data, String name, int limit) {
    Path file = data.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "no " + name + " under " + data + ": pass --data pointing at ../shared/data");
    }
    try (DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16))) {
      int magic = in.readInt(); // IDX is big-endian, as DataInputStream reads
      if (magic != IMAGES_MAGIC) {
        throw new QuarryException(
            QuarryException.Kind.CORRUPT,
            file + ": magic " + magic + ", not an IDX3 image file (" + IMAGES_MAGIC + ")");
      }
      int count = in.readInt();
      int dims = in.readInt() * in.readInt();
      int n = Math.min(count, limit);
      List<float[]> out = new ArrayList<>(n);
      byte[] pixels = new byte[dims];
      for (int i = 0; i < n; i++) {
        in.readFully(pixels);
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
          v[d] = pixels[d] & 0xff;
        }
        out.add(v);
      }
      return out;
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
  }
}
