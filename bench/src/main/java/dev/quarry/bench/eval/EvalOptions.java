package dev.quarry.bench.eval;

import dev.quarry.bench.BenchPaths;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.nio.file.Files;
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
    Path file = paths.data().resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "no " + relative + " under " + paths.data() + ": pass --data pointing at ../shared/data");
    }
    return file;
  }

  OnnxEmbedder openEmbedder() {
    return model.open();
  }

  /** The model's name. */
  String model() {
    return model.name;
  }
}
