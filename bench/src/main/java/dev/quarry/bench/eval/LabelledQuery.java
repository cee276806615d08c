package dev.quarry.bench.eval;

/**
 * A query with its labels, what the English rules fired on it, and its embedding.
 *
 * @param id the set's id ("p-017")
 * @param text the query
 * @param recency labelled as asking for the newest documents first
 * @param exclusion labelled as asking to leave something out
 * @param firesRecency the rules found a recency cue
 * @param firesExclusion the rules found an exclusion
 * @param vector the query's embedding (null until embedded)
 */
record LabelledQuery(
    String id,
    String text,
    boolean recency,
    boolean exclusion,
    boolean firesRecency,
    boolean firesExclusion,
    float[] vector) {

  LabelledQuery withVector(float[] v) {
    return new LabelledQuery(id, text, recency, exclusion, firesRecency, firesExclusion, v);
  }

  /** Whether the number in the id is odd: the probe sets' tuning half. */
  boolean oddId() {
    return Integer.parseInt(id.replaceAll("\\D", "")) % 2 == 1;
  }

  /** Neither intent: a question that should fire nothing. */
  boolean ordinary() {
    return !recency && !exclusion;
  }

  /** The rules fired something. */
  boolean fires() {
    return firesRecency || firesExclusion;
  }
}
