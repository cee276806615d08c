package dev.quarry.bench.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a search/upsert mix from concurrent clients for a fixed time against a {@link Target}, and
 * records each operation's latency, the errors and the ids of acknowledged upserts.
 */
final class LoadMix {
  /** What the clients call: the server over HTTP, or a Quarry in this process. */
  interface Target {
    void search(String query) throws Exception;

    void upsert(String id, String text) throws Exception;
  }

  /** What a run did. */
  record Result(
      long searches,
      long upserts,
      long errors,
      List<String> firstErrors,
      List<String> acknowledged,
      double seconds,
      long[] searchNanos) {
    double queriesPerSecond() {
      return searches / seconds;
    }

    double percentileMillis(double p) {
      if (searchNanos.length == 0) {
        return Double.NaN;
      }
      int at = (int) Math.min(searchNanos.length - 1, Math.ceil(p * searchNanos.length) - 1);
      return searchNanos[Math.max(0, at)] / 1e6;
    }
  }

  private LoadMix() {}

  static Result run(
      Target target,
      int clients,
      double seconds,
      double searchShare,
      List<String> queries,
      List<String> texts,
      String idPrefix,
      long seed)
      throws InterruptedException {
    AtomicLong searches = new AtomicLong();
    AtomicLong upserts = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    ConcurrentLinkedQueue<String> firstErrors = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    List<long[]> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
    CountDownLatch done = new CountDownLatch(clients);
    long start = System.nanoTime();
    long end = start + (long) (seconds * 1e9);
    for (int c = 0; c < clients; c++) {
      int client = c;
      Thread.ofPlatform()
          .name("load-client-" + c)
          .start(
              () -> {
                Random random = new Random(seed * 31 + client);
                long[] mine = new long[1024];
                int n = 0;
                int written = 0;
                try {
                  while (System.nanoTime() < end) {
                    try {
                      if (random.nextDouble() < searchShare) {
                        long t = System.nanoTime();
                        target.search(queries.get(random.nextInt(queries.size())));
                        if (n == mine.length) {
                          mine = Arrays.copyOf(mine, n * 2);
                        }
                        mine[n++] = System.nanoTime() - t;
                        searches.incrementAndGet();
                      } else {
                        String id = idPrefix + client + "-" + written++;
                        target.upsert(
                            id, texts.get(random.nextInt(texts.size())) + " (" + id + ")");
                        acknowledged.add(id);
                        upserts.incrementAndGet();
                      }
                    } catch (Exception e) {
                      if (errors.incrementAndGet() <= 5) {
                        firstErrors.add(e.toString());
                      }
                    }
                  }
                } finally {
                  latencies.add(Arrays.copyOf(mine, n));
                  done.countDown();
                }
              });
    }
    done.await();
    double took = (System.nanoTime() - start) / 1e9;
    long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(
        searches.get(),
        upserts.get(),
        errors.get(),
        List.copyOf(firstErrors),
        List.copyOf(acknowledged),
        took,
        all);
  }
}
