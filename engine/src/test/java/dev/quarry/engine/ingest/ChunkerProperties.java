package dev.quarry.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.TokenCounter;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.testing.Chars;
import dev.quarry.testing.RandomCases;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chunker's shortcut for short ASCII texts (no tokenizer pass) relies on every bundled
 * tokenizer making at most one token per ASCII character plus one; checked here against the real
 * tokenizers on seeded random ASCII, including punctuation and control characters (seed printed;
 * re-run with {@code -Dquarry.seed=N}). Also: with a title in front, every chunk of the title's
 * chunker still fits the model.
 */
class ChunkerProperties {
  private static final int BUDGET = 256;
  private static final Chars ASCII = Chars.between(0, 0x7f);
  private static List<OnnxEmbedder> models;

  @BeforeAll
  static void load() {
    models = new ArrayList<>();
    for (String name : List.of("all-minilm-l6-v2", "bge-small-en-v1.5")) {
      models.add(OnnxEmbedder.open(ModelRepository.resolve(name), EmbedderOptions.DEFAULTS));
    }
  }

  @AfterAll
  static void close() {
    models.forEach(OnnxEmbedder::close);
  }

  @Test
  void asciiMakesAtMostOneTokenPerCharacterPlusOne() {
    RandomCases.check(
        "asciiMakesAtMostOneTokenPerCharacterPlusOne",
        400,
        gen -> gen.string(0, BUDGET, ASCII),
        text -> {
          for (OnnxEmbedder model : models) {
            assertThat(model.countTokens(text))
                .as(model.identity().name())
                .isLessThanOrEqualTo(text.length() + 1);
          }
        });
  }

  @Test
  void aShortAsciiTextIsOneChunkWhateverItHolds() {
    RandomCases.check(
        "aShortAsciiTextIsOneChunkWhateverItHolds",
        200,
        gen -> gen.string(0, BUDGET / 2, ASCII),
        text -> {
          for (OnnxEmbedder model : models) {
            assertThat(new Chunker(model, BUDGET, 32).chunk(text)).containsExactly(text.strip());
            assertThat(model.countTokens(text)).isLessThanOrEqualTo(BUDGET);
          }
        });
  }

  record Titled(int titleWords, int sentences, String word) {}

  @Test
  void titleAndEachChunkTogetherFitTheModel() {
    RandomCases.check(
        "titleAndEachChunkTogetherFitTheModel",
        100,
        gen ->
            new Titled(
                gen.ints(0, 60), gen.ints(1, 80), gen.string(1, 12, Chars.between('a', 'z'))),
        ChunkerProperties::titleAndEachChunkFit);
  }

  private static void titleAndEachChunkFit(Titled t) {
    String title = (t.word() + " ").repeat(t.titleWords()).strip();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < t.sentences(); i++) {
      text.append("Sentence ").append(i).append(" says ").append(t.word()).append(" again. ");
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
            .as(model.identity().name() + ": title of " + t.titleWords() + " words")
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
