package dev.quarry.bench.eval;

import dev.quarry.bench.BenchPaths;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options every evaluation harness takes (a picocli mixin). */
public final class EvalOptions {
  @Mixin BenchPaths paths;

  @Mixin ModelChoice model;

  @Option(
      names = "--examples",
      paramLabel = "N",
      description =
          "Print up to N failure examples of the TUNING split to stderr (never the report split).")
  int examples;

  /** A data file, or a NOT_FOUND error that says what --data should point at. */
  Path file(String relative) {
    return EvalFiles.require(paths.data(), relative);
  }

  OnnxEmbedder openEmbedder() {
    return model.open();
  }

  /** The model's name. */
  String model() {
    return model.name;
  }
}
