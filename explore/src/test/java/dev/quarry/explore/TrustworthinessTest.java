package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrustworthinessTest {
  // Five points on a line: A=0, B=1, C=3, D=7, E=12 (no two distances tie).
  private static final float[][] LINE = {{0}, {1}, {3}, {7}, {12}};
  // The same five laid out in another order: A=0, B=12, C=1, D=3, E=7.
  private static final float[][] SHUFFLED = {{0}, {12}, {1}, {3}, {7}};

  @Test
  void aLayoutThatKeepsEveryNeighbourScoresOne() {
    assertThat(Trustworthiness.of(LINE, LINE, 1)).isEqualTo(1.0);
    assertThat(Trustworthiness.of(LINE, LINE, 2)).isEqualTo(1.0);
  }

  /**
   * k = 1. Layout neighbours: A→C, B→E, C→A, D→C, E→D; true ones: A→B, B→A, C→B, D→C, E→D. The
   * intruders' ranks in the original: C is A's 2nd (penalty 1), E is B's 4th (3), A is C's 2nd (1):
   * sum 5, T = 1 − 2 / (5·1·(10 − 3 − 1)) · 5 = 2/3.
   */
  @Test
  void oneNeighbourByHand() {
    assertThat(Trustworthiness.of(LINE, SHUFFLED, 1)).isCloseTo(2.0 / 3, within(1e-12));
  }

  /**
   * k = 2. Layout neighbours: A{C,D}, B{E,D}, C{A,D}, D{C,A}, E{D,B}; true: A{B,C}, B{A,C}, C{B,A},
   * D{C,E}, E{D,C}. Intruders and their original ranks: A: D 3rd (1); B: E 4th (2), D 3rd (1); C: D
   * 3rd (1); D: A 4th (2); E: B 3rd (1): sum 8, T = 1 − 2 / (5·2·(10 − 6 − 1)) · 8 = 7/15.
   */
  @Test
  void twoNeighboursByHand() {
    assertThat(Trustworthiness.of(LINE, SHUFFLED, 2)).isCloseTo(7.0 / 15, within(1e-12));
  }

  @Test
  void kMustLeaveRoom() {
    assertThatThrownBy(() -> Trustworthiness.of(LINE, LINE, 3))
        .hasMessageContaining("k must be between 1 and 2, got 3");
  }

  @Test
  void nearestKeepsTheKSmallestInOrder() {
    assertThat(Trustworthiness.nearest(new double[] {5, 1, 4, 1, 9, 0}, 3))
        .containsExactly(5, 1, 3);
  }
}
