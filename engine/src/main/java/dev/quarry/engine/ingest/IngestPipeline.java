package dev.quarry.engine.ingest;

import dev.quarry.core.Embedder;
import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.core.TokenCounter;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read → chunk and embed → write, as concurrent stages joined by bounded queues: a reader thread,
 * the calling thread cutting batches, two preparer threads chunking, hashing and embedding them
 * (the embedder spreads each batch over every core; two batches in flight keep the model busy while
 * the other is being chunked, and hide each batch's tail), and a writer thread that upserts in
 * input order and commits periodically. {@link #stop()} (e.g. from Ctrl-C) stops reading and
 * embedding at once, goes on writing what is embedded for {@link #STOP_GRACE_MILLIS}, drops the
 * rest and commits what was written, so that it is searchable; since unchanged documents are
 * skipped, running the same job again resumes it.
 */
public final class IngestPipeline {
  /**
   * Tunables of a job. Batches of up to 4,096 documents: the model sorts a batch by length before
   * cutting it into calls, so a large batch pads less, and the writer's per-batch work is spread
   * thinner (ingest / embedding-only on short texts: 0.81× at 1,024, 0.84× at 2,048, 0.87× at
   * 4,096; {@code bin/bench ingest}). A batch also ends at {@link #BATCH_CHARS} characters of text,
   * which bounds memory and keeps progress frequent for long documents, whose chunks are near the
   * model's length anyway and pad little.
   */
  public record Options(boolean strict, int batchDocuments, int commitEveryChunks) {
    public static final Options DEFAULTS = new Options(false, 4096, 20_000);
  }

  private static final Logger LOG = LoggerFactory.getLogger(IngestPipeline.class);
  private static final Object END = new Object();
  private static final int BATCHES_IN_FLIGHT = 2;
  static final int BATCH_CHARS = 1 << 19;
  private static final int TAIL_PIECES = 8;
  private static final int TAIL_PIECE_MIN = 32;

  /**
   * How long the writer goes on after {@link #stop()}, a slice at a time (graph inserts take
   * seconds per batch on a busy machine); the rest is dropped. Batches still being embedded are
   * cancelled at the stop itself: one takes tens of seconds, so waiting for it would break the
   * CLI's promise to exit within 5 s, commit included. A re-run redoes what was dropped, taking the
   * embeddings of written-off slices from the cache.
   */
  static final long STOP_GRACE_MILLIS = 1000;

  /** Documents per write while a stop may cut the batch short (see {@link #write}). */
  private static final int WRITE_SLICE = 64;

  /** How long a stopped job waits for its preparer threads to let go of the model and cache. */
  private static final long PREPARERS_EXIT_SECONDS = 10;

  private final Collection collection;
  private final Preparer preparer;
  private final Options options;
  private final AtomicBoolean stop = new AtomicBoolean();
  private volatile long stoppedAt;

  /** Batches submitted to the preparers and not yet taken by the writer: a stop cancels them. */
  private final Set<Future<?>> embedding = ConcurrentHashMap.newKeySet();

  public IngestPipeline(
      Collection collection,
      Embedder embedder,
      TokenCounter tokens,
      EmbeddingCache cache,
      ChunkOptions chunking,
      Options options) {
    this.collection = collection;
    this.preparer = new Preparer(collection, embedder, tokens, cache, chunking);
    this.options = options;
  }

  /**
   * Asks the job to stop: no more input is read, batches being embedded are cancelled, embedded
   * documents not written by {@link #STOP_GRACE_MILLIS} are dropped, and what was written is
   * committed. Safe from any thread.
   */
  public void stop() {
    stoppedAt = System.nanoTime();
    stop.set(true);
    // At once: the model threads would otherwise starve the writer and the commit of CPU.
    embedding.forEach(f -> f.cancel(true));
    LOG.debug("stop requested");
  }

  /** Whether {@link #stop()} was called (or a failure stopped the job). */
  public boolean stopped() {
    return stop.get();
  }

  public IngestReport run(List<RecordReader> readers, Progress progress) {
    long start = System.nanoTime();
    BlockingQueue<Object> records = new ArrayBlockingQueue<>(1024);
    // Futures in submission order, so the writer applies batches in input order.
    BlockingQueue<Object> writes = new ArrayBlockingQueue<>(BATCHES_IN_FLIGHT);
    ExecutorService preparers =
        Executors.newFixedThreadPool(
            BATCHES_IN_FLIGHT,
            Thread.ofPlatform().name("quarry-prepare-", 0).daemon(true).factory());
    AtomicReference<Throwable> failure = new AtomicReference<>();
    List<String> rejected = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    List<String> notes = java.util.Collections.synchronizedList(new ArrayList<>());
    FieldTypes fieldTypes = new FieldTypes(collection.fields());
    AtomicLong chunksWritten = new AtomicLong();
    AtomicLong docsWritten = new AtomicLong();
    Preparer.Counters counters = new Preparer.Counters();
    AtomicLong accepted = new AtomicLong();

    Thread reader =
        Thread.ofPlatform()
            .name("quarry-read")
            .daemon(true)
            .start(
                () -> {
                  try {
                    for (RecordReader r : readers) {
                      if (stop.get()) {
                        break;
                      }
                      r.read(
                          rec -> {
                            put(records, rec);
                            return !stop.get();
                          });
                      notes.addAll(r.notes());
                    }
                  } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                  } finally {
                    put(records, END);
                  }
                });
    Thread writer =
        Thread.ofPlatform()
            .name("quarry-write")
            .daemon(true)
            .start(
                () -> {
                  long sinceCommit = 0;
                  try {
                    while (true) {
                      Object job = writes.take();
                      if (job == END) {
                        break;
                      }
                      @SuppressWarnings("unchecked")
                      List<Preparer.Prepared> batch =
                          awaitBatch((Future<List<Preparer.Prepared>>) job);
                      embedding.remove(job);
                      if (batch == null) {
                        continue; // dropped after a stop; drain the queue up to END
                      }
                      for (int from = 0; from < batch.size(); from += WRITE_SLICE) {
                        if (pastGrace()) {
                          LOG.debug("dropped {} embedded documents", batch.size() - from);
                          break; // their embeddings are in the cache for the re-run
                        }
                        List<Preparer.Prepared> slice =
                            batch.subList(from, Math.min(batch.size(), from + WRITE_SLICE));
                        long chunks = write(slice);
                        chunksWritten.addAndGet(chunks);
                        docsWritten.addAndGet(slice.size());
                        sinceCommit += chunks;
                      }
                      progress.update(accepted.get(), chunksWritten.get());
                      LOG.debug(
                          "wrote a batch: {} documents, {} chunks in all",
                          docsWritten.get(),
                          chunksWritten.get());
                      if (sinceCommit >= options.commitEveryChunks()) {
                        collection.commit();
                        sinceCommit = 0;
                      }
                    }
                    long commitStart = System.nanoTime();
                    collection.commit();
                    LOG.debug(
                        "final commit took {} ms", (System.nanoTime() - commitStart) / 1_000_000);
                  } catch (Throwable t) {
                    failure.compareAndSet(
                        null, t instanceof ExecutionException e ? e.getCause() : t);
                    stop();
                    writes.clear();
                  }
                });

    try {
      List<TextDocument> batch = new ArrayList<>();
      long batchChars = 0;
      boolean ended = false;
      while (!ended && failure.get() == null) {
        Object item = records.poll(200, TimeUnit.MILLISECONDS);
        if (item == END) {
          ended = true;
        } else if (item instanceof SourceRecord rec) {
          FieldTypes.Admitted admitted = rec.rejected() ? null : fieldTypes.admit(rec.document());
          String problem = admitted == null ? rec.problem() : admitted.problem();
          if (problem == null && rec.warning() != null) {
            strictStop(rec.location(), rec.problem());
            warnings.add(rec.location() + ": " + rec.warning());
          }
          if (problem != null) {
            strictStop(rec.location(), problem);
            rejected.add(rec.location() + ": " + problem);
          } else {
            batch.add(admitted.document());
            batchChars += chars(admitted.document());
            accepted.incrementAndGet();
          }
        }
        if (!batch.isEmpty()
            && (ended
                || item == null
                || batch.size() >= options.batchDocuments()
                || batchChars >= BATCH_CHARS)) {
          if (stop.get()) {
            break; // embed no more; batches in flight get the grace period
          }
          List<TextDocument> latest = latestPerId(batch, counters);
          for (List<TextDocument> cut : ended ? tail(latest) : List.of(latest)) {
            Future<?> prepared = preparers.submit(() -> preparer.prepare(cut, counters));
            embedding.add(prepared);
            if (!enqueue(writes, prepared)) {
              break;
            }
          }
          batch = new ArrayList<>();
          batchChars = 0;
        }
        progress.update(accepted.get(), chunksWritten.get());
        if (stop.get() && !ended) {
          break;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stop();
    } finally {
      if (failure.get() != null) {
        writes.clear(); // the writer has stopped taking; nothing more will be written
      }
      put(writes, END);
      join(writer);
      reader.interrupt();
      awaitPreparers(preparers);
      progress.update(accepted.get(), chunksWritten.get());
      progress.close();
    }
    Throwable t = failure.get();
    if (t instanceof QuarryException q) {
      throw q;
    }
    if (t != null) {
      throw new QuarryException(
          QuarryException.Kind.RUNTIME, "ingestion failed: " + ErrorText.describe(t), t);
    }
    return new IngestReport(
        accepted.get(),
        docsWritten.get(),
        chunksWritten.get(),
        counters.skipped.sum(),
        counters.cached.sum(),
        counters.embedded.sum(),
        counters.truncated.sum(),
        rejected,
        warnings,
        notes,
        (System.nanoTime() - start) / 1e9,
        stop.get());
  }

  /** Under {@code --strict}, the first bad record (or warning) ends the job. */
  private void strictStop(String location, String problem) {
    if (options.strict()) {
      stop();
      throw QuarryException.invalid(
          location + ": " + problem + " (--strict stops at the first bad record)");
    }
  }

  /**
   * Waits for a batch being prepared. After a stop it gives the batch until the grace period ends,
   * then cancels it (interrupting its model calls) and returns null: the batch is dropped.
   */
  private List<Preparer.Prepared> awaitBatch(Future<List<Preparer.Prepared>> batch)
      throws InterruptedException, ExecutionException {
    while (true) {
      try {
        return batch.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (pastGrace()) {
          batch.cancel(true);
          LOG.debug("dropped a batch still being embedded");
          return null;
        }
      } catch (CancellationException e) {
        return null;
      }
    }
  }

  private boolean pastGrace() {
    return stop.get()
        && System.nanoTime() - stoppedAt > TimeUnit.MILLISECONDS.toNanos(STOP_GRACE_MILLIS);
  }

  /**
   * Writes whole documents: a changed document's old chunks go and its new ones come in the same
   * slice, so a stop between slices never leaves a document half replaced. Returns the chunks
   * written.
   */
  private long write(List<Preparer.Prepared> slice) {
    List<Document> docs = new ArrayList<>();
    List<String> orphans = new ArrayList<>();
    for (Preparer.Prepared p : slice) {
      docs.addAll(p.chunks());
      orphans.addAll(p.orphans());
    }
    if (!orphans.isEmpty()) {
      collection.delete(orphans);
    }
    collection.upsert(docs);
    return docs.size();
  }

  /** Queues a batch for the writer; false (and the batch cancelled) when the job stops first. */
  private boolean enqueue(BlockingQueue<Object> writes, Future<?> batch)
      throws InterruptedException {
    while (!writes.offer(batch, 50, TimeUnit.MILLISECONDS)) {
      if (stop.get()) {
        batch.cancel(true);
        return false;
      }
    }
    return true;
  }

  /**
   * Stops the preparer threads and waits for them: a dropped batch may still be inside a model call
   * or the embedding cache, which the caller closes next.
   */
  private static void awaitPreparers(ExecutorService preparers) {
    preparers.shutdownNow();
    try {
      if (!preparers.awaitTermination(PREPARERS_EXIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("ingestion threads still busy {} s after the job ended", PREPARERS_EXIT_SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The batch without records that a later record with the same id replaces: embedding them would
   * be wasted, and it lets {@link #tail} reorder the last batch. They count as skipped.
   */
  private static List<TextDocument> latestPerId(
      List<TextDocument> batch, Preparer.Counters counters) {
    Map<String, TextDocument> latest = new LinkedHashMap<>();
    for (TextDocument d : batch) {
      latest.remove(d.id()); // re-inserted at its later position
      latest.put(d.id(), d);
    }
    counters.skipped.add(batch.size() - latest.size());
    return latest.size() == batch.size() ? batch : new ArrayList<>(latest.values());
  }

  /**
   * Cuts the last batch into small pieces. Nothing overlaps the writer's work on the last piece
   * (graph inserts for each vector, then the commit), so a whole batch there left one core idle for
   * a quarter of a second; the model pool is first-in first-out, so pieces finish in order and the
   * writer inserts each while the next is embedded. The pieces are bands of length (ids are unique
   * here, so write order does not matter): each model call then pads as little as in one call for
   * the whole batch, where pieces in input order cost 2–5% more model time.
   */
  private static List<List<TextDocument>> tail(List<TextDocument> last) {
    List<TextDocument> byLength = new ArrayList<>(last);
    byLength.sort(Comparator.comparingLong(IngestPipeline::chars));
    int piece = Math.max(TAIL_PIECE_MIN, (last.size() + TAIL_PIECES - 1) / TAIL_PIECES);
    List<List<TextDocument>> pieces = new ArrayList<>();
    for (int i = 0; i < byLength.size(); i += piece) {
      pieces.add(byLength.subList(i, Math.min(byLength.size(), i + piece)));
    }
    return pieces;
  }

  private static long chars(TextDocument d) {
    return d.text().length() + (d.title() == null ? 0 : d.title().length());
  }

  private static void put(BlockingQueue<Object> q, Object o) {
    try {
      q.put(o);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void join(Thread t) {
    try {
      t.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
