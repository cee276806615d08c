package dev.quarry.index.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writable store leaves no write-ahead log behind for readers to replay (decision 0159). */
class StoreLogTest {
  private static final int DIMS = 64;

  @TempDir Path dir;

  @Test
  void closingAWritableStoreEmptiesItsLogAndKeepsEveryWrite() throws IOException {
    Path path = dir.resolve("store");
    int count = 3_000;
    try (Store store = Store.open(path, DIMS, false)) {
      long seq = 0;
      for (int start = 0; start < count; start += 500) {
        try (Store.Batch batch = store.batch()) {
          for (int i = start; i < start + 500; i++) {
            batch.upsert(doc(i), ++seq);
          }
          store.write(batch);
        }
      }
      assertThat(logBytes(path)).as("log before close").isGreaterThan(100_000);
    }
    assertThat(logBytes(path)).as("log after close").isLessThan(4_096);
    try (Store reader = Store.open(path, DIMS, true)) {
      assertThat(reader.lastSeq()).isEqualTo(count);
      assertThat(reader.get("doc-" + (count - 1))).isNotNull();
    }
  }

  private static Document doc(int i) {
    float[] v = new float[DIMS];
    v[i % DIMS] = 1;
    return new Document("doc-" + i, "title " + i, "text of document " + i, null, Map.of(), v);
  }

  private static long logBytes(Path path) throws IOException {
    try (Stream<Path> files = Files.list(path)) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".log"))
          .mapToLong(p -> p.toFile().length())
          .sum();
    }
  }
}
