package dev.quarry.query;

import java.util.List;

/** What tests read from a result. */
final class Hits {
  private Hits() {}

  /** The hits' ids, in rank order. */
  static List<String> ids(SearchResult r) {
    return r.hits().stream().map(SearchHit::id).toList();
  }
}
