package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.RandomCases;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batching invariants on seeded random lengths (seed printed; re-run with -Dquarry.seed=N). */
class LengthBucketsProperties {

  record Case(int maxTexts, int maxTokens, List<Integer> lengths) {}

  @Test
  void everyTextLandsInExactlyOneCallWithinTheLimits() {
    RandomCases.check(
        "everyTextLandsInExactlyOneCallWithinTheLimits",
        500,
        gen -> {
          List<Integer> lengths = gen.list(0, 300, g -> g.ints(1, 600));
          return new Case(gen.ints(1, 64), gen.ints(1, 20_000), lengths);
        },
        c -> check(c.lengths(), c.maxTexts(), c.maxTokens()));
  }

  private static void check(List<Integer> lengths, int maxTexts, int maxTokens) {
    long[][] rows = lengths.stream().map(n -> new long[n]).toArray(long[][]::new);
    List<int[]> batches = LengthBuckets.plan(rows, maxTexts, maxTokens);
    int[] seen = new int[rows.length];
    for (int[] batch : batches) {
      assertThat(batch.length).isBetween(1, maxTexts);
      int longest = Arrays.stream(batch).map(i -> rows[i].length).max().orElseThrow();
      if (batch.length > 1) {
        assertThat((long) batch.length * longest).isLessThanOrEqualTo(maxTokens);
      }
      for (int i : batch) {
        seen[i]++;
      }
    }
    assertThat(Arrays.stream(seen).allMatch(count -> count == 1)).as("each index once").isTrue();
  }
}
