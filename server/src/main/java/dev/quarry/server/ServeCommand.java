package dev.quarry.server;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.BuiltinModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry serve DIR…}: serves collections over HTTP until Ctrl-C. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the collections DIR... over HTTP: the collection API, an OpenAI-compatible"
          + " /v1/embeddings and the web page (docs/server.md). A folder without a collection gets"
          + " a new one. Listens on 127.0.0.1 unless --host names another address, which needs an"
          + " API key (QUARRY_API_KEY or --api-key-file)."
    })
final class ServeCommand implements Runnable {
  static final String KEY_VARIABLE = "QUARRY_API_KEY";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "DIR", description = "Collection folders.")
  List<Path> dirs;

  @Option(names = "--port", description = "Port (0 = any free one). Default: ${DEFAULT-VALUE}.")
  int port = ServerOptions.DEFAULT_PORT;

  @Option(names = "--host", description = "Address to bind. Default: ${DEFAULT-VALUE}.")
  String host = ServerOptions.LOOPBACK;

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description = "File holding the API key clients send as 'Authorization: Bearer KEY'.")
  Path apiKeyFile;

  @Option(
      names = "--cors",
      paramLabel = "ORIGIN",
      description = "Let browser pages from ORIGIN (e.g. http://localhost:3000) call the API.")
  String cors;

  @Option(
      names = "--max-body-mb",
      paramLabel = "MB",
      description = "Largest request body (and NDJSON line). Default: ${DEFAULT-VALUE}.")
  int maxBodyMb = ServerOptions.DEFAULT_MAX_BODY >> 20;

  @Option(
      names = "--model",
      paramLabel = "NAME|DIR",
      description = "Model for folders that hold no collection yet. Default: ${DEFAULT-VALUE}.")
  String model = BuiltinModel.DEFAULT.modelName();

  @Override
  public void run() {
    if (maxBodyMb < 1 || maxBodyMb > 1024) {
      throw QuarryException.invalid("--max-body-mb must be 1..1024, got " + maxBodyMb);
    }
    // Checked before anything is opened: a refused bind must not cost a model load.
    ServerOptions options = new ServerOptions(host, port, apiKey(), cors, maxBodyMb << 20);
    Serving serving = Serving.start(dirs, QuarryConfig.DEFAULTS.withModel(model), options);
    // Ctrl-C and SIGTERM end here: the hook stops the server (running requests finish) and closes
    // the collections, which commits them; this thread only waits for that.
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  serving.close();
                  closed.countDown();
                },
                "quarry-serve-stop"));
    var out = spec.commandLine().getOut();
    out.printf(
        "serving %s on http://%s:%d/ (Ctrl-C stops)%n",
        String.join(", ", serving.collections().all().keySet()),
        options.host(),
        serving.server().port());
    out.flush();
    try {
      closed.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String apiKey() {
    if (apiKeyFile != null) {
      try {
        return Files.readString(apiKeyFile, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw QuarryException.invalid("--api-key-file " + apiKeyFile + ": cannot read it");
      }
    }
    String env = System.getenv(KEY_VARIABLE);
    return env == null || env.isBlank() ? null : env.strip();
  }
}
