package dev.quarry.engine.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.ingest.ChunkOptions;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.Readers;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.ValueType;
import dev.quarry.index.VectorEncoding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Ingests files into a collection, creating it when needed. */
@Command(
    name = "index",
    mixinStandardHelpOptions = true,
    description = {
      "Index documents into the collection DIR (created if missing): JSON lines (.jsonl, .jsonl.gz,"
          + " '-' for stdin), CSV/TSV with a header, or text/Markdown files and folders.",
      "Unchanged documents are skipped, changed ones replace their old chunks; bad records are"
          + " reported with file:line and skipped.",
      "Ctrl-C stops within seconds, commits what was embedded and exits 130; run the same command"
          + " again to resume. A second Ctrl-C exits at once (the next run recovers).",
      "Exit code 0 also when records were rejected (see the summary); 2 with --strict."
    })
final class IndexCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Parameters(
      index = "1..*",
      arity = "1..*",
      paramLabel = "INPUT",
      description = "Files, folders, or '-'.")
  List<String> inputs;

  @Option(
      names = "--model",
      paramLabel = "NAME|DIR",
      description =
          "Model of a new collection (default all-minilm-l6-v2); an existing collection keeps its own, and a model directory must be named again.")
  String model;

  @Option(
      names = "--encoding",
      paramLabel = "float32|int8|int4|binary",
      description = "Vector encoding of a new collection. Default: ${DEFAULT-VALUE}.")
  String encoding = "float32";

  @Option(
      names = "--format",
      paramLabel = "jsonl|csv|tsv|text",
      description = "Input format; default: by file extension.")
  String format;

  @Option(names = "--id-field", description = "Default: ${DEFAULT-VALUE}.")
  String idField = "id";

  @Option(names = "--title-field", description = "Default: ${DEFAULT-VALUE}.")
  String titleField = "title";

  @Option(names = "--text-field", description = "Default: ${DEFAULT-VALUE}.")
  String textField = "text";

  @Option(
      names = "--date-field",
      description = "Input field stored as the date. Default: ${DEFAULT-VALUE}.")
  String dateField = "date";

  @Option(
      names = "--metadata-fields",
      split = ",",
      paramLabel = "F1,F2",
      description = "Keep only these fields as metadata. Default: all other fields.")
  List<String> metadataFields = new ArrayList<>();

  @Option(
      names = "--types",
      split = ",",
      paramLabel = "COL=TYPE",
      description =
          "Types of CSV/TSV columns: integer, number, boolean, date or keyword (e.g."
              + " price=number,released=date). Other columns are inferred from their values, and the"
              + " summary says what was inferred.")
  List<String> types = new ArrayList<>();

  @Option(
      names = "--chunk-tokens",
      paramLabel = "N",
      description = "Most tokens per chunk; 0 = the model's maximum. Default: ${DEFAULT-VALUE}.")
  int chunkTokens = ChunkOptions.DEFAULTS.maxTokens();

  @Option(
      names = "--chunk-overlap",
      paramLabel = "N",
      description = "Tokens repeated between neighbouring chunks. Default: ${DEFAULT-VALUE}.")
  int chunkOverlap = ChunkOptions.DEFAULTS.overlapTokens();

  @Option(
      names = "--max-document-mb",
      paramLabel = "MB",
      description = "Larger records are rejected. Default: ${DEFAULT-VALUE}.")
  double maxDocumentMb = 5;

  @Option(names = "--strict", description = "Stop at the first bad record instead of skipping it.")
  boolean strict;

  @Option(names = "--no-cache", description = "Do not use the shared embedding cache.")
  boolean noCache;

  @Option(names = "--quiet", description = "No progress output.")
  boolean quiet;

  @CommandLine.Mixin RemoteOptions remote;

  @Override
  public Integer call() throws Exception {
    FieldMapping mapping =
        new FieldMapping(
            idField,
            titleField,
            textField,
            dateField,
            metadataFields,
            ValueType.parseDeclarations(types));
    int maxBytes = (int) Math.min(Integer.MAX_VALUE - 16, maxDocumentMb * 1_000_000);
    List<RecordReader> readers = new ArrayList<>();
    for (String input : inputs) {
      readers.add(Readers.open(input, format, mapping, maxBytes));
    }
    if (model != null && remote.applyTo(QuarryConfig.DEFAULTS).remote() != null) {
      throw QuarryException.invalid("--model and --embed-url name two models: give one");
    }
    QuarryConfig config =
        remote
            .applyTo(QuarryConfig.DEFAULTS)
            .withModel(modelFor(dir, model))
            .withEncoding(VectorEncoding.parse(encoding))
            .withChunking(new ChunkOptions(chunkTokens, chunkOverlap))
            .withEmbedder(EmbedderOptions.DEFAULTS)
            .withEmbeddingCache(!noCache);
    PrintWriter err = spec.commandLine().getErr();
    try (Quarry quarry = Quarry.openOrCreate(dir, config)) {
      IngestPipeline pipeline =
          quarry.pipeline(
              new IngestPipeline.Options(
                  strict,
                  IngestPipeline.Options.DEFAULTS.batchDocuments(),
                  IngestPipeline.Options.DEFAULTS.commitEveryChunks()));
      IngestReport r;
      int interrupted;
      try (StopSignals signals =
          StopSignals.install(
              pipeline::stop,
              () -> {
                err.println("stopping: committing what is embedded (Ctrl-C again exits at once)");
                err.flush();
              })) {
        r = pipeline.run(readers, quiet ? Progress.none() : Progress.forConsole(-1, System.err));
        interrupted = signals.exitCode();
      }
      printSummary(err, r);
      return interrupted != 0 ? interrupted : ExitCodes.OK;
    }
  }

  /** The model named, else the one an existing collection was built with, else the default. */
  static String modelFor(Path dir, String requested) {
    if (requested != null) {
      return requested;
    }
    if (dev.quarry.index.Collection.exists(dir)) {
      var built = dev.quarry.index.Collection.readConfig(dir).model();
      if (built != null) {
        return built.name();
      }
    }
    return QuarryConfig.DEFAULTS.model();
  }

  static void printSummary(PrintWriter err, IngestReport r) {
    err.printf(
        Locale.ROOT,
        "%s %d documents in %.1f s (%.0f docs/s): %d new or changed (%d chunks written), %d already"
            + " stored or repeated later in the input%s; %d embeddings from cache, %d computed, %d"
            + " rejected%s%n",
        r.interrupted() ? "interrupted after reading" : "indexed",
        r.documents(),
        r.seconds(),
        r.documents() / Math.max(r.seconds(), 1e-9),
        r.written(),
        r.chunks(),
        r.skipped(),
        r.interrupted() ? ", " + r.dropped() + " not stored (to do on the next run)" : "",
        r.cached(),
        r.embedded(),
        r.rejected().size(),
        r.truncated() > 0 ? ", " + r.truncated() + " chunks truncated to the model's maximum" : "");
    int shown = 0;
    for (String problem : r.rejected()) {
      if (shown++ == 50) {
        err.printf("  ... and %d more%n", r.rejected().size() - 50);
        break;
      }
      err.println("  rejected " + problem);
    }
    if (!r.warnings().isEmpty()) {
      err.printf(
          Locale.ROOT,
          "%d %s (indexed anyway, as each says):%n",
          r.warnings().size(),
          r.warnings().size() == 1 ? "warning" : "warnings");
      r.warnings().stream().limit(50).forEach(w -> err.println("  warning " + w));
    }
    r.notes().forEach(n -> err.println("note: " + n));
    if (r.interrupted()) {
      err.println(
          "interrupted: everything written is committed and searchable; run the same command again"
              + " to resume (stored documents are skipped)");
    }
    err.flush();
  }
}
