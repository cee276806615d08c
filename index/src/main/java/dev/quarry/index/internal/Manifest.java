package dev.quarry.index.internal;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.core.ErrorText;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.FieldType;
import dev.quarry.index.HnswParams;
import dev.quarry.index.Similarity;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.spi.VectorRotation;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The collection manifest, {@value #FILE_NAME}: what the collection holds and how to read it.
 * Written atomically (temporary file, fsync, rename). Layout: docs/format.md.
 *
 * @param formatVersion on-disk format version
 * @param quarryVersion version of Quarry that last wrote it
 * @param luceneVersion Lucene version that last wrote it
 * @param config model, dimensions, similarity, encoding, HNSW parameters
 * @param luceneDir the live Lucene index folder (changes on reindex)
 * @param vectorRotation the transform the index's vectors went through ({@link VectorRotation#ID}),
 *     or null for vectors indexed as given
 * @param fields metadata field types, fixed by each field's first value
 */
public record Manifest(
    int formatVersion,
    String quarryVersion,
    String luceneVersion,
    CollectionConfig config,
    String luceneDir,
    String vectorRotation,
    Map<String, FieldType> fields) {

  public static final String FILE_NAME = "quarry.json";
  public static final String FORMAT = "quarry-collection";

  /** The newest format this code reads; it writes the oldest one that holds the collection. */
  public static final int FORMAT_VERSION = 2;

  /** The first format with {@code vectorRotation}: a Quarry reading only 1 would misread it. */
  private static final int ROTATION_VERSION = 2;

  /** The index folder of a new collection. */
  public static final String FIRST_LUCENE_DIR = "lucene-1";

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeNulls().create();

  public Manifest {
    fields = Collections.unmodifiableMap(new TreeMap<>(fields));
  }

  public static Manifest create(CollectionConfig config) {
    return new Manifest(
        FORMAT_VERSION,
        QuarryVersion.get(),
        org.apache.lucene.util.Version.LATEST.toString(),
        config,
        FIRST_LUCENE_DIR,
        rotationFor(config),
        Map.of());
  }

  /**
   * Binary codes are made of rotated vectors (decision 0180); other encodings index vectors as
   * given.
   */
  static String rotationFor(CollectionConfig config) {
    return config.encoding() == VectorEncoding.BINARY ? VectorRotation.ID : null;
  }

  /** The rotation of the index's vectors for {@code config}'s dimensions; null for none. */
  public VectorRotation rotation() {
    return vectorRotation == null ? null : VectorRotation.of(vectorRotation, config.dimensions());
  }

  public Manifest withFields(Map<String, FieldType> value) {
    return new Manifest(
        formatVersion, quarryVersion, luceneVersion, config, luceneDir, vectorRotation, value);
  }

  /** A new index folder, built for {@code value} (with the rotation its encoding takes). */
  public Manifest withConfig(CollectionConfig value, String dir) {
    return new Manifest(
        formatVersion, quarryVersion, luceneVersion, value, dir, rotationFor(value), fields);
  }

  /** Stamps the versions of the code writing it. */
  Manifest stamped() {
    return new Manifest(
        vectorRotation == null ? 1 : ROTATION_VERSION,
        QuarryVersion.get(),
        org.apache.lucene.util.Version.LATEST.toString(),
        config,
        luceneDir,
        vectorRotation,
        fields);
  }

  public void write(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    Path tmp = dir.resolve(FILE_NAME + ".tmp");
    try {
      Files.writeString(tmp, toJson(stamped()), StandardCharsets.UTF_8);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      FileSync.directory(dir);
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot write " + file + ": " + e, e);
    }
  }

  public static boolean exists(Path dir) {
    return Files.isRegularFile(dir.resolve(FILE_NAME));
  }

  public static Manifest read(Path dir) {
    Path file = dir.resolve(FILE_NAME);
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          dir + " is not a Quarry collection (no " + FILE_NAME + ")",
          e);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT, "cannot read manifest " + file + ": " + e, e);
    }
    try {
      return fromJson(json);
    } catch (QuarryException e) {
      throw new QuarryException(e.kind(), "manifest " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT,
          "manifest "
              + file
              + " is damaged ("
              + ErrorText.describe(e)
              + "); restore it from a backup or rebuild the collection",
          e);
    }
  }

  static String toJson(Manifest m) {
    JsonObject o = new JsonObject();
    o.addProperty("format", FORMAT);
    o.addProperty("formatVersion", m.formatVersion);
    o.addProperty("quarryVersion", m.quarryVersion);
    o.addProperty("luceneVersion", m.luceneVersion);
    CollectionConfig c = m.config;
    if (c.model() == null) {
      o.add("model", JsonNull.INSTANCE);
    } else {
      JsonObject model = new JsonObject();
      model.addProperty("name", c.model().name());
      model.addProperty("weightsSha256", c.model().weightsSha256());
      model.addProperty("pooling", c.model().pooling());
      model.addProperty("dimensions", c.model().dimensions());
      o.add("model", model);
    }
    o.addProperty("dimensions", c.dimensions());
    o.addProperty("similarity", c.similarity().id());
    o.addProperty("encoding", c.encoding().id());
    JsonObject hnsw = new JsonObject();
    hnsw.addProperty("maxConn", c.hnsw().maxConn());
    hnsw.addProperty("beamWidth", c.hnsw().beamWidth());
    o.add("hnsw", hnsw);
    o.addProperty("luceneDir", m.luceneDir);
    if (m.vectorRotation != null) {
      o.addProperty("vectorRotation", m.vectorRotation);
    }
    JsonObject fields = new JsonObject();
    m.fields.forEach((k, v) -> fields.addProperty(k, v.id()));
    o.add("fields", fields);
    return GSON.toJson(o) + "\n";
  }

  static Manifest fromJson(String json) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    if (!FORMAT.equals(string(o, "format"))) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT, "not a Quarry collection manifest ('format' is missing)");
    }
    int version = o.get("formatVersion").getAsInt();
    if (version > FORMAT_VERSION || version < 1) {
      throw new QuarryException(
          QuarryException.Kind.INCOMPATIBLE,
          "format version "
              + version
              + " is not supported by this Quarry (reads 1.."
              + FORMAT_VERSION
              + "); upgrade Quarry");
    }
    ModelIdentity model = null;
    JsonElement m = o.get("model");
    if (m != null && !m.isJsonNull()) {
      JsonObject mo = m.getAsJsonObject();
      model =
          new ModelIdentity(
              string(mo, "name"),
              string(mo, "weightsSha256"),
              string(mo, "pooling"),
              mo.get("dimensions").getAsInt());
    }
    JsonObject hnsw = o.getAsJsonObject("hnsw");
    CollectionConfig config =
        new CollectionConfig(
            model,
            o.get("dimensions").getAsInt(),
            Similarity.parse(string(o, "similarity")),
            VectorEncoding.parse(string(o, "encoding")),
            new HnswParams(hnsw.get("maxConn").getAsInt(), hnsw.get("beamWidth").getAsInt()));
    Map<String, FieldType> fields = new TreeMap<>();
    JsonObject fo = o.getAsJsonObject("fields");
    if (fo != null) {
      fo.entrySet()
          .forEach(e -> fields.put(e.getKey(), FieldType.parse(e.getValue().getAsString())));
    }
    String luceneDir = string(o, "luceneDir");
    if (!luceneDir.matches("lucene-[0-9]+")) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT, "'luceneDir' must look like lucene-N, got " + luceneDir);
    }
    String rotation = null;
    if (version >= ROTATION_VERSION && o.has("vectorRotation")) {
      rotation = string(o, "vectorRotation");
      VectorRotation.of(rotation, config.dimensions()); // an unknown one fails here, named
    }
    return new Manifest(
        version,
        string(o, "quarryVersion"),
        string(o, "luceneVersion"),
        config,
        luceneDir,
        rotation,
        fields);
  }

  private static String string(JsonObject o, String key) {
    JsonElement e = o.get(key);
    if (e == null || e.isJsonNull()) {
      throw new QuarryException(QuarryException.Kind.CORRUPT, "'" + key + "' is missing");
    }
    return e.getAsString();
  }
}
