package dev.quarry.spark;

import dev.quarry.core.FileTrees;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.FieldRecords;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.index.Collection;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.sql.Row;

/**
 * One partition to one shard: the rows become documents as the CLI reads them, the engine's
 * ingestion pipeline chunks, embeds (with this JVM's shared session) and writes them into a fresh
 * collection in the attempt's own folder, and only a finished attempt is moved into place.
 */
final class ShardTask implements Function2<Integer, Iterator<Row>, Iterator<ShardResult>> {
  private static final long serialVersionUID = 1L;
  private static final int REJECTIONS_KEPT = 20;

  private final IndexSpec spec;
  private final JobFolders folders;
  private final TaskProbe probe;

  ShardTask(IndexSpec spec, JobFolders folders, TaskProbe probe) {
    this.spec = spec;
    this.folders = folders;
    this.probe = probe;
  }

  @Override
  public Iterator<ShardResult> call(Integer partition, Iterator<Row> rows) {
    long start = System.nanoTime();
    TaskContext task = TaskContext.get();
    Path attempt = folders.attempt(partition, task.taskAttemptId());
    FileTrees.delete(attempt);
    IngestReport report;
    try (SharedEmbedder.Lease lease = SharedEmbedder.acquire(spec.model())) {
      report = build(partition, task.attemptNumber(), rows, attempt, lease.embedder());
    } catch (RuntimeException | Error e) {
      FileTrees.delete(attempt);
      throw e;
    }
    boolean committed = folders.commit(partition, attempt);
    List<String> rejected = report.rejected();
    return List.of(
            new ShardResult(
                partition,
                task.attemptNumber(),
                committed,
                report.documents(),
                report.chunks(),
                rejected.size(),
                rejected.subList(0, Math.min(REJECTIONS_KEPT, rejected.size())),
                (System.nanoTime() - start) / 1e9))
        .iterator();
  }

  private IngestReport build(
      int partition, int attemptNumber, Iterator<Row> rows, Path dir, OnnxEmbedder embedder) {
    QuarryConfig config = spec.config();
    FieldMapping mapping = spec.mapping();
    String name = "partition " + partition;
    RowFeed feed = new RowFeed(name);
    ExecutorService runner =
        Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("quarry-spark-shard-" + partition).daemon(true).factory());
    try (Collection shard = Collection.create(dir, config.collectionConfig(embedder.identity()))) {
      IngestPipeline pipeline =
          new IngestPipeline(
              shard, embedder, embedder, null, config.chunking(), IngestPipeline.Options.DEFAULTS);
      Future<IngestReport> job = runner.submit(() -> pipeline.run(List.of(feed), Progress.none()));
      try {
        for (long row = 0; rows.hasNext(); row++) {
          probe.beforeRow(partition, attemptNumber, row);
          feed.put(FieldRecords.of(name + " row " + row, RowFields.of(rows.next()), mapping), job);
        }
        feed.end(job);
        return job.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // Spark kills a losing speculative attempt this way
        throw new QuarryException(QuarryException.Kind.IO, name + ": task killed", e);
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new QuarryException(QuarryException.Kind.IO, name + ": " + e.getCause(), e);
      } finally {
        if (!job.isDone()) {
          pipeline.stop();
          feed.abandon();
          awaitQuietly(job);
        }
      }
    } finally {
      runner.shutdownNow();
    }
  }

  /** Lets a stopped pipeline let go of the shard before it is closed and deleted. */
  private static void awaitQuietly(Future<IngestReport> job) {
    boolean interrupted = Thread.interrupted(); // a killed task still waits for its threads
    try {
      job.get(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      interrupted = true;
    } catch (ExecutionException | TimeoutException | CancellationException ignored) {
      // the task is failing already; its own failure is the one to report
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
