package dev.quarry.index.internal;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import dev.quarry.index.FieldType;
import dev.quarry.index.SystemFields;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Binary records of the store (docs/format.md): documents without their vector, vectors as
 * little-endian float32, and sequence-log entries. Type tags are ASCII letters, never ordinals.
 */
public final class DocCodec {
  /**
   * 2: Quarry's own fields live under {@link SystemFields#PREFIX}; 1 (still read, same layout):
   * ingestion bookkeeping was written as plain {@code content_hash} and {@code chunk}.
   */
  static final int RECORD_VERSION = 2;

  private static final int OLDEST_READABLE = 1;

  private DocCodec() {}

  /** A document read back from the store, with the sequence number of its last write. */
  public record Stored(Document document, long seq) {}

  public static byte[] encodeDoc(Document d, long seq) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
      DataOutputStream out = new DataOutputStream(bytes);
      out.writeByte(RECORD_VERSION);
      out.writeLong(seq);
      writeString(out, d.title());
      writeString(out, d.text());
      writeString(out, d.parent());
      out.writeInt(d.metadata().size());
      for (Map.Entry<String, List<Object>> e : d.metadata().entrySet()) {
        writeString(out, e.getKey());
        FieldType type = Document.typeOf(e.getValue().get(0));
        out.writeByte(type.tag());
        out.writeInt(e.getValue().size());
        for (Object v : e.getValue()) {
          switch (type) {
            case KEYWORD -> writeString(out, (String) v);
            case LONG -> out.writeLong((Long) v);
            case DOUBLE -> out.writeDouble((Double) v);
            case DATE -> {
              Instant t = (Instant) v;
              out.writeLong(t.getEpochSecond());
              out.writeInt(t.getNano());
            }
            case BOOLEAN -> out.writeByte(((Boolean) v) ? 1 : 0);
          }
        }
      }
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new IllegalStateException("in-memory write cannot fail", e);
    }
  }

  public static Stored decodeDoc(String id, byte[] record, float[] vector) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(record))) {
      int version = in.readUnsignedByte();
      if (version < OLDEST_READABLE || version > RECORD_VERSION) {
        throw new QuarryException(
            QuarryException.Kind.INCOMPATIBLE,
            "document '"
                + id
                + "' has record version "
                + version
                + "; this Quarry reads "
                + OLDEST_READABLE
                + " to "
                + RECORD_VERSION);
      }
      long seq = in.readLong();
      Document.Builder b =
          Document.builder(id).title(readString(in)).text(readString(in)).parent(readString(in));
      int fields = in.readInt();
      for (int f = 0; f < fields; f++) {
        String name = readString(in);
        FieldType type = FieldType.ofTag((char) in.readUnsignedByte());
        int count = in.readInt();
        List<Object> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
          values.add(
              switch (type) {
                case KEYWORD -> readString(in);
                case LONG -> in.readLong();
                case DOUBLE -> in.readDouble();
                case DATE -> Instant.ofEpochSecond(in.readLong(), in.readInt());
                case BOOLEAN -> in.readUnsignedByte() != 0;
              });
        }
        if (SystemFields.isSystem(name)) {
          b.system(name, values);
        } else {
          b.meta(name, values);
        }
      }
      return new Stored(b.vector(vector).build(), seq);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT, "document record '" + id + "' is truncated or damaged", e);
    }
  }

  /** Sequence-log key: big-endian, so RocksDB's byte order is numeric order. */
  public static byte[] seqKey(long seq) {
    return ByteBuffer.allocate(8).putLong(seq).array();
  }

  public static long seqOf(byte[] key) {
    return ByteBuffer.wrap(key).getLong();
  }

  public static byte[] id(String id) {
    return id.getBytes(StandardCharsets.UTF_8);
  }

  public static String id(byte[] key) {
    return new String(key, StandardCharsets.UTF_8);
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  private static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    return new String(in.readNBytes(n), StandardCharsets.UTF_8);
  }
}
