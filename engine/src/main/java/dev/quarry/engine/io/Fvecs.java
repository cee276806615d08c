package dev.quarry.engine.io;

import dev.quarry.core.QuarryException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code .fvecs} format of the ANN benchmarks (TEXMEX): per vector, a little-endian int32
 * dimension followed by that many little-endian float32 values.
 */
public final class Fvecs {
  private Fvecs() {}

  /** Writes vectors to an open stream (not closed here). */
  public static void write(OutputStream out, List<float[]> vectors) throws IOException {
    for (float[] v : vectors) {
      ByteBuffer buf = ByteBuffer.allocate(4 + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
      buf.putInt(v.length);
      for (float x : v) {
        buf.putFloat(x);
      }
      out.write(buf.array());
    }
  }

  public static void write(Path file, List<float[]> vectors) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      write(out, vectors);
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot write " + file + ": " + e, e);
    }
  }

  /** Reads every vector; a truncated record fails with the file named. */
  public static List<float[]> read(Path file) {
    List<float[]> vectors = new ArrayList<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(raw)) {
      byte[] header = new byte[4];
      while (true) {
        int n = in.readNBytes(header, 0, 4);
        if (n == 0) {
          return vectors;
        }
        if (n < 4) {
          throw truncated(file, vectors.size());
        }
        int dim = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (dim <= 0 || dim > 1 << 16) {
          throw new QuarryException(
              QuarryException.Kind.CORRUPT,
              file
                  + ": vector "
                  + vectors.size()
                  + " claims "
                  + dim
                  + " dimensions; not an .fvecs"
                  + " file?");
        }
        byte[] body = new byte[4 * dim];
        try {
          in.readFully(body);
        } catch (EOFException e) {
          throw truncated(file, vectors.size());
        }
        ByteBuffer buf = ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[dim];
        buf.asFloatBuffer().get(v);
        vectors.add(v);
      }
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
  }

  private static QuarryException truncated(Path file, int index) {
    return new QuarryException(
        QuarryException.Kind.CORRUPT, file + ": truncated in vector " + index);
  }
}
