package dev.quarry.engine.eval;

import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Semantic textual similarity, scored as MTEB does: both sentences embedded without any prefix,
 * cosine similarity, Spearman correlation with the gold scores.
 */
public final class StsEvaluation {
  private StsEvaluation() {}

  /** One scored pair. */
  public record Pair(String first, String second, double gold) {}

  /**
   * The outcome.
   *
   * @param spearman Spearman correlation ×100
   * @param pairs pairs scored
   * @param truncated sentences cut to the model's maximum tokens
   * @param seconds time spent embedding
   */
  public record Result(double spearman, int pairs, int truncated, double seconds) {}

  /**
   * Reads the STS Benchmark layout: tab-separated, gold score in column 5, sentences in columns 6
   * and 7 (some rows carry extra source columns after them).
   */
  public static List<Pair> readStsBenchmark(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new QuarryException(QuarryException.Kind.NOT_FOUND, "no such file: " + file, e);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot read " + file + ": " + ErrorText.describe(e), e);
    }
    List<Pair> pairs = new ArrayList<>(lines.size());
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line.isBlank()) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length < 7) {
        throw QuarryException.invalid(
            file
                + ":"
                + (n + 1)
                + ": expected >= 7 tab-separated columns (STS Benchmark layout),"
                + " found "
                + cols.length);
      }
      try {
        pairs.add(new Pair(cols[5], cols[6], Double.parseDouble(cols[4])));
      } catch (NumberFormatException e) {
        throw QuarryException.invalid(
            file + ":" + (n + 1) + ": column 5 should be the gold score, found '" + cols[4] + "'");
      }
    }
    return pairs;
  }

  public static Result evaluate(Embedder embedder, List<Pair> pairs) {
    List<String> texts = new ArrayList<>(pairs.size() * 2);
    for (Pair p : pairs) {
      texts.add(p.first());
      texts.add(p.second());
    }
    long start = System.nanoTime();
    Embeddings vectors = embedder.embed(texts, Role.PASSAGE);
    double seconds = (System.nanoTime() - start) / 1e9;
    double[] predicted = new double[pairs.size()];
    double[] gold = new double[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      predicted[i] = Vectors.dot(vectors.get(2 * i), vectors.get(2 * i + 1));
      gold[i] = pairs.get(i).gold();
    }
    return new Result(
        100 * Spearman.correlation(predicted, gold), pairs.size(), vectors.truncated(), seconds);
  }
}
