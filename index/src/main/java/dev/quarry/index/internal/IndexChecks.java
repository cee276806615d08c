package dev.quarry.index.internal;

import dev.quarry.index.CollectionStats;
import dev.quarry.index.VectorEncoding;
import dev.quarry.index.VerifyReport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.store.NoLockFactory;
import org.apache.lucene.util.Bits;

/** Collection statistics and integrity checks. */
public final class IndexChecks {
  private static final int MAX_LISTED = 20;

  private IndexChecks() {}

  public static CollectionStats stats(LuceneIndex index, VectorEncoding encoding, long storeBytes) {
    long[] docs =
        index.withSearcher(
            s ->
                new long[] {
                  s.getIndexReader().numDocs(),
                  s.getIndexReader().maxDoc(),
                  s.getIndexReader().leaves().size()
                });
    Map<VectorFormats.Part, Long> bytes = new EnumMap<>(VectorFormats.Part.class);
    try (Stream<Path> files = Files.list(index.path())) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        bytes.merge(
            VectorFormats.partOf(f.getFileName().toString(), encoding), Files.size(f), Long::sum);
      }
    } catch (IOException e) {
      throw LuceneIndex.translate("stats", index.path(), e);
    }
    return new CollectionStats(
        docs[0],
        docs[1] == 0 ? 0 : (double) (docs[1] - docs[0]) / docs[1],
        (int) docs[2],
        bytes.getOrDefault(VectorFormats.Part.RAW_VECTORS, 0L),
        bytes.getOrDefault(VectorFormats.Part.QUANTIZED_VECTORS, 0L),
        bytes.getOrDefault(VectorFormats.Part.GRAPH, 0L),
        bytes.getOrDefault(VectorFormats.Part.OTHER, 0L),
        storeBytes);
  }

  public static VerifyReport verify(LuceneIndex index, Store store) {
    List<String> problems = new ArrayList<>();
    checkLucene(index, problems);
    Set<String> indexed = new HashSet<>();
    long indexDocs = 0;
    try (DirectoryReader reader = DirectoryReader.open(index.directory())) {
      for (LeafReaderContext leaf : reader.leaves()) {
        Bits live = leaf.reader().getLiveDocs();
        StoredFields stored = leaf.reader().storedFields();
        for (int doc = 0; doc < leaf.reader().maxDoc(); doc++) {
          if (live != null && !live.get(doc)) {
            continue;
          }
          indexDocs++;
          String id = stored.document(doc, Set.of(LuceneDocs.ID)).get(LuceneDocs.ID);
          if (id == null) {
            problems.add(
                "index " + index.path() + ": document #" + (leaf.docBase + doc) + " has no id");
          } else if (!indexed.add(id)) {
            problems.add("index " + index.path() + ": id '" + id + "' appears more than once");
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      problems.add(LuceneIndex.translate("read", index.path(), e).getMessage());
      return new VerifyReport(-1, indexDocs, problems);
    }
    long[] storeDocs = {0};
    List<String> missing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    try {
      store.forEach(
          s -> {
            storeDocs[0]++;
            seen.add(s.document().id());
            if (!indexed.contains(s.document().id())) {
              missing.add(s.document().id());
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
    List<String> extra = indexed.stream().filter(id -> !seen.contains(id)).toList();
    if (!extra.isEmpty()) {
      problems.add(extra.size() + " indexed ids missing from the store, e.g. " + first(extra));
    }
    return new VerifyReport(storeDocs[0], indexDocs, problems);
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
