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
public final class FashionMnist {
  public static final String TRAIN = "fashion-mnist/train-images-idx3-ubyte.gz";
  public static final String TEST = "fashion-mnist/t10k-images-idx3-ubyte.gz";
  public static final String TRAIN_LABELS = "fashion-mnist/train-labels-idx1-ubyte.gz";
  public static final String TEST_LABELS = "fashion-mnist/t10k-labels-idx1-ubyte.gz";
  private static final int IMAGES_MAGIC = 2051;
  private static final int LABELS_MAGIC = 2049;
  private static final String[] CLASSES = {
    "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
    "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"
  };

  private FashionMnist() {}

  /** The first {@code limit} class names of an IDX1 label file. */
  public static List<String> labels(Path data, String name, int limit) {
    Path file = data.resolve(name);
    try (DataInputStream in = open(data, name, LABELS_MAGIC)) {
      int n = Math.min(in.readInt(), limit);
      List<String> out = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        out.add(CLASSES[in.readUnsignedByte()]);
      }
      return out;
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
  }

  /** An IDX file positioned after its magic number, which must be {@code magic}. */
  private static DataInputStream open(Path data, String name, int magic) throws IOException {
    Path file = data.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "no " + name + " under " + data + ": pass --data pointing at ../shared/data");
    }
    DataInputStream in =
        new DataInputStream(new GZIPInputStream(Files.newInputStream(file), 1 << 16));
    int found = in.readInt(); // IDX is big-endian, as DataInputStream reads
    if (found != magic) {
      in.close();
      throw new QuarryException(
          QuarryException.Kind.CORRUPT, file + ": magic " + found + ", not " + magic);
    }
    return in;
  }

  /** The first {@code limit} images of an IDX3 file. */
  public static List<float[]> images(Path data, String name, int limit) {
    Path file = data.resolve(name);
    try (DataInputStream in = open(data, name, IMAGES_MAGIC)) {
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
