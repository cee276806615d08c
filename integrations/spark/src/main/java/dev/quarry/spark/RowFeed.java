package dev.quarry.spark;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.SourceRecord;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Hands records from the Spark task's thread, which alone may walk the partition's iterator, to the
 * ingestion pipeline's reader thread, through a bounded queue.
 */
final class RowFeed implements RecordReader {
  private static final Object END = new Object();
  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(1024);
  private final String name;

  RowFeed(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void read(Predicate<SourceRecord> sink) {
    try {
      for (Object next = queue.take(); next != END; next = queue.take()) {
        if (!sink.test((SourceRecord) next)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Queues a record; fails with the pipeline's own failure if it stopped meanwhile. */
  void put(SourceRecord record, Future<IngestReport> pipeline) throws InterruptedException {
    offer(record, pipeline);
  }

  /** Says the partition ended. */
  void end(Future<IngestReport> pipeline) throws InterruptedException {
    offer(END, pipeline);
  }

  /** Ends the feed after a failure: whatever is queued is dropped. */
  void abandon() {
    queue.clear();
    queue.offer(END);
  }

  private void offer(Object item, Future<IngestReport> pipeline) throws InterruptedException {
    while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
      if (pipeline.isDone()) {
        try {
          pipeline.get();
        } catch (ExecutionException e) {
          throw e.getCause() instanceof RuntimeException r
              ? r
              : new QuarryException(QuarryException.Kind.RUNTIME, e.getCause().toString(), e);
        }
        throw new QuarryException(
            QuarryException.Kind.RUNTIME, "the ingestion of " + name + " ended before its input");
      }
    }
  }
}
