package dev.quarry.explore.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.explore.CollectionMap;
import dev.quarry.explore.MapHtml;
import dev.quarry.explore.MapLayout;
import dev.quarry.explore.MapMethod;
import dev.quarry.explore.MapOptions;
import dev.quarry.explore.MapPng;
import dev.quarry.explore.MapProgress;
import dev.quarry.explore.Points;
import dev.quarry.index.Collection;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code quarry map}: the documents laid out in two dimensions, as a PNG or an HTML page. */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description = {
      "Draw the collection's documents in two dimensions: UMAP on the HNSW graph's neighbours",
      "(nearby points are similar documents) or PCA (the two directions of largest variance).",
      "--out map.png writes a picture with a legend; --out map.html a page that works offline:",
      "hover a point for its title and id. Colour by a metadata field or by k-means cluster."
    })
public final class MapCommand implements Runnable {
  /** Held so the level sticks: Tribuo logs every k-means iteration at INFO, noise on a CLI. */
  private static final java.util.logging.Logger TRIBUO_LOG =
      java.util.logging.Logger.getLogger("org.tribuo");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(paramLabel = "DIR", description = "Collection folder.")
  Path dir;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "FILE",
      description = "The map to write: a .png picture or a self-contained .html page.")
  Path out;

  @Option(
      names = "--method",
      paramLabel = "umap|pca",
      description = "Layout. Default: ${DEFAULT-VALUE}.")
  String method = "umap";

  @Option(
      names = "--color-by",
      paramLabel = "FIELD|cluster",
      description = "Colour by this metadata field, or by k-means cluster (--clusters of them).")
  String colorBy;

  @Option(
      names = "--clusters",
      paramLabel = "N",
      description = "Clusters for --color-by cluster. Default: ${DEFAULT-VALUE}.")
  int clusters = MapOptions.DEFAULT_CLUSTERS;

  @Option(
      names = "--sample",
      paramLabel = "N",
      description = "Map at most N documents, drawn at random. Default: all.")
  int sample;

  @Option(names = "--seed", paramLabel = "N", description = "Seed. Default: ${DEFAULT-VALUE}.")
  long seed = 42;

  @Option(
      names = "--neighbours",
      paramLabel = "N",
      description = "UMAP neighbours per document (itself included). Default: ${DEFAULT-VALUE}.")
  int neighbours = MapOptions.DEFAULT_NEIGHBOURS;

  @Option(names = "--title", paramLabel = "TEXT", description = "Title. Default: the folder name.")
  String title;

  @Override
  public void run() {
    TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    Format format = Format.of(out);
    MapOptions options =
        new MapOptions(MapMethod.parse(method), colorBy, sample, seed, neighbours, clusters);
    try (Collection c = Collection.openReadOnly(dir)) {
      Points points = Points.of(c, "map");
      MapLayout map;
      try (MapProgress progress = ConsoleProgress.forStderr()) {
        map =
            CollectionMap.build(
                c, points, options, Runtime.getRuntime().availableProcessors(), progress);
      }
      String heading = title != null ? title : heading(options, map.points().size());
      if (format == Format.PNG) {
        MapPng.write(map, heading, out);
      } else {
        MapHtml.write(map, heading, out);
      }
      PrintWriter w = spec.commandLine().getOut();
      w.printf(
          "wrote %s: %d documents, %s%s%n",
          out,
          map.points().size(),
          options.method().id(),
          colorBy == null ? "" : ", coloured by " + colorBy);
      w.flush();
    }
  }

  private String heading(MapOptions options, int n) {
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return String.format(
        Locale.ROOT,
        "%s: %s of %,d documents%s",
        name == null ? dir : name,
        options.method().name(),
        n,
        colorBy == null ? "" : ", coloured by " + colorBy);
  }

  private enum Format {
    PNG,
    HTML;

    static Format of(Path out) {
      String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".png")) {
        return PNG;
      }
      if (name.endsWith(".html") || name.endsWith(".htm")) {
        return HTML;
      }
      throw QuarryException.invalid(
          "--out must name a .png or .html file, got '" + out.getFileName() + "'");
    }
  }
}
