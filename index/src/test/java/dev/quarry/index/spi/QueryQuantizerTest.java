package dev.quarry.index.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.testing.RandomCases;
import java.util.Random;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer;
import org.apache.lucene.util.quantization.OptimizedScalarQuantizer.QuantizationResult;
import org.junit.jupiter.api.Test;

/**
 * The query quantizer agrees with Lucene's optimized scalar quantizer run without its interval
 * search (what searches used before decision 0182): the same interval and corrections up to float
 * rounding, the same codes but for components that lie on a step's edge, and a component sum that
 * is the sum of its codes. The seed is printed (re-run with -Dquarry.seed=N).
 */
class QueryQuantizerTest {
  @Test
  void agreesWithLucenesQuantizerWithoutItsSearch() {
    long seed = RandomCases.seed();
    System.out.println(
        "QueryQuantizerTest: seed=" + seed + " (re-run with -Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    int[] dimensions = {1, 2, 7, 64, 384, 784, 1 + random.nextInt(1100)};
    for (int dims : dimensions) {
      for (boolean euclidean : new boolean[] {true, false}) {
        for (int bits : new int[] {1, 4, 7, 8}) {
          float scale = euclidean ? 1 + random.nextInt(255) : 1;
          float[] query = vector(random, dims, scale, !euclidean);
          float[] centroid = vector(random, dims, scale * 0.5f, false);
          compare(query, centroid, bits, euclidean);
        }
      }
    }
  }

  @Test
  void aQueryAtTheCentroidGetsZeroCodes() {
    float[] query = {0.5f, -0.25f, 1f};
    byte[] codes = new byte[3];
    QuantizationResult result = QueryQuantizer.quantize(query, query.clone(), 4, true, codes);
    assertThat(codes).containsOnly(0);
    assertThat(result.quantizedComponentSum()).isZero();
    assertThat(result.additionalCorrection()).isZero();
    assertThat(query).containsExactly(0.5f, -0.25f, 1f);
  }

  private static void compare(float[] query, float[] centroid, int bits, boolean euclidean) {
    VectorSimilarityFunction similarity =
        euclidean ? VectorSimilarityFunction.EUCLIDEAN : VectorSimilarityFunction.DOT_PRODUCT;
    byte[] expectedCodes = new byte[query.length];
    QuantizationResult expected =
        new OptimizedScalarQuantizer(similarity, 0.1f, 0)
            .scalarQuantize(query.clone(), expectedCodes, (byte) bits, centroid);
    float[] given = query.clone();
    byte[] codes = new byte[query.length];
    QuantizationResult actual = QueryQuantizer.quantize(query, centroid, bits, euclidean, codes);
    String what = query.length + " dims, " + bits + " bits, euclidean " + euclidean;
    assertThat(query).as("query left as it was").isEqualTo(given);
    float range = Math.max(1e-6f, expected.upperInterval() - expected.lowerInterval());
    assertThat(actual.lowerInterval())
        .as(what)
        .isCloseTo(expected.lowerInterval(), within(1e-4f * range));
    assertThat(actual.upperInterval())
        .as(what)
        .isCloseTo(expected.upperInterval(), within(1e-4f * range));
    float additional = Math.abs(expected.additionalCorrection());
    assertThat(actual.additionalCorrection())
        .as(what)
        .isCloseTo(expected.additionalCorrection(), within(1e-4f * Math.max(1, additional)));
    int differing = 0;
    int sum = 0;
    for (int i = 0; i < codes.length; i++) {
      int code = Byte.toUnsignedInt(codes[i]);
      assertThat(code).as(what).isBetween(0, (1 << bits) - 1);
      int difference = Math.abs(code - Byte.toUnsignedInt(expectedCodes[i]));
      assertThat(difference).as(what + ", component " + i).isLessThanOrEqualTo(1);
      differing += difference;
      sum += code;
    }
    assertThat(differing).as(what + ": codes on a step's edge").isLessThanOrEqualTo(2);
    assertThat(actual.quantizedComponentSum()).as(what).isEqualTo(sum);
  }

  private static float[] vector(Random random, int dims, float scale, boolean unit) {
    float[] v = new float[dims];
    double norm = 0;
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian() * scale;
      norm += v[i] * v[i];
    }
    if (unit && norm > 0) {
      for (int i = 0; i < dims; i++) {
        v[i] /= (float) Math.sqrt(norm);
      }
    }
    return v;
  }
}
