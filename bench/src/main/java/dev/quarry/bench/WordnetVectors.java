package dev.quarry.bench;

import dev.quarry.core.Role;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.io.Fvecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The WordNet glosses embedded with a model, cached as .fvecs under a work folder (embedding 117k
 * texts takes minutes; the vectors never change for a given model).
 */
public final class WordnetVectors {
  private WordnetVectors() {}

  /** The first {@code limit} glosses of an even spread over the corpus, embedded. */
  public static List<float[]> load(Path data, Path work, String model, int limit) throws Exception {
    List<String> all = BenchData.wordnetGlosses(data);
    int n = Math.min(limit, all.size());
    Path cache = work.resolve("wordnet-" + model + "-" + n + ".fvecs");
    if (Files.isRegularFile(cache)) {
      System.err.println("using cached vectors " + cache);
      return Fvecs.read(cache);
    }
    List<String> texts = BenchData.spread(all, n);
    System.err.printf(
        "embedding %d WordNet glosses with %s (cached afterwards in %s)%n",
        texts.size(), model, cache);
    List<float[]> vectors = new ArrayList<>(texts.size());
    long start = System.nanoTime();
    try (OnnxEmbedder embedder =
        OnnxEmbedder.open(ModelRepository.resolve(model), EmbedderOptions.DEFAULTS)) {
      for (int from = 0; from < texts.size(); from += 4096) {
        vectors.addAll(
            embedder
                .embed(texts.subList(from, Math.min(texts.size(), from + 4096)), Role.PASSAGE)
                .vectors());
        System.err.printf(
            "  %d/%d (%.0f/s)%n",
            vectors.size(), texts.size(), vectors.size() / ((System.nanoTime() - start) / 1e9));
      }
    }
    Files.createDirectories(work);
    Fvecs.write(cache, vectors);
    return vectors;
  }
}
