package dev.quarry.engine.io;

import dev.quarry.core.ErrorText;
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
import java.util.function.Function;

/**
 * The {@code .fvecs} and {@code .ivecs} formats of the ANN benchmarks (TEXMEX): per record, a
 * little-endian int32 dimension followed by that many little-endian float32 ({@code .fvecs}) or
 * int32 ({@code .ivecs}, e.g. ground-truth neighbour ids) values.
 */
public final class Fvecs {
  private Fvecs() {}

  /** Writes vectors to an open stream (not closed here). */
  public static void write(OutputStream out, List<float[]> vectors) throws IOException {
    for (float[] v : vectors) {
      ByteBuffer buf = header(v.length);
      buf.asFloatBuffer().put(v);
      out.write(buf.array());
    }
  }

  /** Writes integer records ({@code .ivecs}) to an open stream (not closed here). */
  public static void writeInts(OutputStream out, List<int[]> records) throws IOException {
    for (int[] v : records) {
      ByteBuffer buf = header(v.length);
      buf.asIntBuffer().put(v);
      out.write(buf.array());
    }
  }

  /** A record buffer with its dimension written and its position after it. */
  private static ByteBuffer header(int dim) {
    ByteBuffer buf = ByteBuffer.allocate(4 + 4 * dim).order(ByteOrder.LITTLE_ENDIAN);
    buf.putInt(dim);
    return buf;
  }

  public static void write(Path file, List<float[]> vectors) {
    writeFile(file, out -> write(out, vectors));
  }

  /** Writes an {@code .ivecs} file. */
  public static void writeInts(Path file, List<int[]> records) {
    writeFile(file, out -> writeInts(out, records));
  }

  private interface Writer {
    void to(OutputStream out) throws IOException;
  }

  private static void writeFile(Path file, Writer writer) {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
      writer.to(out);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot write " + file + ": " + ErrorText.describe(e), e);
    }
  }

  /** Reads every vector; a truncated record fails with the file named. */
  public static List<float[]> read(Path file) {
    return readRecords(
        file,
        ".fvecs",
        body -> {
          float[] v = new float[body.remaining() / 4];
          body.asFloatBuffer().get(v);
          return v;
        });
  }

  /** Reads every record of an {@code .ivecs} file; a truncated record fails with the file named. */
  public static List<int[]> readInts(Path file) {
    return readRecords(
        file,
        ".ivecs",
        body -> {
          int[] v = new int[body.remaining() / 4];
          body.asIntBuffer().get(v);
          return v;
        });
  }

  private static <T> List<T> readRecords(Path file, String format, Function<ByteBuffer, T> decode) {
    List<T> records = new ArrayList<>();
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        DataInputStream in = new DataInputStream(raw)) {
      byte[] header = new byte[4];
      while (true) {
        int n = in.readNBytes(header, 0, 4);
        if (n == 0) {
          return records;
        }
        if (n < 4) {
          throw truncated(file, records.size());
        }
        int dim = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (dim <= 0 || dim > 1 << 16) {
          throw new QuarryException(
              QuarryException.Kind.CORRUPT,
              file
                  + ": record "
                  + records.size()
                  + " claims "
                  + dim
                  + " dimensions; not an "
                  + format
                  + " file?");
        }
        byte[] body = new byte[4 * dim];
        try {
          in.readFully(body);
        } catch (EOFException e) {
          throw truncated(file, records.size());
        }
        records.add(decode.apply(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN)));
      }
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot read " + file + ": " + ErrorText.describe(e), e);
    }
  }

  private static QuarryException truncated(Path file, int index) {
    return new QuarryException(
        QuarryException.Kind.CORRUPT, file + ": truncated in vector " + index);
  }
}
