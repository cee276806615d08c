package dev.quarry.engine.ingest;

import java.util.function.Predicate;

/**
 * Reads one input into {@link SourceRecord}s. Bad records become rejected records with their
 * location, so one broken line never stops a job.
 */
public interface RecordReader {
  /** Hands records to {@code sink} in input order until the input ends or the sink says stop. */
  void read(Predicate<SourceRecord> sink);

  /** A short name of the input for messages. */
  String name();

  /**
   * What the summary should say about the input once it is read: the types inferred for its
   * columns, a date field that few or no documents had.
   */
  default java.util.List<String> notes() {
    return java.util.List.of();
  }

  /** Documents given in code. */
  static RecordReader of(String name, java.util.List<TextDocument> documents) {
    return new RecordReader() {
      @Override
      public void read(Predicate<SourceRecord> sink) {
        for (int i = 0; i < documents.size(); i++) {
          if (!sink.test(SourceRecord.ok(name + " " + i, documents.get(i)))) {
            return;
          }
        }
      }

      @Override
      public String name() {
        return name;
      }
    };
  }
}
