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
    double seconds,
    boolean interrupted) {
  public IngestReport {
    rejected = List.copyOf(rejected);
  }

  /** Documents accepted but neither written nor skipped: in flight when the job was stopped. */
  public long dropped() {
    return Math.max(0, documents - written - skipped);
  }
}
