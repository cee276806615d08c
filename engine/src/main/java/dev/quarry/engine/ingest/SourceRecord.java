package dev.quarry.engine.ingest;

/**
 * What a reader produced at one place of its input: a document, the reason it could not be read, or
 * both, when it was read differently than written (a warning).
 *
 * @param location {@code file:line} (or {@code file} for whole-file readers)
 * @param document the document, or null when rejected
 * @param problem why the record was rejected, or what was wrong with a kept one; null when none
 * @param kept for a kept record with a problem, what was done instead (e.g. "the block is kept as
 *     text"); {@code --strict} stops at such a record as at a rejection
 */
public record SourceRecord(String location, TextDocument document, String problem, String kept) {
  public static SourceRecord ok(String location, TextDocument document) {
    return new SourceRecord(location, document, null, null);
  }

  /** A document kept despite {@code problem}, read as {@code kept} says. */
  public static SourceRecord warned(
      String location, TextDocument document, String problem, String kept) {
    return new SourceRecord(location, document, problem, kept);
  }

  public static SourceRecord rejected(String location, String problem) {
    return new SourceRecord(location, null, problem, null);
  }

  public boolean rejected() {
    return document == null;
  }

  /** A kept record with a problem: the warning for the summary. */
  public String warning() {
    return document != null && problem != null ? problem + "; " + kept : null;
  }
}
