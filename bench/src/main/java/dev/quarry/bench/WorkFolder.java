package dev.quarry.bench;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Where a harness keeps its cached vectors and collections (a picocli mixin); harnesses that need
 * no shared data use it alone, the others through {@link BenchPaths}.
 */
public final class WorkFolder {
  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Work folder for cached vectors and collections. Default: ${DEFAULT-VALUE}.")
  private Path work = Path.of("bench/target/work");

  public Path path() {
    return work;
  }
}
