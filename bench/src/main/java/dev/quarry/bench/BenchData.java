package dev.quarry.bench;

import dev.quarry.core.QuarryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads evaluation corpora from the shared data folder; nothing is copied into the project. */
public final class BenchData {
  static final String GLOSSES = "wordnet-glosses/wordnet30_glosses.tsv.gz";

  private BenchData() {}

  /** Every WordNet gloss (column 4 of the TSV), in file order. */
  public static List<String> wordnetGlosses(Path dataDir) {
    return wordnetColumn(dataDir, 3);
  }

  /**
   * The synset id of every gloss (column 1 of the TSV), in the order of {@link #wordnetGlosses}.
   */
  public static List<String> wordnetSynsets(Path dataDir) {
    return wordnetColumn(dataDir, 0);
  }

  private static List<String> wordnetColumn(Path dataDir, int column) {
    Path file = dataDir.resolve(GLOSSES);
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "no " + GLOSSES + " under " + dataDir + ": pass --data pointing at ../shared/data");
    }
    List<String> values = new ArrayList<>(120_000);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      in.readLine(); // header: synset_id pos lemmas gloss
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        String[] cols = line.split("\t", 4);
        if (cols.length == 4) {
          values.add(cols[column]);
        }
      }
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
    return values;
  }

  /** An evenly spaced sample of {@code n} items, so that it spans the whole corpus. */
  public static <T> List<T> spread(List<T> all, int n) {
    if (n >= all.size()) {
      return all;
    }
    List<T> out = new ArrayList<>(n);
    double step = (double) all.size() / n;
    for (int i = 0; i < n; i++) {
      out.add(all.get((int) (i * step)));
    }
    return out;
  }

  /** The 1, 5 and 15 minute load averages, to print beside figures of a shared machine. */
  public static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException | RuntimeException e) {
      return "unknown (no /proc/loadavg)";
    }
  }

  /** The median of {@code values}. */
  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  /** The median of the per-round ratios a[i] / b[i]: rounds ran back to back, so noise pairs up. */
  public static double medianRatio(double[] a, double[] b) {
    double[] ratios = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      ratios[i] = a[i] / b[i];
    }
    return median(ratios);
  }

  /** Deletes a work folder and everything in it, if it exists. */
  public static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }
}
