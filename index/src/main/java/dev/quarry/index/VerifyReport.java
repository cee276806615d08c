package dev.quarry.index;

import java.util.List;

/**
 * What {@code verify} found. {@link #ok()} only when every check passed.
 *
 * @param storeDocuments documents in the store
 * @param indexDocuments live documents in the index
 * @param problems one line per problem, naming the file or the ids concerned
 */
public record VerifyReport(long storeDocuments, long indexDocuments, List<String> problems) {
  public VerifyReport {
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
