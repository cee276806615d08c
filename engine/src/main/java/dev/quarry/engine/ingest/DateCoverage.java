package dev.quarry.engine.ingest;

import java.util.List;

/**
 * How many documents of one input had the date field: a field that few or none have is said in the
 * summary, so that a misspelt {@code --date-field} is not silently ignored.
 */
final class DateCoverage {
  private final String input;
  private final String field;
  private long dated;
  private long documents;

  DateCoverage(String input, String field) {
    this.input = input;
    this.field = field;
  }

  /** Counts one accepted document, and whether it had the date field. */
  void count(boolean hadField) {
    documents++;
    if (hadField) {
      dated++;
    }
  }

  List<String> notes() {
    if (documents == 0 || dated == documents) {
      return List.of();
    }
    if (dated == 0) {
      return List.of(
          input
              + ": no document has the date field '"
              + field
              + "' (--date-field); all "
              + documents
              + " are undated");
    }
    return List.of(
        input
            + ": "
            + dated
            + " of "
            + documents
            + " documents have the date field '"
            + field
            + "'; the others are undated");
  }
}
