package dev.quarry.explore.cli;

import dev.quarry.explore.ClusterDescriber;
import dev.quarry.explore.ClusterSummary;
import dev.quarry.explore.Clustering;
import dev.quarry.explore.KMeans;
import dev.quarry.explore.Points;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry cluster}: k-means over the stored vectors, described; optionally stored. */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Group the documents by their vectors with k-means and describe each cluster: size, the",
      "title of its most typical member (nearest the centroid) and its top keywords. --write F",
      "stores each document's cluster number in field F, so clusters become filters."
    })
public final class ClusterCommand implements Runnable {
  /** Held so the level sticks: Tribuo logs every k-means iteration at INFO, noise on a CLI. */
  private static final java.util.logging.Logger TRIBUO_LOG =
      java.util.logging.Logger.getLogger("org.tribuo");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Option(names = "--k", paramLabel = "N", required = true, description = "Number of clusters.")
  int k;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Most k-means iterations. Default: " + KMeans.DEFAULT_ITERATIONS + ".")
  int iterations = KMeans.DEFAULT_ITERATIONS;

  @Option(names = "--keywords", paramLabel = "N", description = "Keywords per cluster. Default: 5.")
  int keywords = 5;

  @Option(names = "--seed", paramLabel = "N", description = "k-means seed. Default: 42.")
  long seed = 42;

  @Option(
      names = "--write",
      paramLabel = "FIELD",
      description = "Store each document's cluster number (an integer) in this field.")
  String writeField;

  @Override
  public void run() {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    dev.quarry.explore.ExploreChecks.requireRange("keywords", keywords, 0, 100);
    try (Collection c = writeField != null ? Collection.open(dir) : Collection.openReadOnly(dir)) {
      Points points = Points.of(c, "cluster");
      List<float[]> vectors = new ArrayList<>(points.size());
      points.documents().forEach(d -> vectors.add(d.vector()));
      Clustering clustering =
          KMeans.run(vectors, k, iterations, Runtime.getRuntime().availableProcessors(), seed);
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-7s %6s  %-40s  %s%n", "cluster", "size", "medoid", "keywords");
      for (ClusterSummary s :
          new ClusterDescriber(c.lucene().analyzer()).describe(points, clustering, keywords)) {
        out.printf(
            "%-7d %6d  %-40s  %s%n",
            s.cluster(), s.size(), shorten(s.medoidTitle(), 40), String.join(", ", s.keywords()));
      }
      if (writeField != null) {
        List<Document> updated = new ArrayList<>(points.size());
        for (int i = 0; i < points.size(); i++) {
          updated.add(
              points.get(i).toBuilder()
                  .meta(writeField, (long) clustering.assignment()[i])
                  .build());
        }
        c.upsert(updated);
        c.commit();
        out.printf("wrote field '%s' on %d documents%n", writeField, updated.size());
      }
      out.flush();
    }
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
