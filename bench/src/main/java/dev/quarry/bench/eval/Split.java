package dev.quarry.bench.eval;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A deterministic tuning/report split by a stable key (a row id): the key is hashed with a fixed
 * salt, so the split never depends on file order, JVM or run, and a row stays on its side when rows
 * are added. Anything tuned (detector patterns, cue words, penalty grid) may look at the tuning
 * side only; reported figures come from the report side.
 *
 * @param salt mixed into the hash so that the split is independent of other uses of the ids
 * @param tuningPercent share of keys on the tuning side, 0..100
 */
record Split(String salt, int tuningPercent) {
  /** The split every harness uses: 20% tuning, 80% report. */
  static final Split DEFAULT = new Split("quarry-eval-v1", 20);

  boolean isTuning(Object key) {
    try {
      byte[] h =
          MessageDigest.getInstance("SHA-256")
              .digest((salt + ":" + key).getBytes(StandardCharsets.UTF_8));
      return Math.floorMod(ByteBuffer.wrap(h).getLong(), 100) < tuningPercent;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
