package dev.quarry.bench.serve;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.filter.FilterParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Acceptance 4 of issue 19: concurrent clients send a search/upsert mix to {@code quarry serve} for
 * a fixed time; the same mix runs against a Quarry in this process, at the same concurrency, in the
 * same run (the peer). Then the server is killed with SIGKILL and restarted, and every upsert it
 * acknowledged must be there (each id is fetched).
 *
 * <p>Run: {@code bin/bench serve-load [--data ../shared/data] [--docs 100000] [--clients 16]
 * [--seconds 60]}; {@code --smoke} for CI (generated documents, seconds).
 */
@Command(
    name = "serve-load",
    mixinStandardHelpOptions = true,
    description =
        "quarry serve under a 90/10 search/upsert load, against in-process, then kill -9.")
public final class ServeLoad implements java.util.concurrent.Callable<Integer> {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description =
          "Shared data folder: documents are WordNet glosses. Without it, generated text.")
  Path data;

  @CommandLine.Mixin dev.quarry.bench.WorkFolder work;

  @Option(names = "--docs", description = "Collection size. Default: ${DEFAULT-VALUE}.")
  int docs = 100_000;

  @Option(names = "--clients", description = "Concurrent clients. Default: ${DEFAULT-VALUE}.")
  int clients = 16;

  @Option(names = "--seconds", description = "Seconds per side. Default: ${DEFAULT-VALUE}.")
  double seconds = 60;

  @Option(names = "--search-share", description = "Share of searches. Default: ${DEFAULT-VALUE}.")
  double searchShare = 0.9;

  @Option(
      names = "--min-ratio",
      description = "Fail below this server/in-process ratio. Default: ${DEFAULT-VALUE}.")
  double minRatio = 0.7;

  @Option(names = "--model", description = "Default: ${DEFAULT-VALUE}.")
  String model = "all-minilm-l6-v2-q";

  @Option(names = "--seed", description = "Seed of the mix and the generated text.")
  long seed = 19;

  @Option(
      names = "--vectors",
      paramLabel = "model|seeded",
      description =
          "Document vectors of the collection: embedded by the model, or seeded random unit vectors"
              + " (builds 100k documents in minutes instead of an hour on a small machine; queries"
              + " are still embedded by the model). Default: ${DEFAULT-VALUE}.")
  String vectors = "model";

  @Option(
      names = "--smoke",
      description = "CI form: 2,000 generated documents, 10 s per side, ratio not enforced.")
  boolean smoke;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ServeLoad()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    if (!List.of("model", "seeded").contains(vectors)) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--vectors must be model or seeded");
    }
    if (smoke) {
      docs = Math.min(docs, 2000);
      seconds = Math.min(seconds, 10);
      data = null;
    }
    LoadCorpus corpus =
        data != null ? LoadCorpus.wordnet(data, docs) : LoadCorpus.generated(docs, seed);
    Path dir =
        work.path()
            .resolve("serve-load-" + corpus.name() + "-" + vectors + "-" + model + "-" + docs);
    buildOnce(dir, corpus);
    String run = "r" + System.currentTimeMillis();
    System.out.printf(
        Locale.ROOT,
        "serve-load: %d %s documents (%s, %s vectors), %d clients, %.0f s per side, %.0f%%"
            + " searches, seed %d, load average %.1f on %d cores%n",
        docs,
        corpus.name(),
        model,
        vectors,
        clients,
        seconds,
        searchShare * 100,
        seed,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        Runtime.getRuntime().availableProcessors());

    LoadMix.Result local;
    LoadMix.Result localWarmup;
    try (Quarry q = Quarry.open(dir)) {
      LoadMix.Target target = new LocalTarget(q, run);
      localWarmup = mix(target, corpus, warmupSeconds(), "local-warm-" + run + "-");
      local = mix(target, corpus, seconds, "local-" + run + "-");
      q.delete(FilterParser.parse("load_run = \"" + run + "\""));
      q.commit();
    }
    Path log = work.path().resolve("serve-load-server.log");
    ServerProcess server = ServerProcess.start(dir, log);
    HttpTarget http = server.target(dir.getFileName().toString(), run);
    LoadMix.Result served;
    LoadMix.Result servedWarmup;
    try {
      servedWarmup = mix(http, corpus, warmupSeconds(), "served-warm-" + run + "-");
      served = mix(http, corpus, seconds, "served-" + run + "-");
    } finally {
      server.kill9();
    }
    List<String> acknowledged = new ArrayList<>(servedWarmup.acknowledged());
    acknowledged.addAll(served.acknowledged());
    long warmupErrors = localWarmup.errors() + servedWarmup.errors();
    double ratio = served.queriesPerSecond() / local.queriesPerSecond();
    System.out.println("| side | searches/s | p50 ms | p99 ms | searches | upserts | errors |");
    System.out.println("|---|---:|---:|---:|---:|---:|---:|");
    row("in-process", local);
    row("server (HTTP)", served);
    System.out.printf(
        Locale.ROOT, "server/in-process searches/s: %.2f (required ≥ %.2f)%n", ratio, minRatio);

    ServerProcess again = ServerProcess.start(dir, log);
    List<String> missing;
    com.google.gson.JsonObject verify;
    try {
      HttpTarget after = again.target(dir.getFileName().toString(), run);
      missing = after.missing(acknowledged);
      verify = after.verify();
      System.out.printf(
          Locale.ROOT,
          "kill -9 after %d acknowledged upserts: %d missing after restart (each id fetched);"
              + " verify ok: %s%n",
          acknowledged.size(),
          missing.size(),
          verify.get("ok"));
      if (missing.isEmpty() && !acknowledged.isEmpty()) {
        after.deleteRun();
      }
    } finally {
      again.stop();
    }
    List<String> failures = new ArrayList<>();
    if (local.errors() + served.errors() + warmupErrors > 0) {
      failures.add(
          "errors: "
              + local.firstErrors()
              + " "
              + served.firstErrors()
              + " "
              + localWarmup.firstErrors()
              + " "
              + servedWarmup.firstErrors());
    }
    if (!missing.isEmpty()) {
      failures.add("missing after kill -9: " + missing.subList(0, Math.min(10, missing.size())));
    }
    if (!verify.get("ok").getAsBoolean()) {
      failures.add("verify: " + verify);
    }
    if (!smoke && ratio < minRatio) {
      failures.add(String.format(Locale.ROOT, "ratio %.2f < %.2f", ratio, minRatio));
    }
    if (acknowledged.isEmpty() || served.searches() == 0) {
      failures.add("the mix did nothing");
    }
    failures.forEach(f -> System.out.println("FAILED: " + f));
    return failures.isEmpty() ? 0 : 1;
  }

  /**
   * The same mix on both sides: one seed, so the clients draw the same operations. Each side first
   * runs a warm-up of the same mix that is not measured (the server is a fresh JVM whose JIT would
   * otherwise count against it); its upserts are acknowledged all the same and checked.
   */
  private LoadMix.Result mix(LoadMix.Target target, LoadCorpus corpus, double secs, String prefix)
      throws InterruptedException {
    return LoadMix.run(
        target, clients, secs, searchShare, corpus.queries(), corpus.texts(), prefix, seed);
  }

  private double warmupSeconds() {
    return Math.max(2, seconds / 6);
  }

  private static void row(String side, LoadMix.Result r) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.1f | %.1f | %.1f | %d | %d | %d |%n",
        side,
        r.queriesPerSecond(),
        r.percentileMillis(0.50),
        r.percentileMillis(0.99),
        r.searches(),
        r.upserts(),
        r.errors());
  }

  /** Builds the collection the first time; later runs reuse it (the embedding cache helps too). */
  private void buildOnce(Path dir, LoadCorpus corpus) {
    if (Files.isDirectory(dir)) {
      try (Quarry q = Quarry.open(dir)) {
        if (q.stats().documents() >= docs) {
          return;
        }
      }
    }
    System.err.printf("building %s (%d documents; once)%n", dir, docs);
    long start = System.nanoTime();
    List<TextDocument> documents = new ArrayList<>(docs);
    for (int i = 0; i < corpus.texts().size(); i++) {
      documents.add(new TextDocument("d" + i, null, corpus.texts().get(i), Map.of()));
    }
    try (Quarry q = Quarry.openOrCreate(dir, QuarryConfig.DEFAULTS.withModel(model))) {
      if (vectors.equals("seeded")) {
        writeSeeded(q, documents);
      } else {
        q.ingest(
            List.of(RecordReader.of("load", documents)),
            Progress.none(),
            IngestPipeline.Options.DEFAULTS);
      }
    }
    System.err.printf(Locale.ROOT, "built in %.0f s%n", (System.nanoTime() - start) / 1e9);
  }

  /** Documents with seeded random unit vectors, written in batches (no model call). */
  private void writeSeeded(Quarry q, List<TextDocument> documents) {
    java.util.Random random = new java.util.Random(seed);
    int dims = q.embedder().identity().dimensions();
    for (int from = 0; from < documents.size(); from += 5000) {
      List<dev.quarry.index.Document> batch = new ArrayList<>();
      for (TextDocument d : documents.subList(from, Math.min(documents.size(), from + 5000))) {
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) {
          v[i] = (float) random.nextGaussian();
        }
        batch.add(
            new dev.quarry.index.Document(
                d.id(),
                null,
                d.text(),
                null,
                Map.of(),
                dev.quarry.core.Vectors.normalizeInPlace(v)));
      }
      q.collection().upsert(batch);
    }
    q.commit();
  }

  /** The same calls on a Quarry in this process: the peer. */
  private record LocalTarget(Quarry quarry, String run) implements LoadMix.Target {
    @Override
    public void search(String query) {
      // As the server searches: each hit's score parts are computed for the answer.
      quarry.search(SearchRequest.builder(query).k(10).explain(true).build());
    }

    @Override
    public void upsert(String id, String text) {
      quarry.upsert(List.of(new TextDocument(id, null, text, Map.of("load_run", run))));
    }
  }
}
