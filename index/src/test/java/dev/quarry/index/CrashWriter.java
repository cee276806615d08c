package dev.quarry.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Child process of {@link CrashRecoveryTest}: writes forever until killed. Before each write it
 * prints {@code BEGIN} with the operation, after the call returns {@code ACK}; the parent treats an
 * ACKed write as acknowledged.
 *
 * <p>Args: collection dir, seed, first version number, and optionally how many writes go between
 * commits (default 25; 0 never commits, as a first ingest killed before its first commit).
 */
public final class CrashWriter {
  static final int IDS = 200;
  static final int DIMS = 8;

  private CrashWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    long version = Long.parseLong(args[2]);
    int commitEvery = args.length > 3 ? Integer.parseInt(args[3]) : 25;
    try (Collection c =
        Collection.openOrCreate(dir, CollectionConfig.forVectors(DIMS, Similarity.COSINE))) {
      System.out.println("READY");
      System.out.flush();
      for (int op = 0; ; op++) {
        if (random.nextInt(4) == 0) {
          List<String> ids = new ArrayList<>();
          for (int i = 0, n = 1 + random.nextInt(2); i < n; i++) {
            ids.add("id-" + random.nextInt(IDS));
          }
          System.out.println("BEGIN D " + String.join(" ", ids));
          System.out.flush();
          c.delete(ids);
        } else {
          List<Document> docs = new ArrayList<>();
          StringBuilder line = new StringBuilder("BEGIN U");
          for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
            String id = "id-" + random.nextInt(IDS);
            long v = version++;
            float[] vec = new float[DIMS];
            for (int d = 0; d < DIMS; d++) {
              vec[d] = (float) random.nextGaussian();
            }
            vec[0] = Math.abs(vec[0]) + 0.1f; // never all-zero
            docs.add(Document.builder(id).text("v" + v).meta("version", v).vector(vec).build());
            line.append(' ').append(id).append(':').append(v);
          }
          System.out.println(line);
          System.out.flush();
          c.upsert(docs);
        }
        System.out.println("ACK");
        System.out.flush();
        if (commitEvery > 0 && op % commitEvery == commitEvery - 1) {
          c.commit();
        }
      }
    }
  }
}
