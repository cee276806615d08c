package dev.quarry.engine.collection;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.Role;
import dev.quarry.engine.cli.QuarryCli;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.KnnOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reindexing changes the encoding from stored vectors alone: the model is never called, every id
 * stays, and search still finds the same documents. Verify and stats work from the CLI.
 */
class ReindexWithoutModelTest {
  @TempDir Path dir;

  /** Counts every call that reaches the model. */
  static final class CountingEmbedder implements Embedder {
    final Embedder inner;
    final AtomicInteger calls = new AtomicInteger();

    CountingEmbedder(Embedder inner) {
      this.inner = inner;
    }

    @Override
    public ModelIdentity identity() {
      return inner.identity();
    }

    @Override
    public int maxTokens() {
      return inner.maxTokens();
    }

    @Override
    public Embeddings embed(List<String> texts, Role role) {
      calls.incrementAndGet();
      return inner.embed(texts, role);
    }

    @Override
    public void close() {
      inner.close();
    }
  }

  private static String[] run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QuarryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new String[] {Integer.toString(exit), out.toString(), err.toString()};
  }

  @Test
  void reindexNeverCallsTheModelAndKeepsEveryId() throws IOException {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      texts.add(
          "note number "
              + i
              + " about "
              + (i % 2 == 0 ? "databases and indexes" : "cooking pasta"));
    }
    Path path = dir.resolve("c");
    try (CountingEmbedder embedder =
        new CountingEmbedder(
            OnnxEmbedder.open(
                ModelRepository.resolve("all-minilm-l6-v2"), EmbedderOptions.DEFAULTS))) {
      Embeddings vectors = embedder.embed(texts, Role.PASSAGE);
      try (Collection c = Collection.create(path, CollectionConfig.forModel(embedder.identity()))) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
          docs.add(Document.builder("n" + i).text(texts.get(i)).vector(vectors.get(i)).build());
        }
        c.upsert(docs);
      }
      float[] query = embedder.embed("how do database indexes work", Role.QUERY);
      int callsBefore = embedder.calls.get();

      for (String encoding : List.of("int8", "binary", "float32")) {
        String[] r = run("reindex", path.toString(), "--encoding", encoding);
        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("reindexed 120 documents as " + encoding);
      }
      assertThat(embedder.calls.get()).isEqualTo(callsBefore);

      try (Collection c = Collection.open(path)) {
        for (int i = 0; i < texts.size(); i++) {
          assertThat(c.get("n" + i)).isPresent();
        }
        assertThat(c.search(query, 5, KnnOptions.DEFAULTS))
            .allSatisfy(h -> assertThat(Integer.parseInt(h.id().substring(1)) % 2).isZero());
      }
    }
    String[] stats = run("stats", path.toString());
    assertThat(stats[1]).contains("documents:      120", "float32", "all-minilm-l6-v2");
    String[] ok = run("verify", path.toString());
    assertThat(ok[0]).isEqualTo("0");
    assertThat(ok[1]).contains("ok");

    Path vex;
    try (Stream<Path> files = Files.list(path.resolve("lucene-4"))) {
      vex = files.filter(p -> p.toString().endsWith(".vex")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(vex);
    bytes[bytes.length / 3] ^= 0x11;
    Files.write(vex, bytes);
    String[] bad = run("verify", path.toString());
    assertThat(bad[0]).isEqualTo("1");
    assertThat(bad[2]).contains(vex.getFileName().toString());

    Files.writeString(path.resolve("quarry.json"), "{ not json");
    String[] manifest = run("verify", path.toString());
    assertThat(manifest[0]).isEqualTo("1");
    assertThat(manifest[2]).startsWith("error: manifest " + path.resolve("quarry.json"));
  }
}
