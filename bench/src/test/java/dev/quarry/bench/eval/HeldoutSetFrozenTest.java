package dev.quarry.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The held-out set under data/heldout is frozen: any edit to its files fails here. The sums are
 * repeated in its README; changing both is not a fix (write a new set instead, see the README).
 */
class HeldoutSetFrozenTest {
  private static final Path DIR = Path.of("../data/heldout");
  private static final Map<String, String> SHA256 =
      Map.of(
          "corpus.jsonl", "f868148a6be741e4e800a852cb521f0dbf4e7e0eab510e48bd0e16f9e1715dd6",
          "queries.jsonl", "7e1de8784d5ecdedf9d4e92ec8f29815fdb25fbb02de18c7bb14ac15e3f5f28b");

  @Test
  void filesMatchTheirFrozenSums() throws IOException, NoSuchAlgorithmException {
    for (var e : SHA256.entrySet()) {
      byte[] bytes = Files.readAllBytes(DIR.resolve(e.getKey()));
      String sum = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      assertThat(sum).as("sha256 of data/heldout/%s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void readmeStatesTheSameSums() throws IOException {
    String readme = Files.readString(DIR.resolve("README.md"));
    SHA256.values().forEach(sum -> assertThat(readme).contains(sum));
  }
}
