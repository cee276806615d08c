package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeroShotClassifierTest {
  @TempDir Path dir;

  /** Maps a text to a fixed axis; records the roles it was asked for. */
  static final class AxisEmbedder implements Embedder {
    final Map<String, Integer> axes;
    final List<Role> roles = new ArrayList<>();

    AxisEmbedder(Map<String, Integer> axes) {
      this.axes = axes;
    }

    @Override
    public ModelIdentity identity() {
      throw new UnsupportedOperationException("not needed");
    }

    @Override
    public int maxTokens() {
      return 512;
    }

    @Override
    public Embeddings embed(List<String> texts, Role role) {
      roles.add(role);
      List<float[]> out = new ArrayList<>();
      for (String t : texts) {
        float[] v = new float[4];
        v[axes.get(t)] = 1;
        out.add(v);
      }
      return new Embeddings(out, texts.size(), 0);
    }

    @Override
    public void close() {}
  }

  @Test
  void theNearestDescriptionEmbeddedAsAQueryWins() throws Exception {
    Path file = dir.resolve("labels.tsv");
    Files.writeString(
        file,
        "# labels\nfruit\tsomething to eat\n\ntool\ta thing to work with\n",
        StandardCharsets.UTF_8);
    Map<String, String> descriptions = LabelDescriptions.read(file);
    assertThat(descriptions)
        .containsExactly(
            Map.entry("fruit", "something to eat"), Map.entry("tool", "a thing to work with"));
    AxisEmbedder embedder =
        new AxisEmbedder(Map.of("something to eat", 0, "a thing to work with", 2));
    ZeroShotClassifier zeroShot = ZeroShotClassifier.of(embedder, descriptions);
    assertThat(embedder.roles).containsExactly(Role.QUERY);
    Prediction p = zeroShot.predict(Vectors.normalizeInPlace(new float[] {0.2f, 0, 0.9f, 0.1f}));
    assertThat(p.label()).isEqualTo("tool");
    assertThat(p.confidence()).isBetween(0.9, 1.0);
  }

  @Test
  void labelNamesDescribeThemselvesByDefault() {
    Map<String, String> d = LabelDescriptions.fromNames(List.of("noun.animal", "verb_motion"));
    assertThat(d)
        .isEqualTo(
            new LinkedHashMap<>(
                Map.of("noun.animal", "noun animal", "verb_motion", "verb motion")));
  }
}
