package dev.quarry.index.internal;

import dev.quarry.index.CollectionStats;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.VerifyReport;
import dev.quarry.index.spi.IndexFields;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.NoLockFactory;
import org.apache.lucene.util.Bits;

/** Collection statistics and integrity checks. */
public final class IndexChecks {
  private static final int MAX_LISTED = 20;

  private IndexChecks() {}

  /**
   * Counts from the searcher the index serves, bytes from its folder, and {@code pendingWrites}
   * (ids the store holds changes of that the index does not show yet).
   */
  public static CollectionStats stats(
      LuceneIndex index, VectorEncoding encoding, long storeBytes, long pendingWrites) {
    long[] docs =
        index.withSearcher(
            s ->
                new long[] {
                  s.getIndexReader().numDocs(),
                  s.getIndexReader().maxDoc(),
                  s.getIndexReader().leaves().size()
                });
    Map<VectorFormats.Part, Long> bytes = partSizes(index.path(), encoding);
    return new CollectionStats(
        docs[0],
        docs[1] == 0 ? 0 : (double) (docs[1] - docs[0]) / docs[1],
        (int) docs[2],
        bytes.getOrDefault(VectorFormats.Part.RAW_VECTORS, 0L),
        bytes.getOrDefault(VectorFormats.Part.QUANTIZED_VECTORS, 0L),
        bytes.getOrDefault(VectorFormats.Part.GRAPH, 0L),
        bytes.getOrDefault(VectorFormats.Part.OTHER, 0L),
        storeBytes,
        pendingWrites);
  }

  /**
   * Bytes per part of the files in {@code dir} (none when it does not exist yet). A writer in
   * another process may delete files while they are listed: those no longer count.
   */
  private static Map<VectorFormats.Part, Long> partSizes(Path dir, VectorEncoding encoding) {
    Map<VectorFormats.Part, Long> bytes = new EnumMap<>(VectorFormats.Part.class);
    if (!Files.isDirectory(dir)) {
      return bytes;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.toList()) {
        try {
          if (Files.isRegularFile(f)) {
            bytes.merge(
                VectorFormats.partOf(f.getFileName().toString(), encoding),
                Files.size(f),
                Long::sum);
          }
        } catch (NoSuchFileException deletedMeanwhile) {
          // merged away or replaced by a newer commit of the writer
        }
      }
    } catch (IOException e) {
      throw LuceneIndex.translate("stats", dir, e);
    }
    return bytes;
  }

  /**
   * Checks the index against the store. Changes the store logged after the index's commit (ids in
   * {@link Store#idsWrittenAfter}) are pending: the next writer replays them, so an id that differs
   * between the two only because of them is counted, not reported.
   */
  public static VerifyReport verify(LuceneIndex index, Store store) {
    List<String> problems = new ArrayList<>();
    if (index.hasCommit()) {
      checkLucene(index, problems);
    }
    long committed = index.committedSeq();
    long lastSeq = store.lastSeq();
    if (committed > lastSeq) {
      problems.add(
          "index "
              + index.path()
              + " has writes up to #"
              + committed
              + " but store ends at #"
              + lastSeq
              + ": a writer committed while verify opened the collection (run verify again),"
              + " or the store lost data (restore a backup)");
    }
    Set<String> pending = store.idsWrittenAfter(committed);
    IndexedIds indexed;
    try {
      indexed = index.withSearcher(s -> IndexedIds.of(s.getIndexReader(), index.path(), problems));
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
      return new VerifyReport(-1, 0, pending.size(), problems);
    }
    long[] storeDocs = {0};
    List<String> missing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      store.forEach(
          s -> {
            String id = s.document().id();
            storeDocs[0]++;
            seen.add(id);
            if (!indexed.ids().contains(id) && !pending.contains(id)) {
              missing.add(id);
            }
          });
      for (String orphan : store.orphanVectors()) {
        problems.add("store: vector without document: '" + orphan + "'");
      }
    } catch (RuntimeException e) {
      problems.add(e.getMessage());
    }
    if (!missing.isEmpty()) {
      problems.add(missing.size() + " stored ids missing from the index, e.g. " + first(missing));
    }
    List<String> extra =
        indexed.ids().stream().filter(id -> !seen.contains(id) && !pending.contains(id)).toList();
    if (!extra.isEmpty()) {
      problems.add(extra.size() + " indexed ids missing from the store, e.g. " + first(extra));
    }
    return new VerifyReport(storeDocs[0], indexed.live(), pending.size(), problems);
  }

  /** The ids of the live documents of a reader; missing and repeated ids go to {@code problems}. */
  private record IndexedIds(Set<String> ids, long live) {
    static IndexedIds of(IndexReader reader, Path path, List<String> problems) throws IOException {
      Set<String> ids = new HashSet<>();
      long live = 0;
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits liveDocs = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (liveDocs != null && !liveDocs.get(doc)) {
            continue;
          }
          live++;
          String id = stored.document(doc, Set.of(IndexFields.ID)).get(IndexFields.ID);
          if (id == null) {
            problems.add("index " + path + ": document #" + (leaf.docBase + doc) + " has no id");
          } else if (!ids.add(id)) {
            problems.add("index " + path + ": id '" + id + "' appears more than once");
          }
        }
      }
      return new IndexedIds(ids, live);
    }
  }

  /** Lucene's CheckIndex at checksum level: every file's checksum and the segments' structure. */
  private static void checkLucene(LuceneIndex index, List<String> problems) {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (CheckIndex check =
        new CheckIndex(
            index.directory(), NoLockFactory.INSTANCE.obtainLock(index.directory(), "check"))) {
      check.setLevel(CheckIndex.Level.MIN_LEVEL_FOR_CHECKSUM_CHECKS);
      check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
      CheckIndex.Status status = check.checkIndex();
      if (!status.clean) {
        String text = log.toString(StandardCharsets.UTF_8);
        text.lines()
            .filter(l -> l.contains("FAILED") || l.contains("ERROR") || l.contains("Exception"))
            .limit(MAX_LISTED)
            .forEach(l -> problems.add("index " + index.path() + ": " + l.trim()));
        if (problems.isEmpty()) {
          problems.add("index " + index.path() + ": CheckIndex reports damage");
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(LuceneIndex.translate("check", index.path(), e).getMessage());
    }
  }

  private static String first(List<String> ids) {
    return ids.subList(0, Math.min(5, ids.size())).toString();
  }
}
