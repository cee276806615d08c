package dev.quarry.bench.eval;

import dev.quarry.query.SearchHit;
import java.util.List;

/** Positions of documents in a ranked hit list. */
final class Ranks {
  /** The rank of a document that is not in the list. */
  static final int ABSENT = Integer.MAX_VALUE;

  private Ranks() {}

  /** 1-based rank of {@code id} in {@code hits}, or {@link #ABSENT}. */
  static int of(List<SearchHit> hits, String id) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).id().equals(id)) {
        return i + 1;
      }
    }
    return ABSENT;
  }

  /** Reciprocal rank cut at {@code k}: 1/rank when rank ≤ k, else 0. */
  static double reciprocal(int rank, int k) {
    return rank <= k ? 1.0 / rank : 0;
  }
}
