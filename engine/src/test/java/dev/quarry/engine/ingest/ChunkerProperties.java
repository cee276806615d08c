package dev.quarry.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.TokenCounter;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/**
 * The chunker's shortcut for short ASCII texts (no tokenizer pass) relies on every bundled
 * tokenizer making at most one token per ASCII character plus one; checked here against the real
 * tokenizers on random ASCII, including punctuation and control characters. jqwik prints the seed
 * of any failure for an exact re-run. Also: with a title in front, every chunk of the title's
 * chunker still fits the model.
 */
class ChunkerProperties {
  private static final int BUDGET = 256;
  private static List<OnnxEmbedder> models;

  @BeforeContainer
  static void load() {
    models = new ArrayList<>();
    for (String name : List.of("all-minilm-l6-v2", "bge-small-en-v1.5")) {
      models.add(OnnxEmbedder.open(ModelRepository.resolve(name), EmbedderOptions.DEFAULTS));
    }
  }

  @AfterContainer
  static void close() {
    models.forEach(OnnxEmbedder::close);
  }

  @Property(tries = 400)
  void asciiMakesAtMostOneTokenPerCharacterPlusOne(
      @ForAll @StringLength(max = BUDGET) @CharRange(from = 0, to = 0x7f) String text) {
    for (OnnxEmbedder model : models) {
      assertThat(model.countTokens(text))
          .as(model.identity().name())
          .isLessThanOrEqualTo(text.length() + 1);
    }
  }

  @Property(tries = 200)
  void aShortAsciiTextIsOneChunkWhateverItHolds(
      @ForAll @StringLength(max = BUDGET / 2) @CharRange(from = 0, to = 0x7f) String text) {
    for (OnnxEmbedder model : models) {
      assertThat(new Chunker(model, BUDGET, 32).chunk(text)).containsExactly(text.strip());
      assertThat(model.countTokens(text)).isLessThanOrEqualTo(BUDGET);
    }
  }

  @Property(tries = 100)
  void titleAndEachChunkTogetherFitTheModel(
      @ForAll @IntRange(min = 0, max = 60) int titleWords,
      @ForAll @IntRange(min = 1, max = 80) int sentences,
      @ForAll @StringLength(min = 1, max = 12) @CharRange(from = 'a', to = 'z') String word) {
    String title = (word + " ").repeat(titleWords).strip();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sentences; i++) {
      text.append("Sentence ").append(i).append(" says ").append(word).append(" again. ");
    }
    for (OnnxEmbedder model : models) {
      int max = model.maxTokens();
      if (model.countTokens(title) > max - 2 - ChunkOptions.MIN_BUDGET) {
        continue; // the title alone leaves no chunk the room of the smallest budget
      }
      Chunker chunker =
          new Chunker(model, ChunkOptions.DEFAULTS.budget(max), 32).forTitle(title, max);
      for (String chunk : chunker.chunk(text.toString())) {
        // [CLS] and [SEP] around "title chunk": the embedder would cut what exceeds max.
        assertThat(model.countTokens(title) + model.countTokens(chunk) + 2)
            .as(model.identity().name() + ": title of " + titleWords + " words")
            .isLessThanOrEqualTo(max);
      }
    }
  }

  @Test
  void countsOnlyWhenTheShortcutCannotDecide() {
    List<String> counted = new ArrayList<>();
    TokenCounter words =
        text -> {
          counted.add(text);
          return text.isBlank() ? 0 : text.strip().split("\\s+").length;
        };
    Chunker roomy = new Chunker(words, 40, 0);
    assertThat(roomy.chunk(" short ascii ")).containsExactly("short ascii");
    assertThat(counted).isEmpty();
    assertThat(roomy.chunk("café")).containsExactly("café");
    assertThat(counted).containsExactly("café");
    counted.clear();
    // Too long for the shortcut: counted, then cut at the sentence boundary.
    assertThat(new Chunker(words, 8, 0).chunk("One two three four five. Six seven eight nine ten."))
        .containsExactly("One two three four five.", "Six seven eight nine ten.");
    assertThat(counted).isNotEmpty();
  }
}
