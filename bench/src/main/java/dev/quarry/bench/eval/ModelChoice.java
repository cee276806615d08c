package dev.quarry.bench.eval;

import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import picocli.CommandLine.Option;

/** Which built-in embedding model a harness uses (a picocli mixin). */
public final class ModelChoice {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description = "Built-in embedding model. Default: ${DEFAULT-VALUE}.")
  String name = "all-minilm-l6-v2";

  /** The model, with the default embedder options; the caller closes it. */
  OnnxEmbedder open() {
    return OnnxEmbedder.open(ModelRepository.resolve(name), EmbedderOptions.DEFAULTS);
  }
}
