package dev.quarry.engine.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.testing.RandomCases;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpearmanTest {
  @Test
  void tiesShareTheirAverageRank() {
    assertThat(Spearman.ranks(new double[] {10, 20, 20, 30})).containsExactly(1, 2.5, 2.5, 4);
  }

  @Test
  void matchesScipyOnAKnownExample() {
    // scipy.stats.spearmanr([1,2,3,4,5,6],[2,1,4,3,6,5]).correlation == 0.8285714285714287
    double rho =
        Spearman.correlation(new double[] {1, 2, 3, 4, 5, 6}, new double[] {2, 1, 4, 3, 6, 5});
    assertThat(rho).isCloseTo(0.8285714285714287, within(1e-12));
  }

  /** Seeded (seed printed; re-run with {@code -Dquarry.seed=N}). */
  @Test
  void invariantUnderMonotoneTransformsAndSignOnReversal() {
    RandomCases.check(
        "invariantUnderMonotoneTransformsAndSignOnReversal",
        300,
        gen -> gen.list(3, 60, g -> g.doubles(-100, 100)),
        SpearmanTest::monotoneAndReversed);
  }

  private static void monotoneAndReversed(List<Double> xs) {
    double[] x = xs.stream().mapToDouble(Double::doubleValue).toArray();
    double[] cubed = new double[x.length];
    double[] negated = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      cubed[i] = x[i] * x[i] * x[i] + 7;
      negated[i] = -x[i];
    }
    double self = Spearman.correlation(x, cubed);
    if (!Double.isNaN(self)) { // all-equal series have no ranking
      assertThat(self).isCloseTo(1.0, within(1e-9));
      assertThat(Spearman.correlation(x, negated)).isCloseTo(-1.0, within(1e-9));
    }
  }
}
