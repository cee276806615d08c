package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Normalization and truncation invariants; jqwik prints the seed of a failure for a re-run. */
class VectorsProperties {

  @Property(tries = 500)
  void normalizedNonZeroVectorsHaveUnitLength(
      @ForAll @Size(min = 1, max = 512) float @FloatRange(min = -1e3f, max = 1e3f) [] v) {
    Assume.that(Vectors.norm(v) > 1e-6);
    assertThat(Vectors.norm(Vectors.normalizeInPlace(v.clone()))).isCloseTo(1.0, within(1e-5));
  }

  @Property(tries = 300)
  void truncationKeepsDirectionOfThePrefix(
      @ForAll @Size(min = 2, max = 384) float @FloatRange(min = -1f, max = 1f) [] v,
      @ForAll @IntRange(min = 1, max = 384) int wanted) {
    int dims = 1 + (wanted - 1) % v.length;
    Assume.that(Vectors.norm(v) > 1e-6);
    Vectors.normalizeInPlace(v); // truncate's contract: unit vectors in, unit vectors out
    float[] prefix = java.util.Arrays.copyOf(v, dims);
    Assume.that(Vectors.norm(prefix) > 1e-6);
    float[] cut = Vectors.truncate(v, dims);
    assertThat(cut).hasSize(dims);
    assertThat(Vectors.norm(cut)).isCloseTo(1.0, within(1e-5));
    assertThat(Vectors.dot(cut, prefix) / Vectors.norm(prefix)).isCloseTo(1.0, within(1e-5));
  }

  @Example
  void zeroVectorStaysZeroAndBadDimensionsAreRejected() {
    assertThat(Vectors.normalizeInPlace(new float[3])).containsExactly(0f, 0f, 0f);
    assertThatThrownBy(() -> Vectors.truncate(new float[4], 5))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("choose 1..4");
    assertThatThrownBy(() -> Vectors.dot(new float[2], new float[3]))
        .hasMessageContaining("dimensions differ");
  }
}
