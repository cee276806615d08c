package dev.quarry.explore.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.explore.AutoK;
import dev.quarry.explore.ClusterDescriber;
import dev.quarry.explore.ClusterSummary;
import dev.quarry.explore.Clustering;
import dev.quarry.explore.ExploreChecks;
import dev.quarry.explore.Hdbscan;
import dev.quarry.explore.KMeans;
import dev.quarry.explore.MapProgress;
import dev.quarry.explore.Points;
import dev.quarry.explore.UmapReduction;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.index.FieldType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code quarry cluster}: k-means or HDBSCAN over the stored vectors, described; optionally stored.
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = {
      "Group the documents by their vectors (k-means with --k N or --auto, or HDBSCAN) and describe",
      "each cluster: size, the title of its most typical member (nearest the centroid) and its top",
      "keywords. --write F stores each document's cluster number in field F, so clusters become",
      "filters; HDBSCAN's noise (documents in no cluster) gets -1."
    })
public final class ClusterCommand implements Runnable {
  /** Held so the level sticks: Tribuo logs every k-means iteration at INFO, noise on a CLI. */
  private static final java.util.logging.Logger TRIBUO_LOG =
      java.util.logging.Logger.getLogger("org.tribuo");

  /** How documents are grouped. */
  enum Method {
    kmeans,
    hdbscan
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Option(
      names = "--method",
      paramLabel = "kmeans|hdbscan",
      converter = MethodConverter.class,
      description = "k-means (a given number of clusters) or HDBSCAN (finds it). Default: kmeans.")
  Method method = Method.kmeans;

  @Option(names = "--k", paramLabel = "N", description = "k-means: number of clusters.")
  Integer k;

  @Option(
      names = "--auto",
      description =
          "k-means: choose k by the mean silhouette over a sample (2..64). HDBSCAN always finds"
              + " its own number.")
  boolean auto;

  @Option(
      names = "--iterations",
      paramLabel = "N",
      description = "Most k-means iterations. Default: " + KMeans.DEFAULT_ITERATIONS + ".")
  int iterations = KMeans.DEFAULT_ITERATIONS;

  @Option(
      names = "--min-size",
      paramLabel = "N",
      description = "HDBSCAN: smallest cluster, in documents. Default: 0.2% of them, at least 5.")
  Integer minSize;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description =
          "HDBSCAN runs on this many documents at most (its cost grows with their square); the"
              + " others join their nearest exemplar's cluster. Default: "
              + Hdbscan.DEFAULT_SAMPLE
              + ".")
  Integer sample;

  @Option(
      names = "--reduce",
      paramLabel = "umap|none",
      description =
          "HDBSCAN: first reduce the vectors with UMAP on the collection's graph (15 neighbours,"
              + " min_dist 0; better on 2,000 and 20,000 glosses, worse on 117,659: decision 0113),"
              + " or cluster them as they are. Default: none.")
  String reduce;

  @Option(
      names = "--reduce-dims",
      paramLabel = "N",
      description =
          "HDBSCAN with --reduce umap: dimensions to reduce to (2..50). Default: "
              + UmapReduction.DEFAULT_DIMENSIONS
              + ".")
  Integer reduceDims;

  @Option(names = "--keywords", paramLabel = "N", description = "Keywords per cluster. Default: 5.")
  int keywords = 5;

  @Option(names = "--seed", paramLabel = "N", description = "Seed. Default: 42.")
  long seed = 42;

  @Option(
      names = "--write",
      paramLabel = "FIELD",
      description = "Store each document's cluster number (an integer) in this field.")
  String writeField;

  @Override
  public void run() {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    checkOptions();
    try (Collection c = writeField != null ? Collection.open(dir) : Collection.openReadOnly(dir)) {
      checkWriteField(c);
      Points points = Points.of(c, "cluster");
      List<float[]> vectors = new ArrayList<>(points.size());
      points.documents().forEach(d -> vectors.add(d.vector()));
      PrintWriter out = spec.commandLine().getOut();
      Clustering clustering = cluster(c, points, vectors, out);
      print(out, c, points, clustering);
      if (writeField != null) {
        write(c, points, clustering);
        out.printf("wrote field '%s' on %d documents%n", writeField, points.size());
      }
      out.flush();
    }
  }

  /** Option combinations, checked before the collection is read. */
  private void checkOptions() {
    ExploreChecks.requireRange("keywords", keywords, 0, 100);
    if (method == Method.kmeans) {
      if ((k == null) == !auto) {
        throw QuarryException.invalid(
            "k-means needs exactly one of --k N (the number of clusters) or --auto (chosen)");
      }
      if (minSize != null || sample != null || reduce != null || reduceDims != null) {
        throw QuarryException.invalid(
            "--min-size, --sample, --reduce and --reduce-dims are for --method hdbscan only");
      }
    } else if (k != null) {
      throw QuarryException.invalid(
          "--k is for k-means: HDBSCAN finds the number of clusters itself (--min-size sets the"
              + " smallest)");
    } else if (reduce != null && !reduce.equals("umap") && !reduce.equals("none")) {
      throw QuarryException.invalid("unknown --reduce '" + reduce + "': use umap or none");
    } else if (reduceDims != null && !"umap".equals(reduce)) {
      throw QuarryException.invalid("--reduce-dims needs --reduce umap");
    }
  }

  private boolean reduced() {
    return method == Method.hdbscan && "umap".equals(reduce);
  }

  /** --write needs a new field or an integer one: refused before anything is computed. */
  private void checkWriteField(Collection c) {
    FieldType type = writeField == null ? null : c.fields().get(writeField);
    if (type != null && type != FieldType.LONG) {
      throw QuarryException.invalid(
          "field '"
              + writeField
              + "' holds "
              + type.name().toLowerCase(Locale.ROOT)
              + " values; --write needs a new field or an integer one");
    }
  }

  private Clustering cluster(Collection c, Points points, List<float[]> vectors, PrintWriter out) {
    int threads = Runtime.getRuntime().availableProcessors();
    if (method == Method.hdbscan) {
      int n = vectors.size();
      int min = minSize != null ? minSize : Hdbscan.defaultMinSize(n);
      int size = sample != null ? sample : Hdbscan.DEFAULT_SAMPLE;
      int dims = reduceDims != null ? reduceDims : UmapReduction.DEFAULT_DIMENSIONS;
      List<float[]> space = vectors;
      if (reduced()) {
        List<String> ids = new ArrayList<>(n);
        points.documents().forEach(d -> ids.add(d.id()));
        space = UmapReduction.reduce(c, ids, vectors, dims, seed, threads, MapProgress.none());
      }
      Clustering found = Hdbscan.run(space, min, size, threads, seed);
      // Centroids (medoids, keywords) are taken in the collection's own space.
      Clustering clustering = Clustering.withMeans(found.assignment(), vectors, found.clusters());
      out.printf(
          "HDBSCAN (%ssmallest cluster %d%s): %d clusters, %d documents in none (noise)%n",
          reduced() ? "on UMAP to " + dims + " dimensions, " : "",
          min,
          n > size ? ", on " + size + " of " + n + " documents, the rest by nearest exemplar" : "",
          clustering.clusters(),
          clustering.noise());
      return clustering;
    }
    int chosen = k != null ? k : chooseK(vectors, threads, out);
    return KMeans.run(vectors, chosen, iterations, threads, seed);
  }

  private int chooseK(List<float[]> vectors, int threads, PrintWriter out) {
    AutoK.Choice choice = AutoK.choose(vectors, iterations, threads, seed);
    StringBuilder scores = new StringBuilder();
    for (AutoK.Candidate candidate : choice.candidates()) {
      scores.append(String.format(Locale.ROOT, " %d:%.3f", candidate.k(), candidate.silhouette()));
    }
    out.printf("k = %d by mean silhouette (k:score%s)%n", choice.k(), scores);
    return choice.k();
  }

  private void print(PrintWriter out, Collection c, Points points, Clustering clustering) {
    out.printf("%-7s %6s  %-40s  %s%n", "cluster", "size", "medoid", "keywords");
    for (ClusterSummary s :
        new ClusterDescriber(c.lucene().analyzer()).describe(points, clustering, keywords)) {
      out.printf(
          "%-7d %6d  %-40s  %s%n",
          s.cluster(), s.size(), shorten(s.medoidTitle(), 40), String.join(", ", s.keywords()));
    }
  }

  private void write(Collection c, Points points, Clustering clustering) {
    List<Document> updated = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      updated.add(
          points.get(i).toBuilder().meta(writeField, (long) clustering.assignment()[i]).build());
    }
    c.upsert(updated);
    c.commit();
  }

  private static String shorten(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /** Names the choices when the method is unknown. */
  static final class MethodConverter implements CommandLine.ITypeConverter<Method> {
    @Override
    public Method convert(String value) {
      try {
        return Method.valueOf(value.toLowerCase(Locale.ROOT).replace("-", ""));
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(
            "unknown method '" + value + "': use kmeans or hdbscan");
      }
    }
  }
}
