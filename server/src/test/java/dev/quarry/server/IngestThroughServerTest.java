package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.embed.remote.FaultyEmbeddingsEndpoint;
import dev.quarry.engine.embed.remote.RemoteModelOptions;
import dev.quarry.engine.embed.remote.RetryPolicy;
import dev.quarry.engine.embed.remote.VectorSource;
import dev.quarry.engine.ingest.Chunker;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.index.Document;
import dev.quarry.testing.RandomCases;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 19, acceptance 2 through Quarry's own server: a collection embeds through {@code quarry
 * serve}'s {@code /v1/embeddings}, behind a proxy that answers 429 with {@code Retry-After}, 500,
 * too slowly and with cut bodies at seeded points ({@code -Dquarry.seed=N}). Every document is
 * stored exactly once, with the vector the model gives in process.
 */
class IngestThroughServerTest {
  /** Not quantized: its vectors do not depend on which texts share a batch. */
  private static final String MODEL = "all-minilm-l6-v2";

  private static final int DOCUMENTS = 60;

  @TempDir Path root;

  @Test
  void everyDocumentIsStoredOnceWithTheModelsVectorThroughFaults() throws Exception {
    long seed = RandomCases.seed();
    System.out.printf(
        "IngestThroughServerTest: seed=%d (re-run with -D%s=%d)%n",
        seed, RandomCases.SEED_PROPERTY, seed);
    List<TextDocument> docs = new ArrayList<>();
    for (int i = 0; i < DOCUMENTS; i++) {
      docs.add(
          new TextDocument(
              "n" + i,
              "Note " + i,
              "Field note " + i + " about topic " + (i * 31 % 17) + ", written down in a hurry.",
              Map.of()));
    }
    try (LiveServer server = LiveServer.start(root, ServerOptions.local(0));
        FaultyEmbeddingsEndpoint proxy =
            new FaultyEmbeddingsEndpoint(
                VectorSource.forwardingTo(URI.create(server.base() + "/v1")), seed, 4000)) {
      proxy.faultRate(0.3);
      // A short ingest makes few requests (9 with some seeds: 0.7^9 = 4% of seeds drew no fault).
      proxy.faultNext();
      QuarryConfig config =
          QuarryConfig.DEFAULTS
              .withEmbeddingCache(false) // every vector must come through the server
              .withRemote(
                  RemoteModelOptions.of(proxy.baseUrl(), MODEL)
                      .withBatching(8, 2)
                      .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(2))
                      .withRetry(
                          new RetryPolicy(12, Duration.ofMillis(5), Duration.ofMillis(100))));
      try (Quarry q = Quarry.create(root.resolve("remote"), config);
          OnnxEmbedder local =
              OnnxEmbedder.open(ModelRepository.resolve(MODEL), EmbedderOptions.DEFAULTS)) {
        IngestReport r =
            q.ingest(
                List.of(RecordReader.of("note", docs)),
                Progress.none(),
                new IngestPipeline.Options(false, 8, 16));
        q.commit();
        assertThat(r.written()).isEqualTo(DOCUMENTS);
        assertThat(q.verify().problems()).isEmpty();
        assertThat(q.stats().documents()).as("no duplicates").isEqualTo(DOCUMENTS);
        for (TextDocument d : docs) {
          Document stored = q.get(d.id()).orElseThrow();
          float[] want =
              local.embed(List.of(Chunker.withTitle(d.title(), d.text())), Role.PASSAGE).get(0);
          assertThat(Vectors.dot(stored.vector(), want)).as(d.id()).isGreaterThan(0.9999f);
        }
      }
      System.out.printf(
          "through the server: %d requests, %d faults%n", proxy.requests(), proxy.faults());
      assertThat(proxy.faults()).isPositive();
    }
  }
}
