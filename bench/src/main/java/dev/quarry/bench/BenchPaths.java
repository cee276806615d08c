package dev.quarry.bench;

import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where a harness reads the shared data and keeps its caches (a picocli mixin). */
public final class BenchPaths {
  @Option(
      names = "--data",
      required = true,
      paramLabel = "DIR",
      description = "The shared data folder (../shared/data); read in place, never copied.")
  private Path data;

  @Mixin private WorkFolder work;

  public Path data() {
    return data;
  }

  public Path work() {
    return work.path();
  }
}
