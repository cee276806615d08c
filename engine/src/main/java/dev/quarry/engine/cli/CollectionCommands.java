package dev.quarry.engine.cli;

import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.CollectionStats;
import dev.quarry.index.HnswParams;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Maintenance commands on a collection folder. */
final class CollectionCommands {
  private CollectionCommands() {}

  @Command(
      name = "stats",
      mixinStandardHelpOptions = true,
      description = "Documents, deleted ratio and bytes per part of a collection (read-only).")
  static final class Stats implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Override
    public void run() {
      try (Collection c = Collection.openReadOnly(dir)) {
        CollectionConfig cfg = c.config();
        CollectionStats s = c.stats();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("collection:     %s%n", dir);
        out.printf(
            "model:          %s%n",
            cfg.model() == null
                ? "(vectors only)"
                : cfg.model().name() + " (" + cfg.model().pooling() + ")");
        out.printf(
            "vectors:        %d-d %s, %s, HNSW M=%d beam=%d%n",
            cfg.dimensions(),
            cfg.similarity().id(),
            cfg.encoding().id(),
            cfg.hnsw().maxConn(),
            cfg.hnsw().beamWidth());
        out.printf("documents:      %d%n", s.documents());
        if (s.pendingWrites() > 0) {
          out.printf(
              "pending:        %d ids written but not yet in the index (the next writer replays"
                  + " them)%n",
              s.pendingWrites());
        }
        out.printf("deleted ratio:  %.3f%n", s.deletedRatio());
        out.printf("segments:       %d%n", s.segments());
        out.printf("raw vectors:    %s%n", bytes(s.rawVectorBytes()));
        out.printf("quantized:      %s%n", bytes(s.quantizedVectorBytes()));
        out.printf("graph:          %s%n", bytes(s.graphBytes()));
        out.printf("other index:    %s%n", bytes(s.otherIndexBytes()));
        out.printf("store:          %s%n", bytes(s.storeBytes()));
        out.printf(
            "search memory:  %s (%s per vector)%n",
            bytes(s.searchMemoryBytes()),
            s.documents() == 0 ? "-" : bytes(s.searchMemoryBytes() / s.documents()));
        out.printf("fields:         %s%n", c.fields());
        out.flush();
      }
    }
  }

  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = {
        "Check a collection: Lucene checksums (CheckIndex) and store/index agreement.",
        "Exits 1 when anything is wrong, naming the file or ids."
      })
  static final class Verify implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Override
    public Integer call() {
      try (Collection c = Collection.openReadOnly(dir)) {
        VerifyReport r = c.verify();
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
            "store documents: %d%nindex documents: %d%n", r.storeDocuments(), r.indexDocuments());
        if (r.pendingWrites() > 0) {
          out.printf(
              "pending writes:  %d ids written after the index's last commit (the next writer"
                  + " replays them)%n",
              r.pendingWrites());
        }
        if (r.ok()) {
          out.println("ok");
          out.flush();
          return 0;
        }
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        r.problems().forEach(p -> err.println("problem: " + p));
        err.flush();
        return ExitCodes.FAILURE;
      }
    }
  }

  @Command(
      name = "reindex",
      mixinStandardHelpOptions = true,
      description =
          "Rebuild the index with another encoding or HNSW parameters from the stored vectors (no model call).")
  static final class Reindex implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Option(
        names = "--encoding",
        paramLabel = "float32|int8|int4|binary",
        description = "New vector encoding. Default: unchanged.")
    String encoding;

    @Option(
        names = "--m",
        paramLabel = "N",
        description = "HNSW neighbours per node. Default: unchanged.")
    Integer maxConn;

    @Option(
        names = "--beam-width",
        paramLabel = "N",
        description = "HNSW build beam. Default: unchanged.")
    Integer beamWidth;

    @Override
    public void run() {
      try (Collection c = Collection.open(dir)) {
        VectorEncoding enc =
            encoding == null ? c.config().encoding() : VectorEncoding.parse(encoding);
        HnswParams hnsw =
            new HnswParams(
                maxConn == null ? c.config().hnsw().maxConn() : maxConn,
                beamWidth == null ? c.config().hnsw().beamWidth() : beamWidth);
        long start = System.nanoTime();
        long n = c.reindex(enc, hnsw);
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "reindexed %d documents as %s (M=%d, beam=%d) in %.1f s%n",
                n,
                enc.id(),
                hnsw.maxConn(),
                hnsw.beamWidth(),
                (System.nanoTime() - start) / 1e9);
        spec.commandLine().getOut().flush();
      }
    }
  }

  @Command(
      name = "compact",
      mixinStandardHelpOptions = true,
      description = {
        "Merge away deleted documents; with --segments, also merge the index down to that many"
            + " segments.",
        "Each segment is searched as its own graph: one segment searches fastest. Merging"
            + " rebuilds the graphs and takes about as long as building them did."
      })
  static final class Compact implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "DIR", description = "Collection folder.")
    Path dir;

    @Option(
        names = "--segments",
        paramLabel = "N",
        description = "Merge down to at most N segments (1 or more); 0 keeps them. Default: 0.")
    int segments;

    @Override
    public void run() {
      try (Collection c = Collection.open(dir)) {
        CollectionStats before = c.stats();
        c.compact(segments);
        CollectionStats after = c.stats();
        spec.commandLine()
            .getOut()
            .printf(
                Locale.ROOT,
                "deleted ratio %.3f -> %.3f, segments %d -> %d%n",
                before.deletedRatio(),
                after.deletedRatio(),
                before.segments(),
                after.segments());
        spec.commandLine().getOut().flush();
      }
    }
  }

  static String bytes(long n) {
    if (n < 1024) {
      return n + " B";
    }
    if (n < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    if (n < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", n / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", n / (1024.0 * 1024 * 1024));
  }
}
