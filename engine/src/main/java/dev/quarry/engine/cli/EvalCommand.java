package dev.quarry.engine.cli;

import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.eval.StsEvaluation;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** Quality evaluations against published benchmarks. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate quality on a benchmark dataset.",
    subcommands = {EvalCommand.Sts.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing evaluation: sts");
  }

  @Command(
      name = "sts",
      mixinStandardHelpOptions = true,
      description = {
        "Semantic textual similarity (STS Benchmark layout): cosine Spearman ×100, as MTEB scores it.",
        "Example: quarry eval sts ../shared/data/stsbenchmark/sts-test.csv --model bge-small-en-v1.5"
      })
  static final class Sts implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ModelOptions modelOptions;

    @Parameters(
        paramLabel = "FILE",
        description = "Tab-separated STS Benchmark file (e.g. sts-test.csv).")
    Path file;

    @Override
    public void run() {
      var pairs = StsEvaluation.readStsBenchmark(file);
      try (OnnxEmbedder embedder = modelOptions.open(0)) {
        StsEvaluation.Result result = StsEvaluation.evaluate(embedder, pairs);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("model: %s%n", embedder.identity().name());
        out.printf("pairs: %d%n", result.pairs());
        out.printf("spearman: %.2f%n", result.spearman());
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.printf(
            "embedded %d sentences in %.1f s (%.0f/s); %d truncated%n",
            2 * result.pairs(),
            result.seconds(),
            2 * result.pairs() / result.seconds(),
            result.truncated());
        err.flush();
      }
    }
  }
}
