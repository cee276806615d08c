package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Collection;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinearProbeTest {
  @TempDir Path dir;

  @Test
  void crossValidatedProbeSeparatesClusters() {
    try (Collection c = Blobs.create(dir, 3, 50, 0.3, 0, 4)) {
      Points points = Points.of(c, "classify");
      ConfusionTable table = CrossValidation.probeFolds(points, "label", 20, 42);
      assertThat(table.total()).isEqualTo(150);
      assertThat(table.accuracy()).isGreaterThan(0.9);
      assertThat(table.labels()).containsExactly("c0", "c1", "c2");
    }
  }
}
