package dev.quarry.bench.eval;

import dev.quarry.core.Embedder;
import dev.quarry.core.Role;
import dev.quarry.engine.io.Fvecs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Passage embeddings cached as .fvecs in the work folder. The file name carries the model and a
 * digest of the texts, so a changed corpus or text recipe never reads stale vectors.
 */
public final class EmbeddingCache {
  private static final int BATCH = 1024;

  private EmbeddingCache() {}

  public static List<float[]> passages(
      Embedder embedder, Path work, String name, List<String> texts) throws Exception {
    Path cache =
        work.resolve(name + "-" + embedder.identity().name() + "-" + digest(texts) + ".fvecs");
    if (Files.isRegularFile(cache)) {
      List<float[]> vectors = Fvecs.read(cache);
      if (vectors.size() == texts.size()) {
        System.err.println("using cached vectors " + cache);
        return vectors;
      }
    }
    System.err.printf(
        "embedding %d %s texts (cached afterwards in %s)%n", texts.size(), name, cache);
    List<float[]> vectors = new ArrayList<>(texts.size());
    long start = System.nanoTime();
    for (int from = 0; from < texts.size(); from += BATCH) {
      List<String> batch = texts.subList(from, Math.min(texts.size(), from + BATCH));
      vectors.addAll(embedder.embed(batch, Role.PASSAGE).vectors());
      System.err.printf(
          "  %d/%d (%.0f/s)%n",
          vectors.size(), texts.size(), vectors.size() / ((System.nanoTime() - start) / 1e9));
    }
    Files.createDirectories(work);
    Path partial = cache.resolveSibling(cache.getFileName() + ".tmp");
    Fvecs.write(partial, vectors);
    Files.move(partial, cache, StandardCopyOption.ATOMIC_MOVE);
    return vectors;
  }

  private static String digest(List<String> texts) throws NoSuchAlgorithmException {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (String t : texts) {
      sha.update(t.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
    }
    return HexFormat.of().formatHex(sha.digest(), 0, 6);
  }
}
