package dev.quarry.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.TextDocument;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing a Quarry twice must not release the embedding cache that another open one still uses. */
class QuarryCloseTest {
  @TempDir Path dir;

  @Test
  void secondCloseDoesNothing() {
    QuarryConfig config = QuarryConfig.DEFAULTS.withModel("all-minilm-l6-v2-q");
    int before = Quarry.SharedCache.users();
    try (Quarry other = Quarry.openOrCreate(dir.resolve("other"), config)) {
      Quarry first = Quarry.openOrCreate(dir.resolve("first"), config);
      assertThat(Quarry.SharedCache.users()).isEqualTo(before + 2);
      first.close();
      first.close();
      assertThat(Quarry.SharedCache.users()).isEqualTo(before + 1);

      // The cache is still open for the other Quarry: the same text twice comes from it.
      List<TextDocument> docs = List.of(TextDocument.of("a", "a text embedded once, then cached"));
      other.upsert(docs);
      IngestReport again =
          other.upsert(List.of(TextDocument.of("b", "a text embedded once, then cached")));
      assertThat(again.cached()).isEqualTo(1);
    }
    assertThat(Quarry.SharedCache.users()).isEqualTo(before);
  }
}
