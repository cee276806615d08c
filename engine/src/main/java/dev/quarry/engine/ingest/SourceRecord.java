package dev.quarry.engine.ingest;

/**
 * What a reader produced at one place of its input: a document, or the reason it could not be read.
 *
 * @param location {@code file:line} (or {@code file} for whole-file readers)
 * @param document the document, or null when rejected
 * @param problem why the record was rejected, or null
 * @param warning what was read differently than written (e.g. broken front matter kept as text), or
 *     null; {@code --strict} stops at it as at a rejection
 */
public record SourceRecord(String location, TextDocument document, String problem, String warning) {
  public static SourceRecord ok(String location, TextDocument document) {
    return new SourceRecord(location, document, null, null);
  }

  /** A document kept, with a warning for the summary. */
  public static SourceRecord warned(String location, TextDocument document, String warning) {
    return new SourceRecord(location, document, null, warning);
  }

  public static SourceRecord rejected(String location, String problem) {
    return new SourceRecord(location, null, problem, null);
  }

  public boolean rejected() {
    return document == null;
  }
}
