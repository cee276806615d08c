package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Closing an embedder under a running call: the call ends (done or refused, never a crash or a
 * hang), close returns only once no model call runs, and later calls are refused.
 */
class OnnxEmbedderCloseTest {
  @ParameterizedTest(name = "workers={0}")
  @ValueSource(ints = {1, 2})
  void closeWaitsForRunningCallsAndRefusesNewOnes(int workers) throws Exception {
    OnnxEmbedder embedder =
        OnnxEmbedder.open(
            ModelRepository.resolve("all-minilm-l6-v2-q"),
            EmbedderOptions.DEFAULTS.withWorkers(workers).withBatchSize(8));
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      texts.add("sentence number " + i + " about closing a model while it is busy");
    }
    CompletableFuture<Object> call = new CompletableFuture<>();
    Thread caller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    call.complete(embedder.embed(texts, Role.PASSAGE));
                  } catch (RuntimeException e) {
                    call.complete(e);
                  }
                });
    Thread.sleep(300); // let it start model calls
    assertThat(call).as("4,000 texts take longer than 0.3 s").isNotDone();

    long start = System.nanoTime();
    embedder.close();
    long closeMillis = (System.nanoTime() - start) / 1_000_000;

    Object outcome = call.get(5, TimeUnit.SECONDS);
    caller.join();
    assertThat(outcome)
        .as("the running call either finished or was refused as closed")
        .satisfiesAnyOf(
            o -> assertThat(o).isInstanceOf(dev.quarry.core.Embeddings.class),
            o ->
                assertThat(o)
                    .isInstanceOf(QuarryException.class)
                    .extracting(e -> ((QuarryException) e).getMessage())
                    .asString()
                    .contains("closed"));
    assertThat(closeMillis).isLessThan(OnnxEmbedder.CLOSE_WAIT_MILLIS);
    assertThatThrownBy(() -> embedder.embed(List.of("after close"), Role.PASSAGE))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> embedder.countTokens("after close"))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("is closed");
    embedder.close(); // idempotent
  }
}
