package dev.quarry.spark;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.index.VectorEncoding;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What a Spark indexing job builds: which columns hold the id, text, title, date and metadata, the
 * model and encoding of the collection, and how many shards (partitions) it is built in.
 *
 * @param id id column
 * @param text text column
 * @param title title column (may be absent from the rows)
 * @param date date column, stored as the metadata date {@code date} (may be absent)
 * @param metadata columns kept as metadata; empty keeps every other column
 * @param model a built-in model name, or a model folder every executor can read
 * @param encoding vector encoding of the collection
 * @param partitions shards to build, one task each; 0 = the session's default parallelism
 * @param maxSegments Lucene segments the merged index is merged down to; 0 keeps one per shard
 */
public record IndexSpec(
    String id,
    String text,
    String title,
    String date,
    List<String> metadata,
    String model,
    VectorEncoding encoding,
    int partitions,
    int maxSegments)
    implements Serializable {

  /** The CLI's defaults: columns id, text, title, date; the default model; float32. */
  public static final IndexSpec DEFAULTS =
      new IndexSpec(
          "id",
          "text",
          "title",
          "date",
          List.of(),
          BuiltinModel.DEFAULT.modelName(),
          VectorEncoding.FLOAT32,
          0,
          0);

  public IndexSpec {
    metadata = List.copyOf(metadata);
    if (partitions < 0 || maxSegments < 0) {
      throw QuarryException.invalid("partitions and maxSegments must be >= 0");
    }
  }

  public IndexSpec withColumns(String idColumn, String textColumn, String titleColumn) {
    return new IndexSpec(
        idColumn,
        textColumn,
        titleColumn,
        date,
        metadata,
        model,
        encoding,
        partitions,
        maxSegments);
  }

  public IndexSpec withDate(String column) {
    return new IndexSpec(
        id, text, title, column, metadata, model, encoding, partitions, maxSegments);
  }

  public IndexSpec withMetadata(List<String> columns) {
    return new IndexSpec(id, text, title, date, columns, model, encoding, partitions, maxSegments);
  }

  public IndexSpec withModel(String value) {
    return new IndexSpec(id, text, title, date, metadata, value, encoding, partitions, maxSegments);
  }

  public IndexSpec withEncoding(VectorEncoding value) {
    return new IndexSpec(id, text, title, date, metadata, model, value, partitions, maxSegments);
  }

  public IndexSpec withPartitions(int value) {
    return new IndexSpec(id, text, title, date, metadata, model, encoding, value, maxSegments);
  }

  public IndexSpec withMaxSegments(int value) {
    return new IndexSpec(id, text, title, date, metadata, model, encoding, partitions, value);
  }

  /** The columns as the CLI's field mapping, so that a row reads as a JSON line would. */
  FieldMapping mapping() {
    return new FieldMapping(id, title, text, date, metadata, Map.of());
  }

  /**
   * The collection and model options of each shard: the CLI's defaults but the model and encoding,
   * and no embedding cache (its lock is per process, and a job embeds each text once).
   */
  QuarryConfig config() {
    return QuarryConfig.DEFAULTS.withModel(model).withEncoding(encoding).withEmbeddingCache(false);
  }
}
