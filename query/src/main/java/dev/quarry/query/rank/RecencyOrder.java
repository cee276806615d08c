package dev.quarry.query.rank;

import java.time.Duration;
import java.time.Instant;

/**
 * The arithmetic of recency decay, in log space so that it never underflows: a candidate's key is
 * {@code ln(within) − ln 2 × age / half-life}, the logarithm of {@code within × 0.5^(age /
 * half-life)}. The ratio of two candidates' decays depends only on the difference of their dates,
 * not on how far as-of is from them, so papers from 2017 to 2020 searched as of today keep the
 * order they have as of 2021; computed as a product, both decays would round to zero against the
 * relevance and tie (docs/decisions/0030-recency-log-space.md).
 *
 * <p>Candidates fall into tiers, each above the next: relevant and dated, relevant and undated, not
 * relevant and dated, not relevant and undated. An undated document has no age to rank by, so it
 * follows every dated one of its tier, in order of relevance
 * (docs/decisions/0031-undated-under-recency.md).
 */
public final class RecencyOrder {
  /** The floor of {@code within}: a relevance of 0 would make the key −∞, and every such tie. */
  private static final double MIN_WITHIN = Double.MIN_NORMAL;

  private static final double LN2 = Math.log(2);

  private final Instant asOf;
  private final double halfLifeDays;

  public RecencyOrder(Instant asOf, Duration halfLife) {
    this.asOf = asOf;
    this.halfLifeDays = halfLife.toMillis() / 86_400_000.0;
  }

  /**
   * A candidate's place under recency.
   *
   * @param date its date, or null when it has none
   * @param ageDays days from its date to as-of (NaN when undated)
   * @param log2Decay {@code −age / half-life}: the decay is {@code 2^log2Decay} (0 when undated)
   * @param tier 3 relevant and dated, 2 relevant and undated, 1 dated, 0 undated
   * @param key {@code ln(within) + ln 2 × log2Decay}: the order within the tier
   * @param score the tier plus {@code 1 / (1 − key)}, in {@code (tier, tier + 1]}: one number that
   *     orders as (tier, key) do, and keeps days apart at any age (a key of −10⁵ still moves by
   *     10⁻¹⁰ per day of a 30-day half-life)
   */
  public record Rank(
      Instant date, double ageDays, double log2Decay, int tier, double key, double score) {
    /**
     * The decay factor {@code 0.5^(age / half-life)}; it rounds to 0 past about 1,000 half-lives.
     */
    public double factor() {
      return Math.pow(2, log2Decay);
    }

    public boolean dated() {
      return date != null;
    }
  }

  /**
   * Ranks a candidate.
   *
   * @param relevant whether it passed the relevance gate
   * @param within the score the decay multiplies, in 0..1
   * @param date its date, or null
   */
  public Rank rank(boolean relevant, double within, Instant date) {
    double logWithin = Math.log(Math.max(MIN_WITHIN, Math.min(1, within)));
    if (date == null) {
      int tier = relevant ? 2 : 0;
      return new Rank(null, Double.NaN, 0, tier, logWithin, tier + 1 / (1 - logWithin));
    }
    // Documents later than as-of are filtered out before ranking; a date a few milliseconds
    // later (a date field with a time of day) counts as age 0.
    double ageDays = Math.max(0, Duration.between(date, asOf).toMillis() / 86_400_000.0);
    double log2Decay = -ageDays / halfLifeDays;
    double key = logWithin + LN2 * log2Decay;
    int tier = relevant ? 3 : 1;
    return new Rank(date, ageDays, log2Decay, tier, key, tier + 1 / (1 - key));
  }
}
