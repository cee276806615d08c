package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import org.junit.jupiter.api.Test;

/** The model loads on first use or in the background; its identity is known before either. */
class DeferredEmbedderTest {
  private static final ModelFiles FILES = ModelRepository.resolve("all-minilm-l6-v2-q");

  @Test
  void identityWithoutLoadingAndTheSameVectorsOnceLoaded() {
    try (DeferredEmbedder deferred = DeferredEmbedder.of(FILES, EmbedderOptions.DEFAULTS);
        OnnxEmbedder eager = OnnxEmbedder.open(FILES, EmbedderOptions.DEFAULTS)) {
      assertThat(deferred.identity()).isEqualTo(eager.identity());
      assertThat(deferred.maxTokens()).isEqualTo(eager.maxTokens());
      assertThat(deferred.embed("a small deer", Role.QUERY))
          .containsExactly(eager.embed("a small deer", Role.QUERY));
    }
  }

  @Test
  void prefetchedModelIsTheOneUsed() {
    try (DeferredEmbedder deferred =
        DeferredEmbedder.of(FILES, EmbedderOptions.DEFAULTS).prefetch()) {
      OnnxEmbedder model = deferred.model();
      assertThat(deferred.model()).isSameAs(model);
      assertThat(deferred.countTokens("two words")).isEqualTo(2);
    }
  }

  @Test
  void closedBeforeAnyUseNeverLoads() {
    DeferredEmbedder deferred = DeferredEmbedder.of(FILES, EmbedderOptions.DEFAULTS);
    deferred.close();
    deferred.close();
    assertThatThrownBy(() -> deferred.embed("text", Role.QUERY))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    deferred.prefetch(); // no effect once closed
  }

  @Test
  void dimensionsBeyondTheModelFailAtOnce() {
    assertThatThrownBy(
            () -> DeferredEmbedder.of(FILES, EmbedderOptions.DEFAULTS.withDimensions(999)))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("exceeds the model's 384");
  }
}
