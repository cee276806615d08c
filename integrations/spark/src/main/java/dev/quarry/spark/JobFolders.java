package dev.quarry.spark;

import dev.quarry.core.FileTrees;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The work folder of one indexing job, on a file system the driver and every executor share:
 *
 * <pre>
 * job-&lt;id&gt;/attempts/shard-00003-attempt-17/   a task attempt writes here
 * job-&lt;id&gt;/shards/shard-00003/               its commit: the shard of partition 3
 * job-&lt;id&gt;/merged/                           the driver's merge, moved to the output at the end
 * </pre>
 *
 * A shard is committed by renaming the attempt's folder onto its name, which is atomic and fails
 * when another attempt of the same partition (a retry after a late failure, a speculative copy) got
 * there first: both built the same shard from the same rows, so the loser deletes its own. Hence at
 * most one shard per partition, and only whole ones.
 *
 * @param root the job's folder
 */
record JobFolders(String root) implements Serializable {
  Path attempt(int partition, long attemptId) {
    return Path.of(root, "attempts", name(partition) + "-attempt-" + attemptId);
  }

  Path shard(int partition) {
    return Path.of(root, "shards", name(partition));
  }

  Path merged() {
    return Path.of(root, "merged");
  }

  /** Moves a finished attempt into place; false when another attempt had already done so. */
  boolean commit(int partition, Path attempt) {
    Path shard = shard(partition);
    try {
      Files.createDirectories(shard.getParent());
      Files.move(attempt, shard, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      // rename(2) onto a non-empty folder fails (ENOTEMPTY, which Java reports as a plain
      // FileSystemException): the partition's shard is in place already.
      if (Files.isDirectory(shard)) {
        FileTrees.delete(attempt);
        return false;
      }
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot commit " + attempt + " as " + shard + ": " + e, e);
    }
  }

  private static String name(int partition) {
    return String.format("shard-%05d", partition);
  }
}
