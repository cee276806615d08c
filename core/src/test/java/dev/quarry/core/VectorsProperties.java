package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.testing.Gen;
import dev.quarry.testing.RandomCases;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Normalization and truncation invariants on seeded random vectors (seed printed; re-run with
 * {@code -Dquarry.seed=N}). Cases whose vector is (nearly) zero are generated and counted but not
 * checked, as the former jqwik assumptions did.
 */
class VectorsProperties {

  @Test
  void normalizedNonZeroVectorsHaveUnitLength() {
    RandomCases.check(
        "normalizedNonZeroVectorsHaveUnitLength",
        500,
        gen -> vector(gen, 1, 512, 1e3f),
        v -> {
          if (Vectors.norm(v) > 1e-6) {
            assertThat(Vectors.norm(Vectors.normalizeInPlace(v.clone())))
                .isCloseTo(1.0, within(1e-5));
          }
        });
  }

  record Truncation(int wanted, float[] v) {}

  @Test
  void truncationKeepsDirectionOfThePrefix() {
    RandomCases.check(
        "truncationKeepsDirectionOfThePrefix",
        300,
        gen -> {
          float[] v = vector(gen, 2, 384, 1f);
          return new Truncation(gen.ints(1, 384), v);
        },
        t -> {
          float[] v = t.v().clone();
          int dims = 1 + (t.wanted() - 1) % v.length;
          if (Vectors.norm(v) <= 1e-6) {
            return;
          }
          Vectors.normalizeInPlace(v); // truncate's contract: unit vectors in, unit vectors out
          float[] prefix = Arrays.copyOf(v, dims);
          if (Vectors.norm(prefix) <= 1e-6) {
            return;
          }
          float[] cut = Vectors.truncate(v, dims);
          assertThat(cut).hasSize(dims);
          assertThat(Vectors.norm(cut)).isCloseTo(1.0, within(1e-5));
          assertThat(Vectors.dot(cut, prefix) / Vectors.norm(prefix)).isCloseTo(1.0, within(1e-5));
        });
  }

  @Test
  void zeroVectorStaysZeroAndBadDimensionsAreRejected() {
    assertThat(Vectors.normalizeInPlace(new float[3])).containsExactly(0f, 0f, 0f);
    assertThatThrownBy(() -> Vectors.truncate(new float[4], 5))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("choose 1..4");
    assertThatThrownBy(() -> Vectors.dot(new float[2], new float[3]))
        .hasMessageContaining("dimensions differ");
  }

  private static float[] vector(Gen gen, int minSize, int maxSize, float bound) {
    int size = gen.ints(minSize, maxSize);
    float[] v = new float[size];
    for (int i = 0; i < size; i++) {
      v[i] = gen.floats(-bound, bound);
    }
    return v;
  }
}
