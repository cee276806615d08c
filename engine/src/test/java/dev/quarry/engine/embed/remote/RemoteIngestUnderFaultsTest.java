package dev.quarry.engine.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Vectors;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.Chunker;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.index.Document;
import dev.quarry.testing.RandomCases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, acceptance 2: ingestion through an embedding endpoint that answers 429 with {@code
 * Retry-After}, 500, too slowly and with cut bodies, at seeded random points ({@code
 * -Dquarry.seed=N}). Either every document is stored exactly once with its own vector, or the job
 * stops with one clear line and what it wrote verifies clean; a re-run after the endpoint heals
 * completes it, and one more run sends nothing.
 *
 * <p>The vectors come from a {@link VectorSource}: hash vectors here; {@link
 * VectorSource#forwardingTo} puts the same faults in front of a real endpoint (Quarry's own
 * server), with {@link #expected} then the in-process model's vectors.
 */
class RemoteIngestUnderFaultsTest {
  private static final int DIMS = 32;
  private static final int DOCUMENTS = 300;
  private static final long SLOW_MILLIS = 2000;
  private static final IngestPipeline.Options SMALL_BATCHES =
      new IngestPipeline.Options(false, 32, 64);

  @TempDir Path dir;

  /** The vector the endpoint should give a text, for the check after ingestion. */
  private final Function<String, float[]> expected = text -> VectorSource.hashVector(text, DIMS);

  private FaultyEmbeddingsEndpoint endpoint(long seedOffset) throws Exception {
    long seed = RandomCases.seed() + seedOffset;
    System.out.printf(
        "RemoteIngestUnderFaultsTest: endpoint seed=%d (re-run with -D%s=%d)%n",
        seed, RandomCases.SEED_PROPERTY, RandomCases.seed());
    return new FaultyEmbeddingsEndpoint(VectorSource.hashing(DIMS), seed, SLOW_MILLIS);
  }

  /**
   * Requests time out well before a slow answer comes (and not on a loaded machine's normal one);
   * retries are quick.
   */
  private static QuarryConfig config(String baseUrl, int attempts) {
    return QuarryConfig.DEFAULTS
        .withEmbeddingCache(false) // every embedding must come through the endpoint
        .withRemote(
            RemoteModelOptions.of(baseUrl, "hash-model")
                .withBatching(8, 4)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(SLOW_MILLIS / 2))
                .withRetry(new RetryPolicy(attempts, Duration.ofMillis(2), Duration.ofMillis(40))));
  }

  private static List<TextDocument> corpus() {
    List<TextDocument> docs = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      docs.add(
          new TextDocument(
              "d" + i,
              "Note " + i,
              "Document " + i + " talks about subject " + (i * 7919 % 101) + " at some length.",
              Map.of("n", (long) i)));
    }
    return docs;
  }

  private static IngestReport ingest(Quarry q, List<TextDocument> docs) {
    return q.ingest(List.of(RecordReader.of("document", docs)), Progress.none(), SMALL_BATCHES);
  }

  /** Every stored document is one of {@code docs}, whole, with its own vector; returns how many. */
  private long checkStored(Quarry q, List<TextDocument> docs) {
    assertThat(q.verify().problems()).isEmpty();
    long found = 0;
    for (TextDocument d : docs) {
      Document stored = q.get(d.id()).orElse(null);
      if (stored == null) {
        continue;
      }
      found++;
      assertThat(stored.text()).isEqualTo(d.text());
      float[] want =
          Vectors.normalizeInPlace(expected.apply(Chunker.withTitle(d.title(), d.text())));
      assertThat(Vectors.dot(stored.vector(), want)).as(d.id()).isGreaterThan(0.9999f);
    }
    assertThat(q.stats().documents()).as("no other ids, no duplicates").isEqualTo(found);
    return found;
  }

  @Test
  void everyDocumentIsStoredExactlyOnceThroughFaults() throws Exception {
    List<TextDocument> docs = corpus();
    try (FaultyEmbeddingsEndpoint endpoint = endpoint(0)) {
      endpoint.faultRate(0.3);
      QuarryConfig config = config(endpoint.baseUrl(), 12);
      double seconds;
      try (Quarry q = Quarry.create(dir, config)) {
        IngestReport r = ingest(q, docs);
        seconds = r.seconds();
        assertThat(r.written()).isEqualTo(DOCUMENTS);
        assertThat(r.embedded()).isEqualTo(DOCUMENTS);
        q.commit();
        assertThat(checkStored(q, docs)).isEqualTo(DOCUMENTS);
      }
      System.out.printf(
          "%d requests, %d faults (%s), ingest %.1f s%n",
          endpoint.requests(), endpoint.faults(), faultCounts(endpoint), seconds);
      assertThat(endpoint.faults()).isPositive();

      endpoint.faultRate(0);
      try (Quarry q = Quarry.open(dir, config)) {
        String exact = Chunker.withTitle(docs.get(42).title(), docs.get(42).text());
        assertThat(q.search(exact, 1).hits().get(0).id()).isEqualTo("d42");
        assertThat(ingest(q, docs).skipped()).isEqualTo(DOCUMENTS);
      }
    }
  }

  @Test
  void anOutageStopsTheJobInOneLineAndARerunAfterItCompletes() throws Exception {
    List<TextDocument> docs = corpus();
    try (FaultyEmbeddingsEndpoint endpoint = endpoint(1)) {
      QuarryConfig config = config(endpoint.baseUrl(), 4);
      endpoint.breakAfter(24); // the probe, then 23 batches of 8: the job is half done
      try (Quarry q = Quarry.create(dir, config)) {
        assertThatThrownBy(() -> ingest(q, docs))
            .isInstanceOf(QuarryException.class)
            .hasMessage(
                "the embedding endpoint at 127.0.0.1 still fails after 4 attempts (last: HTTP"
                    + " 500: The server is down); try again when it answers");
      }
      long before;
      try (Quarry q = Quarry.open(dir, config)) {
        before = checkStored(q, docs);
      }
      System.out.printf("stored before the outage: %d of %d%n", before, DOCUMENTS);
      assertThat(before).isBetween(1L, DOCUMENTS - 1L);

      endpoint.breakAfter(Integer.MAX_VALUE);
      endpoint.faultRate(0.3);
      config = config(endpoint.baseUrl(), 12); // retry policies are not part of the model
      try (Quarry q = Quarry.open(dir, config)) {
        IngestReport r = ingest(q, docs);
        assertThat(r.skipped()).isEqualTo(before);
        assertThat(r.written()).isEqualTo(DOCUMENTS - before);
        q.commit();
        assertThat(checkStored(q, docs)).isEqualTo(DOCUMENTS);
      }
      int requests = endpoint.requests();
      try (Quarry q = Quarry.open(dir, config)) {
        assertThat(ingest(q, docs).skipped()).isEqualTo(DOCUMENTS);
      }
      assertThat(endpoint.requests()).as("nothing to embed, no probe").isEqualTo(requests);
    }
  }

  @Test
  void aRemoteCollectionNamesItsModelAndRefusesAnother() throws Exception {
    try (FaultyEmbeddingsEndpoint endpoint = endpoint(2)) {
      QuarryConfig config = config(endpoint.baseUrl(), 3);
      try (Quarry q = Quarry.create(dir, config)) {
        ingest(q, corpus().subList(0, 5));
        assertThat(q.collection().config().model().describe())
            .isEqualTo("hash-model (remote, 32-d, 127.0.0.1)");
      }
      assertThatThrownBy(() -> Quarry.open(dir))
          .hasMessageContaining("was built with the remote model hash-model (remote, 32-d")
          .hasMessageEndingWith("name it again (--embed-url URL --embed-model hash-model)");
      QuarryConfig other =
          config.withRemote(RemoteModelOptions.of(endpoint.baseUrl(), "other-model"));
      assertThatThrownBy(() -> Quarry.open(dir, other))
          .isInstanceOf(QuarryException.class)
          .extracting(e -> ((QuarryException) e).kind())
          .isEqualTo(QuarryException.Kind.INCOMPATIBLE);
      assertThat(endpoint.requests())
          .as("open sends nothing: the collection knows the size")
          .isEqualTo(1 + 1); // the probe at create, one batch of 5
    }
  }

  private static String faultCounts(FaultyEmbeddingsEndpoint endpoint) {
    List<String> parts = new ArrayList<>();
    for (FaultyEmbeddingsEndpoint.Fault f : FaultyEmbeddingsEndpoint.Fault.values()) {
      parts.add(f.name().toLowerCase(java.util.Locale.ROOT) + " " + endpoint.faults(f));
    }
    return String.join(", ", parts);
  }
}
