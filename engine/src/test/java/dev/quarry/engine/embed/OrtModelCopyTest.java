package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model's ONNX Runtime copy: written once, mapped later, the same vectors (decision 0185). */
class OrtModelCopyTest {
  private static final List<String> TEXTS =
      List.of("A girl is styling her hair.", "Vector search over graph indexes", "");

  @TempDir Path copies;

  private static float[][] embed(OnnxEmbedder e) {
    return e.embed(TEXTS, Role.PASSAGE).vectors().toArray(float[][]::new);
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(copies)) {
      return s.toList();
    }
  }

  @Test
  void theFirstSessionWritesTheCopyAndLaterOnesMapItWithTheSameVectors() throws IOException {
    ModelFiles files = ModelRepository.resolve("all-minilm-l6-v2");
    float[][] first;
    try (OnnxEmbedder e = OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS, copies)) {
      assertThat(e.fromCopy()).isFalse();
      first = embed(e);
    }
    assertThat(files()).singleElement().satisfies(p -> assertThat(p.toString()).endsWith(".ort"));
    try (OnnxEmbedder e = OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS, copies)) {
      assertThat(e.fromCopy()).isTrue();
      assertThat(embed(e)).isDeepEqualTo(first);
    }
    try (OnnxEmbedder e = OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS, null)) {
      assertThat(e.fromCopy()).as("no folder for copies").isFalse();
      assertThat(embed(e)).isDeepEqualTo(first);
    }
  }

  @Test
  void aCopyThatDoesNotLoadIsWrittenAgainAndTheModelStillLoads() throws IOException {
    ModelFiles files = ModelRepository.resolve("all-minilm-l6-v2");
    float[][] first;
    try (OnnxEmbedder e = OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS, copies)) {
      first = embed(e);
    }
    Path copy = files().getFirst();
    long size = Files.size(copy);
    Files.write(copy, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
    Path otherVersion =
        copies.resolve(copy.getFileName().toString().replaceFirst("-[^-]*$", "-0.1.ort"));
    Files.writeString(otherVersion, "a copy for another runtime version");
    try (OnnxEmbedder e = OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS, copies)) {
      assertThat(e.fromCopy()).isFalse();
      assertThat(embed(e)).isDeepEqualTo(first);
    }
    assertThat(files()).as("written again; the other version's copy deleted").containsExactly(copy);
    assertThat(Files.size(copy)).isEqualTo(size);
  }
}
