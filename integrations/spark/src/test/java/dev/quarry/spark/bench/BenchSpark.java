package dev.quarry.spark.bench;

import dev.quarry.core.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/** What the Spark harnesses share: a local session, option parsing, folder sizes. */
final class BenchSpark {
  private BenchSpark() {}

  static SparkSession session(String master) {
    return SparkSession.builder()
        .master(master)
        .appName("quarry-spark-bench")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .getOrCreate();
  }

  /** Prints {@code usage} and exits when {@code args} ask for help. */
  static void helpIfAsked(String[] args, String usage) {
    if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
      System.out.println("usage: " + usage);
      System.exit(0);
    }
  }

  /** The value after {@code name} in {@code args}, or {@code fallback}. */
  static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }

  static Path freshFolder(Path dir) {
    FileTrees.delete(dir);
    return dir;
  }

  static long bytes(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(BenchSpark::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
