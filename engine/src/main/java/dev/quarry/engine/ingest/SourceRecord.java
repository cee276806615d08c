package dev.quarry.engine.ingest;

/**
 * What a reader produced at one place of its input: a document, or the reason it could not be read.
 *
 * @param location {@code file:line} (or {@code file} for whole-file readers)
 * @param document the document, or null when rejected
 * @param problem why the record was rejected, or null
 */
public record SourceRecord(String location, TextDocument document, String problem) {
  public static SourceRecord ok(String location, TextDocument document) {
    return new SourceRecord(location, document, null);
  }

  public static SourceRecord rejected(String location, String problem) {
    return new SourceRecord(location, null, problem);
  }

  public boolean rejected() {
    return document == null;
  }
}
