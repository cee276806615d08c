package dev.quarry.index.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Vectors;
import dev.quarry.testing.RandomCases;
import org.junit.jupiter.api.Test;

/**
 * The rotation of binary collections' vectors: orthogonal (dot products and lengths kept, so scores
 * do not change), spreading a vector over every dimension (what the codes need), and fixed for its
 * name (it is part of the on-disk format). Random cases from a printed seed.
 */
class VectorRotationTest {

  @Test
  void keepsDotProductsAndLengths() {
    RandomCases.check(
        "VectorRotation keeps dot products",
        300,
        gen -> {
          int d = gen.ints(1, 1100);
          float[][] pair = new float[2][d];
          for (float[] v : pair) {
            for (int i = 0; i < d; i++) {
              v[i] = (float) (gen.random().nextGaussian() * (i % 7 == 0 ? 10 : 1));
            }
          }
          return pair;
        },
        pair -> {
          VectorRotation rotation = VectorRotation.of(VectorRotation.ID, pair[0].length);
          float[] a = rotation.apply(pair[0]);
          float[] b = rotation.apply(pair[1]);
          double scale = Vectors.norm(pair[0]) * Vectors.norm(pair[1]) + 1e-9;
          assertThat(Vectors.dot(a, b) / scale)
              .isCloseTo(Vectors.dot(pair[0], pair[1]) / scale, within(1e-6));
          assertThat(Vectors.norm(a))
              .isCloseTo(Vectors.norm(pair[0]), within(1e-5 * (1 + Vectors.norm(pair[0]))));
        });
  }

  @Test
  void spreadsOneDimensionOverAll() {
    for (int d : new int[] {384, 768, 784, 1024, 1536}) {
      for (int axis : new int[] {0, d / 3, d - 1}) {
        float[] unit = new float[d];
        unit[axis] = 1;
        float[] rotated = VectorRotation.of(VectorRotation.ID, d).apply(unit);
        double largest = 0;
        int nonZero = 0;
        for (float x : rotated) {
          largest = Math.max(largest, Math.abs(x));
          nonZero += x != 0 ? 1 : 0;
        }
        // Unrotated the one coordinate holds everything; an even spread would be 1/√d each.
        assertThat(largest).as("d=%d axis=%d", d, axis).isLessThan(8 / Math.sqrt(d));
        assertThat(nonZero).as("d=%d axis=%d", d, axis).isGreaterThan(d / 2);
      }
    }
  }

  @Test
  void isFixedForItsName() {
    // Collections written with this id hold vectors rotated exactly so: pinned values.
    float[] v = {1, 2, 3, 4, 5};
    assertThat(VectorRotation.of(VectorRotation.ID, 5).apply(v))
        .containsExactly(PINNED_5, within(1e-6f));
    assertThat(v).containsExactly(1, 2, 3, 4, 5); // the argument is left as it is
    float[] e = new float[8];
    e[0] = 1;
    assertThat(VectorRotation.of(VectorRotation.ID, 8).apply(e))
        .containsExactly(PINNED_8, within(1e-6f));
  }

  @Test
  void refusesAnUnknownRotationAndAVectorOfAnotherLength() {
    assertThatThrownBy(() -> VectorRotation.of("hadamard-9", 16))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("'hadamard-9' is not known")
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.INCOMPATIBLE);
    assertThatThrownBy(() -> VectorRotation.of(VectorRotation.ID, 16).apply(new float[15]))
        .hasMessageContaining("expected a 16-d vector, got 15");
  }

  private static final float[] PINNED_5 = {
    4.4955583f, 0.9999997f, 0.4866747f, -5.0444174f, 2.8472714f
  };
  private static final float[] PINNED_8 = {
    0.49999994f, -0.49999994f, -0.49999994f, 0.49999994f, 0, 0, 0, 0
  };
}
