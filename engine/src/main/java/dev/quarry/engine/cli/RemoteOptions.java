package dev.quarry.engine.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.remote.RemoteModelOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Options of a model behind an OpenAI-compatible embeddings endpoint, shared by the commands that
 * open a collection. Without {@code --embed-url} the model runs in process and nothing is sent.
 */
final class RemoteOptions {
  /** Where the option defaults come from: the library's, for any endpoint and model. */
  private static final RemoteModelOptions DEFAULTS =
      RemoteModelOptions.of("http://127.0.0.1/v1", "defaults");

  @Option(
      names = "--embed-url",
      paramLabel = "URL",
      description =
          "Embed through this OpenAI-compatible API base (e.g. http://127.0.0.1:8080/v1); the key"
              + " comes from QUARRY_EMBED_API_KEY or OPENAI_API_KEY.")
  String url;

  @Option(
      names = "--embed-model",
      paramLabel = "NAME",
      description = "The model name the endpoint knows (with --embed-url).")
  String model;

  @Option(
      names = "--embed-dimensions",
      paramLabel = "N",
      description = "The remote vectors' length; 0 = ask the endpoint. Default: ${DEFAULT-VALUE}.")
  int dimensions = DEFAULTS.dimensions();

  @Option(
      names = "--embed-batch-size",
      paramLabel = "N",
      description = "Texts per remote request. Default: ${DEFAULT-VALUE}.")
  int batchSize = DEFAULTS.batchSize();

  @Option(
      names = "--embed-concurrency",
      paramLabel = "N",
      description = "Remote requests in flight at once. Default: ${DEFAULT-VALUE}.")
  int concurrency = DEFAULTS.concurrency();

  @Option(
      names = "--embed-max-tokens",
      paramLabel = "N",
      description = "The remote model's input limit, for chunking. Default: ${DEFAULT-VALUE}.")
  int maxTokens = DEFAULTS.maxTokens();

  @Option(
      names = "--embed-timeout",
      paramLabel = "SECONDS",
      description = "Longest wait for one remote answer. Default: ${DEFAULT-VALUE}.")
  double timeoutSeconds = DEFAULTS.requestTimeout().toMillis() / 1000.0;

  @Option(
      names = "--embed-query-prefix",
      paramLabel = "TEXT",
      description = "Put before queries (e.g. 'query: ' for e5 models).")
  String queryPrefix = "";

  @Option(
      names = "--embed-passage-prefix",
      paramLabel = "TEXT",
      description = "Put before documents (e.g. 'passage: ' for e5 models).")
  String passagePrefix = "";

  /** The remote model named, or null when none is. */
  RemoteModelOptions options() {
    if (url == null && model == null) {
      return null;
    }
    if (url == null || model == null) {
      throw QuarryException.invalid("--embed-url and --embed-model go together: give both");
    }
    if (!(timeoutSeconds > 0)) {
      throw QuarryException.invalid("--embed-timeout must be positive, got " + timeoutSeconds);
    }
    return RemoteModelOptions.of(url, model)
        .withDimensions(dimensions)
        .withBatching(batchSize, concurrency)
        .withMaxTokens(maxTokens)
        .withPrefixes(queryPrefix, passagePrefix)
        .withTimeouts(DEFAULTS.connectTimeout(), Duration.ofMillis((long) (timeoutSeconds * 1000)));
  }

  /** {@code config} with the remote model, when one is named. */
  QuarryConfig applyTo(QuarryConfig config) {
    RemoteModelOptions options = options();
    return options == null ? config : config.withRemote(options);
  }

  /** The configuration to open an existing collection with: null for what it records. */
  QuarryConfig forOpening(String modelDir) {
    QuarryConfig base = modelDir == null ? null : QuarryConfig.DEFAULTS.withModel(modelDir);
    if (url == null && model == null) {
      return base;
    }
    return applyTo(base == null ? QuarryConfig.DEFAULTS : base);
  }
}
