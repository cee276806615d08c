package dev.quarry.index.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.MMapDirectory;
import org.apache.lucene.store.ReadAdvice;

/**
 * Opens a collection's Lucene folder. A search reads float vectors at random places (the graph walk
 * of a float32 collection, the rescoring of a quantized one), so the float vector files are mapped
 * with random read advice (no read-ahead) outside merges and flushes: with the kernel's default,
 * each page fault reads ahead megabytes, which under memory pressure evicts the pages a search
 * needs (decision 0146). Other files, and merges, keep Lucene's advice.
 */
final class IndexDirectory {
  /**
   * Lucene's float vector data. Codes and graph files are left as they are: they are small enough
   * to stay cached, and random advice on them cost warm searches about 6% (decision 0146).
   */
  private static final Set<String> RANDOM_ACCESS = Set.of("vec");

  private IndexDirectory() {}

  static FSDirectory open(Path path) throws IOException {
    FSDirectory directory = FSDirectory.open(path);
    if (directory instanceof MMapDirectory mapped) {
      mapped.setReadAdvice(IndexDirectory::advice);
    }
    return directory;
  }

  static Optional<ReadAdvice> advice(String file, IOContext context) {
    if (context.context() == IOContext.Context.DEFAULT && RANDOM_ACCESS.contains(extension(file))) {
      return Optional.of(ReadAdvice.RANDOM);
    }
    return MMapDirectory.ADVISE_BY_CONTEXT.apply(file, context);
  }

  private static String extension(String file) {
    int dot = file.lastIndexOf('.');
    return dot < 0 ? "" : file.substring(dot + 1);
  }
}
