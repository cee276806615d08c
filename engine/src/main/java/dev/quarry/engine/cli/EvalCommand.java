package dev.quarry.engine.cli;

import dev.quarry.core.ErrorText;
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
    subcommands = {EvalCommand.Sts.class, EvalCommand.Beir.class})
final class EvalCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing evaluation: sts or beir");
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

  @Command(
      name = "beir",
      mixinStandardHelpOptions = true,
      description = {
        "Retrieval quality on a BEIR-format dataset (corpus.jsonl[.gz], queries.jsonl, qrels/test.tsv):"
            + " nDCG@10, Recall@100, MRR@10 over the test queries, scored as MTEB does.",
        "The embedded corpus is kept under --work and reused (another --encoding reindexes it, no model call).",
        "Example: quarry eval beir ../shared/data/beir-scifact --model bge-small-en-v1.5 --strategy exact"
      })
  static final class Beir implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Mixin ModelOptions modelOptions;

    @Parameters(paramLabel = "DIR", description = "BEIR dataset folder.")
    Path dir;

    @CommandLine.Option(
        names = "--strategy",
        paramLabel = "exact|hnsw|keyword|hybrid",
        description = "Default: ${DEFAULT-VALUE}.")
    String strategy = "exact";

    @CommandLine.Option(
        names = "--encoding",
        paramLabel = "float32|int8|int4|binary",
        description = "Default: ${DEFAULT-VALUE}.")
    String encoding = "float32";

    @CommandLine.Option(
        names = "--work",
        paramLabel = "DIR",
        description = "Where the embedded corpus is kept. Default: <home>/eval/<dataset>-<model>.")
    Path work;

    @CommandLine.Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Write run.trec (TREC run file) and summary.json here.")
    Path out;

    @Override
    public void run() {
      var strat =
          dev.quarry.engine.eval.BeirEvaluation.Strategy.valueOf(
              strategy.toUpperCase(java.util.Locale.ROOT));
      var enc = dev.quarry.index.VectorEncoding.parse(encoding);
      var docs = dev.quarry.engine.eval.BeirEvaluation.corpus(dir);
      var queries = dev.quarry.engine.eval.BeirEvaluation.queries(dir);
      var qrels = dev.quarry.engine.eval.BeirEvaluation.qrels(dir);
      PrintWriter err = spec.commandLine().getErr();
      try (OnnxEmbedder embedder = modelOptions.open(0)) {
        Path folder =
            work != null
                ? work
                : dev.quarry.engine.QuarryHome.dir("eval")
                    .resolve(dir.toAbsolutePath().getFileName() + "-" + embedder.identity().name());
        try (var c =
            dev.quarry.engine.eval.BeirEvaluation.index(
                folder,
                docs,
                embedder,
                enc,
                line -> {
                  err.println(line);
                  err.flush();
                })) {
          long start = System.nanoTime();
          var r =
              dev.quarry.engine.eval.BeirEvaluation.evaluate(c, embedder, queries, qrels, strat);
          double seconds = (System.nanoTime() - start) / 1e9;
          PrintWriter o = spec.commandLine().getOut();
          o.printf(
              "dataset: %s%nmodel: %s%nencoding: %s%nstrategy: %s%nqueries: %d%n",
              dir.getFileName(), embedder.identity().name(), enc.id(), strategy, r.queries());
          o.printf(
              java.util.Locale.ROOT,
              "ndcg@10: %.2f%nrecall@100: %.2f%nmrr@10: %.2f%n",
              r.ndcg10(),
              r.recall100(),
              r.mrr10());
          o.flush();
          err.printf(
              java.util.Locale.ROOT, "searched %d queries in %.1f s%n", r.queries(), seconds);
          if (out != null) {
            writeOutputs(r, embedder.identity().name(), enc.id());
          }
        }
      }
    }

    private void writeOutputs(
        dev.quarry.engine.eval.BeirEvaluation.Result r, String model, String enc) {
      try {
        java.nio.file.Files.createDirectories(out);
        StringBuilder trec = new StringBuilder();
        String tag = "quarry-" + model + "-" + enc + "-" + strategy;
        r.run()
            .forEach(
                (qid, hits) -> {
                  for (int i = 0; i < hits.size(); i++) {
                    trec.append(qid)
                        .append(" Q0 ")
                        .append(hits.get(i).id())
                        .append(' ')
                        .append(i + 1)
                        .append(' ')
                        .append(hits.get(i).score())
                        .append(' ')
                        .append(tag)
                        .append('\n');
                  }
                });
        java.nio.file.Files.writeString(out.resolve("run.trec"), trec);
        var summary = new com.google.gson.JsonObject();
        summary.addProperty("dataset", dir.getFileName().toString());
        summary.addProperty("model", model);
        summary.addProperty("encoding", enc);
        summary.addProperty("strategy", strategy);
        summary.addProperty("queries", r.queries());
        summary.addProperty("ndcg@10", r.ndcg10());
        summary.addProperty("recall@100", r.recall100());
        summary.addProperty("mrr@10", r.mrr10());
        java.nio.file.Files.writeString(
            out.resolve("summary.json"),
            new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(summary) + "\n");
      } catch (java.io.IOException e) {
        throw new dev.quarry.core.QuarryException(
            dev.quarry.core.QuarryException.Kind.IO,
            "cannot write " + out + ": " + ErrorText.describe(e),
            e);
      }
    }
  }
}
