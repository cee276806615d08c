package dev.quarry.index.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.testing.RandomCases;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The kernel this JVM picks for the rotation's wide steps gives the portable loops' bits, for every
 * block size and starting level the rotation uses and a few it does not. The seed is printed
 * (re-run with -Dquarry.seed=N).
 */
class ButterfliesTest {
  @Test
  void bestKernelGivesThePortableBits() {
    long seed = RandomCases.seed();
    System.out.println(
        "ButterfliesTest: seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    System.out.println("ButterfliesTest: kernel " + Butterflies.BEST.getClass().getSimpleName());
    Random random = new Random(seed);
    Butterflies portable = Butterflies.portable();
    for (int block = 1; block <= 2048; block <<= 1) {
      for (int h : new int[] {1, 2, 4, 8, 16}) {
        int from = random.nextInt(5);
        float[] x = random(random, from + block + random.nextInt(5));
        float[] expected = x.clone();
        portable.levels(expected, from, block, h);
        Butterflies.BEST.levels(x, from, block, h);
        assertThat(x).as("block %d from %d level %d", block, from, h).isEqualTo(expected);
      }
    }
    for (int half = 0; half <= 600; half += 1 + random.nextInt(40)) {
      float[] x = random(random, 2 * half + random.nextInt(2));
      float[] expected = x.clone();
      float c = (float) Math.sqrt(0.5);
      portable.fold(expected, half, c);
      Butterflies.BEST.fold(x, half, c);
      assertThat(x).as("fold of %d", half).isEqualTo(expected);
    }
  }

  private static float[] random(Random random, int n) {
    float[] x = new float[n];
    for (int i = 0; i < n; i++) {
      x[i] = (float) random.nextGaussian() * (1 + random.nextInt(100));
    }
    return x;
  }
}
