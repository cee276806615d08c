package dev.quarry.server;

import com.google.gson.JsonObject;
import dev.quarry.engine.cli.Json;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.filter.FilterParser;
import java.time.Duration;
import java.util.Set;

/**
 * A search request's JSON body: the options of {@code quarry search} under the same names (with
 * {@code _} for {@code -}); the answer is {@code quarry search --json}'s object.
 */
final class SearchBody {
  static final Set<String> FIELDS =
      Set.of(
          "query",
          "k",
          "offset",
          "filter",
          "mode",
          "as_of",
          "recency",
          "fresh_days",
          "half_life_days",
          "min_score",
          "negation",
          "group");

  /** The largest k or offset: a page past it is a client bug, not a search. */
  static final int MAX_K = 10_000;

  private SearchBody() {}

  static SearchRequest parse(JsonObject o) {
    requireKnownFields(o, FIELDS);
    String query = JsonBodies.string(o, "query", null);
    if (query == null) {
      throw ApiError.badRequest("missing_field", "query", "'query' is required").toException();
    }
    SearchRequest.Builder b =
        SearchRequest.builder(query)
            .k(JsonBodies.integer(o, "k", 10, 1, MAX_K))
            .offset(JsonBodies.integer(o, "offset", 0, 0, MAX_K))
            .mode(SearchRequest.Mode.parse(JsonBodies.string(o, "mode", "hybrid")))
            .recency(
                SearchRequest.Recency.DEFAULT
                    .withMode(
                        SearchRequest.RecencyMode.parse(JsonBodies.string(o, "recency", "auto")))
                    .withFresh(
                        Duration.ofDays(
                            JsonBodies.integer(
                                o,
                                "fresh_days",
                                (int) SearchRequest.Recency.DEFAULT_FRESH.toDays(),
                                0,
                                36_500)))
                    .withHalfLife(
                        Duration.ofDays(
                            JsonBodies.integer(
                                o,
                                "half_life_days",
                                (int) SearchRequest.Recency.DEFAULT.halfLife().toDays(),
                                1,
                                SearchRequest.Recency.MAX_HALF_LIFE_DAYS))))
            .groupByParent(JsonBodies.bool(o, "group", false))
            // The answer always carries each hit's score parts, as `quarry search --json` does.
            .explain(true);
    String filter = JsonBodies.string(o, "filter", null);
    if (filter != null) {
      b.filter(FilterParser.parse(filter));
    }
    String asOf = JsonBodies.string(o, "as_of", null);
    if (asOf != null) {
      b.asOf(Json.instant(asOf, "as_of"));
    }
    if (!JsonBodies.bool(o, "negation", true)) {
      b.negation(SearchRequest.Negation.OFF);
    }
    Double minScore = JsonBodies.number(o, "min_score");
    if (minScore != null) {
      b.minScore(minScore);
    }
    return b.build();
  }

  /** A misspelt option would otherwise be ignored silently. */
  static void requireKnownFields(JsonObject o, Set<String> known) {
    for (String key : o.keySet()) {
      if (!known.contains(key)) {
        throw ApiError.badRequest(
                "unknown_field",
                key,
                "unknown field '"
                    + key
                    + "'; known: "
                    + String.join(", ", new java.util.TreeSet<>(known)))
            .toException();
      }
    }
  }
}
