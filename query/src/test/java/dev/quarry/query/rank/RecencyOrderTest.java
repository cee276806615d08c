package dev.quarry.query.rank;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RecencyOrderTest {
  private static final Instant AS_OF = Instant.parse("2026-12-06T00:00:00Z");

  @Test
  void decaysOfDocumentsYearsOldStayApartAndInOrder() {
    RecencyOrder order = new RecencyOrder(AS_OF, Duration.ofDays(30));
    double previous = Double.POSITIVE_INFINITY;
    for (int years : new int[] {6, 7, 8, 9, 50, 200}) {
      RecencyOrder.Rank r = order.rank(true, 0.8, AS_OF.minus(365L * years, ChronoUnit.DAYS));
      assertThat(r.score()).isLessThan(previous).isGreaterThan(3);
      assertThat(r.log2Decay())
          .isCloseTo(-365.0 * years / 30, org.assertj.core.data.Offset.offset(1e-9));
      previous = r.score();
    }
  }

  @Test
  void theOrderOfTwoDatesDoesNotDependOnHowFarAsOfIs() {
    Instant a = Instant.parse("2020-05-01T00:00:00Z");
    Instant b = Instant.parse("2019-05-01T00:00:00Z");
    for (String asOf :
        new String[] {"2020-06-01T00:00:00Z", "2026-12-06T00:00:00Z", "2400-01-01T00:00:00Z"}) {
      RecencyOrder order = new RecencyOrder(Instant.parse(asOf), Duration.ofDays(30));
      RecencyOrder.Rank newer = order.rank(true, 0.5, a);
      RecencyOrder.Rank older = order.rank(true, 0.9, b);
      // ln(0.9 / 0.5) is worth about 25 days; the newer one is a year newer.
      assertThat(newer.score()).isGreaterThan(older.score());
      assertThat(newer.key() - older.key())
          .isCloseTo(
              Math.log(0.5 / 0.9) + Math.log(2) * 366 / 30,
              org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void tiersOrderRelevantDatedThenRelevantUndatedThenTheRest() {
    RecencyOrder order = new RecencyOrder(AS_OF, Duration.ofDays(30));
    Instant ancient = Instant.parse("1700-01-01T00:00:00Z");
    RecencyOrder.Rank relevantOld = order.rank(true, 0.01, ancient);
    RecencyOrder.Rank relevantUndated = order.rank(true, 1, null);
    RecencyOrder.Rank otherNew = order.rank(false, 0.39, AS_OF.minusSeconds(60));
    RecencyOrder.Rank otherUndated = order.rank(false, 0.39, null);
    assertThat(relevantOld.score()).isGreaterThan(relevantUndated.score());
    assertThat(relevantUndated.score()).isGreaterThan(otherNew.score());
    assertThat(otherNew.score()).isGreaterThan(otherUndated.score());
    assertThat(relevantUndated.dated()).isFalse();
    assertThat(relevantUndated.factor()).isEqualTo(1);
    assertThat(relevantUndated.ageDays()).isNaN();
    // A relevance of 0 still orders by date.
    assertThat(order.rank(true, 0, AS_OF.minusSeconds(3600)).score())
        .isGreaterThan(order.rank(true, 0, AS_OF.minusSeconds(7200)).score());
  }

  /**
   * Random as-of dates, half-lives, relevances and ages from a minute to five centuries: equal
   * relevance and different dates never give equal scores, and the newer one always scores more.
   */
  @Test
  void noArithmeticTiesAtAnyAge() {
    long seed = Long.getLong("quarry.seed", System.nanoTime());
    System.out.println("RecencyOrderTest seed: " + seed + " (-Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    for (int round = 0; round < 20_000; round++) {
      Instant asOf =
          Instant.parse("1900-01-01T00:00:00Z")
              .plusSeconds((long) (random.nextDouble() * 300 * 365.25 * 86400));
      Duration halfLife =
          Duration.ofMinutes(
              (long) Math.exp(Math.log(1440) + random.nextDouble() * Math.log(5 * 365.0)));
      RecencyOrder order = new RecencyOrder(asOf, halfLife);
      double within = random.nextDouble();
      boolean relevant = random.nextBoolean();
      Instant newer = asOf.minusSeconds(ageSeconds(random));
      Instant older = newer.minusSeconds(ageSeconds(random));
      RecencyOrder.Rank a = order.rank(relevant, within, newer);
      RecencyOrder.Rank b = order.rank(relevant, within, older);
      String context =
          "seed "
              + seed
              + ", round "
              + round
              + ": as of "
              + asOf
              + ", half-life "
              + halfLife
              + ", "
              + newer
              + " against "
              + older;
      assertThat(a.score()).as(context).isGreaterThan(b.score());
    }
  }

  /** A minute to five centuries, log-uniform. */
  private static long ageSeconds(Random random) {
    return (long) Math.exp(Math.log(60) + random.nextDouble() * Math.log(500 * 365.25 * 1440));
  }
}
