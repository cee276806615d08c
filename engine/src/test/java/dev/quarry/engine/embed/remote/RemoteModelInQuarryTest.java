package dev.quarry.engine.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.cli.QuarryCli;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.TextDocument;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote model through Quarry's front doors: the shared embedding cache keyed on the remote
 * identity, the command line, and the default path, which must never open a connection.
 */
class RemoteModelInQuarryTest {
  @TempDir Path dir;

  @Test
  void theEmbeddingCacheServesARemoteModelAndKeysOnItsIdentity() throws Exception {
    try (FaultyEmbeddingsEndpoint endpoint =
        new FaultyEmbeddingsEndpoint(VectorSource.hashing(16), 3, 0)) {
      // A model name of its own, so that no earlier run's cache entries answer.
      String model = "cached-" + UUID.randomUUID();
      QuarryConfig config =
          QuarryConfig.DEFAULTS.withRemote(RemoteModelOptions.of(endpoint.baseUrl(), model));
      List<TextDocument> docs =
          List.of(TextDocument.of("a", "first text"), TextDocument.of("b", "second text"));
      try (Quarry q = Quarry.create(dir.resolve("one"), config)) {
        assertThat(q.upsert(docs).embedded()).isEqualTo(2);
      }
      int requests = endpoint.requests();
      try (Quarry q = Quarry.create(dir.resolve("two"), config)) {
        IngestReport r = q.upsert(docs);
        assertThat(r.cached()).isEqualTo(2);
      }
      assertThat(endpoint.requests() - requests).as("only the probe").isEqualTo(1);
      QuarryConfig prefixed =
          config.withRemote(config.remote().withPrefixes("query: ", "passage: "));
      try (Quarry q = Quarry.create(dir.resolve("three"), prefixed)) {
        assertThat(q.upsert(docs).embedded()).as("other prefixes, other vectors").isEqualTo(2);
      }
    }
  }

  @Test
  void theCommandLineIndexesAndSearchesThroughTheEndpoint() throws Exception {
    Path docs = dir.resolve("docs.jsonl");
    Files.writeString(
        docs,
        """
        {"id": "a", "text": "Rivers carry water to the sea."}
        {"id": "b", "text": "Compilers turn source code into programs."}
        """);
    String collection = dir.resolve("c").toString();
    try (FaultyEmbeddingsEndpoint endpoint =
        new FaultyEmbeddingsEndpoint(VectorSource.hashing(16), 4, 0)) {
      String[] remote = {"--embed-url", endpoint.baseUrl(), "--embed-model", "hash-model"};
      Run index = run(withRemote(remote, "index", collection, docs.toString(), "--quiet"));
      assertThat(index.exit()).as(index.err()).isZero();
      Run search =
          run(
              withRemote(
                  remote,
                  "search",
                  collection,
                  "Compilers turn source code into programs.",
                  "--json"));
      assertThat(search.exit()).as(search.err()).isZero();
      assertThat(search.out().indexOf("\"id\": \"b\""))
          .as("the exact text's document first")
          .isBetween(0, search.out().indexOf("\"id\": \"a\""));
      Run without = run("search", collection, "rivers");
      assertThat(without.exit()).isEqualTo(2);
      assertThat(without.err().strip())
          .endsWith("name it again (--embed-url URL --embed-model hash-model)")
          .doesNotContain("\n");
      Run half = run("search", collection, "rivers", "--embed-url", endpoint.baseUrl());
      assertThat(half.err()).contains("--embed-url and --embed-model go together");

      Path lines = dir.resolve("lines.txt");
      Files.writeString(lines, "first line\nsecond line\n");
      Run embed =
          run(
              withRemote(
                  remote,
                  "embed",
                  lines.toString(),
                  "--role",
                  "query",
                  "--embed-query-prefix",
                  "q: "));
      assertThat(embed.exit()).as(embed.err()).isZero();
      List<String> out = embed.out().lines().toList();
      assertThat(out).hasSize(2);
      var second = com.google.gson.JsonParser.parseString(out.get(1)).getAsJsonObject();
      float[] vector = new float[16];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = second.getAsJsonArray("vector").get(i).getAsFloat();
      }
      assertThat(vector)
          .containsExactly(
              VectorSource.hashVector("q: second line", 16),
              org.assertj.core.api.Assertions.within(1e-6f));
    }
  }

  @Test
  void theDefaultPathNeverBuildsAnHttpClient() {
    Set<Long> before = httpClientThreads();
    try (Quarry q =
        Quarry.create(
            dir.resolve("local"), QuarryConfig.DEFAULTS.withModel("all-minilm-l6-v2-q"))) {
      q.upsert(List.of(TextDocument.of("a", "embedded in process")));
      assertThat(q.search("in process", 1).hits()).hasSize(1);
      assertThat(q.embedder()).isNotInstanceOf(RemoteEmbedder.class);
    }
    assertThat(QuarryConfig.DEFAULTS.remote()).isNull();
    // Every java.net.http client starts a selector thread named HttpClient-N-SelectorManager.
    assertThat(httpClientThreads()).isSubsetOf(before);
  }

  private static Set<Long> httpClientThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("HttpClient-"))
        .map(Thread::threadId)
        .collect(Collectors.toSet());
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QuarryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  /** {@code args}, then the remote model's options. */
  private static String[] withRemote(String[] remote, String... args) {
    String[] all = java.util.Arrays.copyOf(args, args.length + remote.length);
    System.arraycopy(remote, 0, all, args.length, remote.length);
    return all;
  }
}
