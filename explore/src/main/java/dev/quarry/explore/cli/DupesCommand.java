package dev.quarry.explore.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.explore.DuplicatePair;
import dev.quarry.explore.ExploreChecks;
import dev.quarry.explore.KeepRule;
import dev.quarry.explore.NearDuplicates;
import dev.quarry.explore.Points;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry dupes}: near-duplicate pairs and groups, printed or thinned out. */
@Command(
    name = "dupes",
    mixinStandardHelpOptions = true,
    description = {
      "Find near-duplicate documents: pairs whose cosine similarity reaches the threshold, found",
      "through each document's nearest neighbours in the HNSW graph, and the groups they form.",
      "--delete keeps one document per group (by --keep) and deletes the others."
    })
public final class DupesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Option(
      names = "--threshold",
      paramLabel = "T",
      description =
          "Cosine similarity from which two documents are duplicates, 0.5..1. Default: ${DEFAULT-VALUE}.")
  double threshold = NearDuplicates.DEFAULT_THRESHOLD;

  @Option(
      names = "--neighbours",
      paramLabel = "N",
      description = "Graph neighbours looked at per document. Default: ${DEFAULT-VALUE}.")
  int neighbours = NearDuplicates.DEFAULT_NEIGHBOURS;

  @Option(names = "--pairs", description = "Print every pair with its similarity, not only groups.")
  boolean pairs;

  @Option(names = "--delete", description = "Delete all but one document of each group.")
  boolean delete;

  @Option(
      names = "--keep",
      paramLabel = "oldest|newest|longest",
      description = "Which document of a group stays with --delete. Default: longest.")
  String keep = "longest";

  @Option(
      names = "--date-field",
      paramLabel = "F",
      description = "The date field for --keep oldest|newest. Default: ${DEFAULT-VALUE}.")
  String dateField = "date";

  @Override
  public void run() {
    KeepRule rule = KeepRule.parse(keep);
    try (Collection c = delete ? Collection.open(dir) : Collection.openReadOnly(dir)) {
      if (delete && rule != KeepRule.LONGEST) {
        ExploreChecks.requireField(c, dateField);
      }
      Points points = Points.of(c, "compare");
      NearDuplicates.Result result = NearDuplicates.find(c, points, threshold, neighbours);
      PrintWriter out = spec.commandLine().getOut();
      if (pairs) {
        for (DuplicatePair p : result.pairs()) {
          out.printf("%.4f\t%s\t%s%n", p.similarity(), p.a(), p.b());
        }
      }
      Map<String, Document> byId = new HashMap<>();
      points.documents().forEach(d -> byId.put(d.id(), d));
      List<String> doomed = new ArrayList<>();
      for (List<String> group : result.groups()) {
        List<Document> docs = group.stream().map(byId::get).toList();
        String kept = rule.pick(docs, dateField).id();
        out.printf(
            "group of %d: keep %s; %s%n",
            group.size(), kept, String.join(" ", others(group, kept)));
        doomed.addAll(others(group, kept));
        docs.forEach(this::refuseChunks);
      }
      out.printf(
          "%d pairs in %d groups at threshold %.2f over %d documents%n",
          result.pairs().size(), result.groups().size(), threshold, points.size());
      if (delete && !doomed.isEmpty()) {
        int n = c.delete(doomed);
        c.commit();
        out.printf("deleted %d documents%n", n);
      }
      out.flush();
    }
  }

  private static List<String> others(List<String> group, String kept) {
    return group.stream().filter(id -> !id.equals(kept)).toList();
  }

  /** A chunk is part of a document: deleting it alone would leave the document with a hole. */
  private void refuseChunks(Document d) {
    if (delete && d.parent() != null) {
      throw QuarryException.invalid(
          "'"
              + d.id()
              + "' is a chunk of document '"
              + d.parent()
              + "': --delete removes whole documents only; delete with quarry delete");
    }
  }
}
