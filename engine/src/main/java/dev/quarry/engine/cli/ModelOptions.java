package dev.quarry.engine.cli;

import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import picocli.CommandLine.Option;

/** Options shared by every command that runs a model. */
final class ModelOptions {
  @Option(
      names = "--model",
      paramLabel = "NAME|DIR",
      description =
          "Built-in model name (see 'quarry models') or a model directory. Default: ${DEFAULT-VALUE}.")
  String model = BuiltinModel.DEFAULT.modelName();

  @Option(
      names = "--threads",
      paramLabel = "N",
      description =
          "ONNX Runtime threads inside one model call; 0 = automatic. Default: ${DEFAULT-VALUE}.")
  int threads = EmbedderOptions.DEFAULTS.intraOpThreads();

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Model calls run at once; 0 = one per core. Default: ${DEFAULT-VALUE}.")
  int workers = EmbedderOptions.DEFAULTS.workers();

  @Option(
      names = "--batch-size",
      paramLabel = "N",
      description = "Texts per model call. Default: ${DEFAULT-VALUE}.")
  int batchSize = EmbedderOptions.DEFAULTS.batchSize();

  @Option(
      names = "--device",
      paramLabel = "cpu|cuda",
      description = "Where the model runs. Default: ${DEFAULT-VALUE}.")
  String device = EmbedderOptions.DEFAULTS.device();

  OnnxEmbedder open(int dimensions) {
    EmbedderOptions options =
        EmbedderOptions.DEFAULTS
            .withThreads(threads)
            .withWorkers(workers)
            .withBatchSize(batchSize)
            .withDevice(device)
            .withDimensions(dimensions);
    return OnnxEmbedder.open(ModelRepository.resolve(model), options);
  }
}
