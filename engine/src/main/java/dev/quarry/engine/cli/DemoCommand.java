package dev.quarry.engine.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.engine.QuarryHome;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.Readers;
import dev.quarry.index.Document;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchResult;
import dev.quarry.query.filter.FilterParser;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Indexes the sample corpus into a fresh folder and runs showcase queries with explanations. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Index the sample corpus (data/sample/corpus.jsonl) into a fresh collection under Quarry's"
          + " home and run showcase queries: meaning without shared words, filters, recency and"
          + " negation, each with its explanation."
    })
final class DemoCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--corpus",
      paramLabel = "FILE",
      description = "Corpus to index. Default: data/sample/corpus.jsonl of this checkout.")
  Path corpus;

  @Option(
      names = "--model",
      paramLabel = "NAME|DIR",
      description = "Model. Default: ${DEFAULT-VALUE}.")
  String model = QuarryConfig.DEFAULTS.model();

  /** A showcase query and what it demonstrates. */
  record Showcase(String what, String query, String filter) {}

  static final List<Showcase> SHOWCASES =
      List.of(
          new Showcase("meaning without shared words", "hypertension", null),
          new Showcase("meaning without shared words", "getting rid of aphids", null),
          new Showcase(
              "meaning without shared words", "when did humans first walk on the moon", null),
          new Showcase(
              "metadata filter", "chocolate dessert", "category = \"cooking\" AND rating >= 4.5"),
          new Showcase("date filter", "fetching JSON and building a table", "date >= 2023-01-01"),
          new Showcase("recency: 'latest' fires the time decay", "latest Nimbus Phone", null),
          new Showcase("recency", "newest Kestrel DB release", null),
          new Showcase(
              "negation: 'without X' lowers documents about X",
              "JavaScript tutorials without jQuery",
              null),
          new Showcase("negation", "Python CSV processing excluding pandas", null),
          // Not "dropdown menu tutorial -jquery": the plain-JavaScript dropdown tutorial says it
          // needs no jQuery, so the hard exclusion removes the one wanted document.
          new Showcase(
              "explicit exclusion: -term removes every document that mentions it",
              "image carousel -jquery",
              null));

  @Override
  public void run() {
    PrintWriter out = spec.commandLine().getOut();
    Path file = corpus != null ? corpus : defaultCorpus();
    Path dir =
        QuarryHome.dir("demo")
            .resolve(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    out.printf("Quarry demo: indexing %s into %s with %s%n%n", file, dir, model);
    out.flush();
    try (Quarry q = Quarry.create(dir, QuarryConfig.DEFAULTS.withModel(model))) {
      IngestReport r =
          q.ingest(
              List.of(Readers.open(file.toString(), null, FieldMapping.DEFAULT, 5_000_000)),
              Progress.forConsole(-1, System.err),
              IngestPipeline.Options.DEFAULTS);
      IndexCommand.printSummary(spec.commandLine().getErr(), r);
      for (Showcase s : SHOWCASES) {
        SearchRequest.Builder b = SearchRequest.builder(s.query()).k(3).explain(true);
        if (s.filter() != null) {
          b.filter(FilterParser.parse(s.filter()));
        }
        SearchResult result = q.search(b.build());
        out.printf("── %s%n   query:  %s%n", s.what(), s.query());
        if (s.filter() != null) {
          out.printf("   filter: %s%n", s.filter());
        }
        for (String line : result.plan()) {
          if (line.startsWith("negation")
              || line.startsWith("recency: as of") && line.contains("applied (")
              || line.startsWith("vector: exact")
              || line.startsWith("filter")) {
            out.printf("   why:    %s%n", line);
          }
        }
        int rank = 1;
        for (SearchHit h : result.hits()) {
          Document d = h.document();
          Object date = d.first("date");
          out.printf(
              Locale.ROOT,
              "   %d. %-22s %-10s %s%n",
              rank++,
              h.id(),
              date instanceof Instant t ? t.toString().substring(0, 10) : "",
              d.title());
        }
        out.println();
        out.flush();
      }
      out.printf("Try your own: ./quarry search %s \"your question\" --explain%n", dir);
      out.flush();
    }
  }

  private static Path defaultCorpus() {
    String root = System.getProperty("quarry.root");
    Path p = Path.of(root == null ? "." : root, "data", "sample", "corpus.jsonl");
    if (!Files.isRegularFile(p)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "sample corpus not found at "
              + p
              + ": run from the repository root, or pass --corpus FILE");
    }
    return p;
  }
}
