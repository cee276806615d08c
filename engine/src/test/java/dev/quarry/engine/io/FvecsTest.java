package dev.quarry.engine.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FvecsTest {
  @TempDir Path dir;

  @Test
  void roundTripsAndUsesTheTexmexLayout() throws IOException {
    Path file = dir.resolve("v.fvecs");
    List<float[]> vectors = List.of(new float[] {1f, -2.5f, 3f}, new float[] {0f, 0.25f, 1e-7f});
    Fvecs.write(file, vectors);
    assertThat(Files.size(file)).isEqualTo(2 * (4 + 3 * 4));
    byte[] bytes = Files.readAllBytes(file);
    assertThat(Arrays.copyOf(bytes, 4)).containsExactly(3, 0, 0, 0); // little-endian dimension
    List<float[]> back = Fvecs.read(file);
    assertThat(back).hasSize(2);
    assertThat(back.get(0)).containsExactly(vectors.get(0));
    assertThat(back.get(1)).containsExactly(vectors.get(1));
  }

  @Test
  void truncatedFileFailsNamingTheFile() throws IOException {
    Path file = dir.resolve("cut.fvecs");
    Fvecs.write(file, List.of(new float[] {1, 2, 3, 4}));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 3));
    assertThatThrownBy(() -> Fvecs.read(file))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated in vector 0");
  }

  @Test
  void ivecsRoundTripInTheSameLayout() throws IOException {
    Path file = dir.resolve("gt.ivecs");
    List<int[]> records = List.of(new int[] {7, 0, -1}, new int[] {Integer.MAX_VALUE});
    Fvecs.writeInts(file, records);
    byte[] bytes = Files.readAllBytes(file);
    assertThat(bytes).hasSize(4 + 3 * 4 + 4 + 4);
    assertThat(Arrays.copyOf(bytes, 8)).containsExactly(3, 0, 0, 0, 7, 0, 0, 0);
    List<int[]> back = Fvecs.readInts(file);
    assertThat(back).hasSize(2);
    assertThat(back.get(0)).containsExactly(7, 0, -1);
    assertThat(back.get(1)).containsExactly(Integer.MAX_VALUE);
  }

  @Test
  void aFileWithAnImpossibleDimensionIsNotReadAsIvecs() throws IOException {
    Path file = dir.resolve("bad.ivecs");
    Files.write(file, new byte[] {0, 0, 0, (byte) 0x80, 1, 2, 3, 4});
    assertThatThrownBy(() -> Fvecs.readInts(file))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("not an .ivecs file");
  }
}
