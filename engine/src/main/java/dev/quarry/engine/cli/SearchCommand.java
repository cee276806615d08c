package dev.quarry.engine.cli;

import com.google.gson.GsonBuilder;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import dev.quarry.index.Document;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchResult;
import dev.quarry.query.filter.FilterParser;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Searches a collection. */
@Command(
    name = "search",
    mixinStandardHelpOptions = true,
    description = {
      "Search the collection DIR. Query syntax: free text, \"exact phrase\", -term, -\"phrase\","
          + " field:value, after:YYYY-MM-DD, before:YYYY-MM-DD (docs/query.md).",
      "Prints a table, or one JSON object with --json (schema: docs/search-result.schema.json)."
    })
final class SearchCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Parameters(index = "1", paramLabel = "QUERY", description = "The query.")
  String query;

  @Option(
      names = {"-k", "--k"},
      description = "Hits. Default: ${DEFAULT-VALUE}.")
  int k = 10;

  @Option(names = "--offset", description = "Hits to skip (paging). Default: ${DEFAULT-VALUE}.")
  int offset;

  @Option(
      names = "--filter",
      paramLabel = "EXPR",
      description = "Filter, e.g. 'category = \"news\" AND date >= 2024-01-01'.")
  String filter;

  @Option(
      names = "--mode",
      paramLabel = "vector|keyword|hybrid",
      description = "Default: ${DEFAULT-VALUE}.")
  String mode = "hybrid";

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      description =
          "Reference time (YYYY-MM-DD or ISO instant); later documents are excluded. Default: now.")
  String asOf;

  @Option(
      names = "--recency",
      paramLabel = "off|auto|forced",
      description = "Recency decay. Default: ${DEFAULT-VALUE}.")
  String recency = "auto";

  @Option(
      names = "--fresh-days",
      paramLabel = "DAYS",
      description =
          "With --recency auto, a query without a recency cue still gets the decay when one of its"
              + " 10 most relevant documents is this recent and such documents stand out"
              + " (docs/query.md); 0 = cues only. Default: ${DEFAULT-VALUE}.")
  int freshDays = (int) SearchRequest.Recency.DEFAULT_FRESH.toDays();

  @Option(
      names = "--half-life",
      paramLabel = "DAYS",
      description =
          "Recency decay half-life in days: a relevant document this much older than the newest"
              + " scores half. Longer for collections released yearly (products, papers), so that"
              + " the newest of the asked line outranks a sibling released a month later."
              + " Default: ${DEFAULT-VALUE}.")
  int halfLifeDays = (int) SearchRequest.Recency.DEFAULT.halfLife().toDays();

  @Option(
      names = "--min-score",
      paramLabel = "COS",
      description =
          "Only hits whose cosine similarity to the query is at least this (-1..1), before"
              + " paging; hits found by keyword only have none and are left out.")
  Double minScore;

  @Option(names = "--no-negation", description = "Do not interpret 'X but not Y' style exclusions.")
  boolean noNegation;

  @Option(names = "--group", description = "One hit per parent document.")
  boolean group;

  @Option(names = "--explain", description = "Show the plan and each hit's score parts.")
  boolean explain;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "The model directory, for collections built with one.")
  String model;

  @CommandLine.Mixin RemoteOptions remote;

  @Override
  public void run() {
    SearchRequest.Builder b =
        SearchRequest.builder(query)
            .k(k)
            .offset(offset)
            .mode(SearchRequest.Mode.parse(mode))
            .recency(
                SearchRequest.Recency.DEFAULT
                    .withMode(SearchRequest.RecencyMode.parse(recency))
                    .withFresh(freshDays(freshDays))
                    .withHalfLife(halfLife(halfLifeDays)))
            .groupByParent(group)
            .explain(explain || json);
    if (filter != null) {
      b.filter(FilterParser.parse(filter));
    }
    if (asOf != null) {
      b.asOf(Json.instant(asOf, "--as-of"));
    }
    if (noNegation) {
      b.negation(SearchRequest.Negation.OFF);
    }
    if (minScore != null) {
      b.minScore(minScore);
    }
    SearchRequest request = b.build();
    try (Quarry quarry = Quarry.openReadOnly(dir, config(request))) {
      if (request.filter() != null) {
        FilterFields.requireKnown(request.filter(), quarry.collection().fields());
      }
      SearchResult result = quarry.search(request);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        out.println(
            new GsonBuilder()
                .setPrettyPrinting()
                .serializeNulls()
                .disableHtmlEscaping()
                .create()
                .toJson(Json.searchResult(request, result)));
      } else {
        table(out, result);
      }
      out.flush();
    }
  }

  /**
   * The model loads while the collection opens, unless the search is by keyword only: then it loads
   * only if something must still be embedded (an exclusion's penalty). A null model is the
   * collection's own.
   */
  private QuarryConfig config(SearchRequest request) {
    QuarryConfig config = remote.forOpening(model);
    if (request.mode() != SearchRequest.Mode.KEYWORD) {
      return config;
    }
    return (config == null ? QuarryConfig.DEFAULTS.withModel(null) : config)
        .withModelLoading(QuarryConfig.ModelLoading.ON_FIRST_USE);
  }

  private void table(PrintWriter out, SearchResult r) {
    if (explain) {
      r.plan().forEach(line -> out.println("plan: " + line));
      out.println();
    }
    if (r.hits().isEmpty()) {
      out.println("no hits");
      return;
    }
    out.printf(
        Locale.ROOT, "%-4s %-8s %-24s %-10s %s%n", "#", "cosine", "id", "date", "title / text");
    int rank = offset + 1;
    for (SearchHit h : r.hits()) {
      Document d = h.document();
      Object date = d.first("date");
      String when = date instanceof Instant t ? t.toString().substring(0, 10) : "";
      String title = d.title() == null ? "" : d.title();
      out.printf(
          Locale.ROOT,
          "%-4d %-8s %-24s %-10s %s%n",
          rank++,
          ReadableScore.cosine(h.parts()),
          clip(h.id(), 24),
          when,
          clip(title, 60));
      out.printf(
          Locale.ROOT,
          "%-48s %s%n",
          "",
          clip(d.text() == null ? "" : d.text().replaceAll("\\s+", " "), 100));
      String why = ReadableScore.of(h.parts());
      if (!why.isEmpty()) {
        out.printf(Locale.ROOT, "%-48s score: %s%n", "", why);
      }
      if (explain) {
        out.printf(Locale.ROOT, "%-48s score parts: %s%n", "", ReadableScore.parts(h.parts()));
      }
    }
    out.printf(Locale.ROOT, "(%d hits in %.1f ms)%n", r.hits().size(), r.tookMillis());
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  private static java.time.Duration halfLife(int days) {
    if (days < 1 || days > SearchRequest.Recency.MAX_HALF_LIFE_DAYS) {
      throw QuarryException.invalid(
          "--half-life must be 1.."
              + SearchRequest.Recency.MAX_HALF_LIFE_DAYS
              + " days, got "
              + days);
    }
    return java.time.Duration.ofDays(days);
  }

  private static java.time.Duration freshDays(int days) {
    if (days < 0) {
      throw QuarryException.invalid("--fresh-days must be 0 (cues only) or more, got " + days);
    }
    return java.time.Duration.ofDays(days);
  }
}
