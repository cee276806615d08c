package dev.quarry.query;

import dev.quarry.query.interpret.Exclusion;
import dev.quarry.query.interpret.Interpretation;
import java.time.Instant;
import java.util.List;
import org.apache.lucene.search.Query;

/**
 * What a search will do, decided before any ranking: the query's interpretation, the texts each leg
 * searches, the filter, the time handling and the depth of the candidate list.
 *
 * @param interpretation what the interpreter read from the text
 * @param semantic the text embedded for the vector leg
 * @param exclusion the exclusion in effect, or null
 * @param titles title demotion for the exclusion or the thing asked to be free of, or null
 * @param demoted what title and kind demotion leave out: the exclusion, or the thing a "free of"
 *     query lacks (cue "X-free"); null when nothing is demoted
 * @param time the time handling
 * @param filter the Lucene filter both legs apply, or null
 * @param asOfOnly whether the filter is the as-of bound alone
 * @param want hits up to the last one returned (offset + k)
 * @param pool candidates each leg fetches
 */
record SearchPlan(
    Interpretation interpretation,
    String semantic,
    Exclusion exclusion,
    ExcludedTitles titles,
    Exclusion demoted,
    Time time,
    Query filter,
    boolean asOfOnly,
    int want,
    int pool) {

  String keywords() {
    return interpretation.keywords();
  }

  List<String> phrases() {
    return interpretation.phrases();
  }

  /**
   * Time handling.
   *
   * @param dated whether the collection has the request's date field
   * @param asOf the reference time
   * @param cue the recency cue that fired, or null
   * @param decay whether the decay applies for certain (forced, or auto with a cue)
   * @param byCoverage whether fresh coverage decides, once the candidates are known
   */
  record Time(boolean dated, Instant asOf, String cue, boolean decay, boolean byCoverage) {}
}
