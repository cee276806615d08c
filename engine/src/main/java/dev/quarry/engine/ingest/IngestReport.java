package dev.quarry.engine.ingest;

import java.util.List;

/**
 * What an ingestion job did.
 *
 * @param documents documents read and accepted
 * @param written documents written (new or changed)
 * @param chunks chunks written
 * @param skipped documents not embedded: unchanged since the last run, or replaced by a later
 *     record with the same id in the same batch
 * @param cached chunks whose embedding came from the cache
 * @param embedded chunks embedded by the model
 * @param truncated chunks longer than the model's maximum tokens (cut)
 * @param rejected bad records with their location and reason
 * @param warnings records kept but read differently than written (e.g. front matter that is not
 *     valid YAML, kept as text), with their location
 * @param notes what the readers say about their inputs: inferred column types, a date field that
 *     few or no documents had
 * @param seconds wall time
 * @param interrupted stopped early (Ctrl-C); what was written is committed, a re-run resumes (see
 *     {@link #dropped()})
 */
public record IngestReport(
    long documents,
    long written,
    long chunks,
    long skipped,
    long cached,
    long embedded,
    long truncated,
    List<String> rejected,
    List<String> warnings,
    List<String> notes,
    double seconds,
    boolean interrupted) {
  public IngestReport {
    rejected = List.copyOf(rejected);
    warnings = List.copyOf(warnings);
    notes = List.copyOf(notes);
  }

  /** Documents accepted but neither written nor skipped: in flight when the job was stopped. */
  public long dropped() {
    return Math.max(0, documents - written - skipped);
  }
}
