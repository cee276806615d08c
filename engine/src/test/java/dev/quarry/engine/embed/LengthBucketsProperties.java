package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Batching invariants; jqwik prints the seed of any failure for an exact re-run. */
class LengthBucketsProperties {

  @Property(tries = 500)
  void everyTextLandsInExactlyOneCallWithinTheLimits(
      @ForAll @Size(max = 300) List<@IntRange(min = 1, max = 600) Integer> lengths,
      @ForAll @IntRange(min = 1, max = 64) int maxTexts,
      @ForAll @IntRange(min = 1, max = 20_000) int maxTokens) {
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
