package dev.quarry.index;

import java.util.List;

/**
 * What {@code verify} found. {@link #ok()} only when every check passed; writes waiting for replay
 * are not a problem.
 *
 * @param storeDocuments documents in the store
 * @param indexDocuments live documents in the index
 * @param pendingWrites ids changed in the store after the index's last commit (a process stopped
 *     before committing them): the next writer replays them into the index
 * @param problems one line per problem, naming the file or the ids concerned
 */
public record VerifyReport(
    long storeDocuments, long indexDocuments, long pendingWrites, List<String> problems) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
