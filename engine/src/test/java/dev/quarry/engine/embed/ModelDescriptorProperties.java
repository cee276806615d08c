package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.testing.Chars;
import dev.quarry.testing.Gen;
import dev.quarry.testing.RandomCases;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The descriptor parser accepts exactly the documented shape. The random cases are seeded: the seed
 * is printed and named in any failure; re-run it with {@code -Dquarry.seed=N}.
 */
class ModelDescriptorProperties {
  private static final Chars NAME_CHARS = Chars.ALPHA.with(Chars.NUMERIC).with("-._");
  private static final List<String> FRAGMENTS =
      List.of(
          "{",
          "}",
          "[",
          "]",
          ",",
          ":",
          "\"name\"",
          "\"pooling\"",
          "\"maxTokens\"",
          "\"dimensions\"",
          "\"cls\"",
          "\"mean\"",
          "384",
          "-1",
          "1e99",
          "null",
          "true",
          "\"\"",
          " ",
          "\"x\"",
          "0.5");

  @Test
  void parsesAFullDescriptor() {
    ModelDescriptor d =
        ModelDescriptor.parse(
            "{\"name\":\"e5\",\"pooling\":\"mean\",\"maxTokens\":512,\"dimensions\":384,"
                + "\"queryPrefix\":\"query: \",\"passagePrefix\":\"passage: \"}");
    assertThat(d.pooling()).isEqualTo(Pooling.MEAN);
    assertThat(d.prefix(Role.QUERY)).isEqualTo("query: ");
    assertThat(d.prefix(Role.PASSAGE)).isEqualTo("passage: ");
    assertThat(d.topicalSimilarity()).isNull();
    assertThat(
            ModelDescriptor.parse(
                    "{\"name\":\"e5\",\"maxTokens\":512,\"dimensions\":384,"
                        + "\"topicalSimilarity\":0.72}")
                .topicalSimilarity())
        .isEqualTo(0.72);
  }

  @Test
  void typoInAKeyIsAnErrorNotASilentDefault() {
    assertThatThrownBy(
            () ->
                ModelDescriptor.parse(
                    "{\"name\":\"x\",\"poolng\":\"cls\",\"maxTokens\":512,\"dimensions\":384}"))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("unknown key 'poolng'");
  }

  @Test
  void wrongTypesAndRangesAreExplained() {
    assertThatThrownBy(
            () -> ModelDescriptor.parse("{\"name\":\"x\",\"maxTokens\":1.5,\"dimensions\":3}"))
        .hasMessageContaining("'maxTokens' must be a whole number");
    assertThatThrownBy(
            () -> ModelDescriptor.parse("{\"name\":\"x\",\"maxTokens\":0,\"dimensions\":3}"))
        .hasMessageContaining("'maxTokens' must be in 2..8192");
    assertThatThrownBy(
            () ->
                ModelDescriptor.parse(
                    "{\"name\":\"x\",\"pooling\":\"max\",\"maxTokens\":8,\"dimensions\":3}"))
        .hasMessageContaining("unknown pooling 'max'");
    assertThatThrownBy(() -> ModelDescriptor.parse("[1,2]")).hasMessageContaining("JSON object");
    assertThatThrownBy(
            () ->
                ModelDescriptor.parse(
                    "{\"name\":\"x\",\"maxTokens\":8,\"dimensions\":3,\"topicalSimilarity\":1.5}"))
        .hasMessageContaining("'topicalSimilarity' must be a cosine between -1 and 1");
    assertThatThrownBy(
            () ->
                ModelDescriptor.parse(
                    "{\"name\":\"x\",\"maxTokens\":8,\"dimensions\":3,\"topicalSimilarity\":\"high\"}"))
        .hasMessageContaining("'topicalSimilarity' must be a number");
  }

  record Fields(String name, int maxTokens, int dims, boolean cls) {}

  @Test
  void validFieldsRoundTrip() {
    RandomCases.check(
        "validFieldsRoundTrip",
        300,
        gen ->
            new Fields(
                gen.string(1, 30, NAME_CHARS), gen.ints(2, 8192), gen.ints(1, 4096), gen.bool()),
        f -> {
          String json =
              String.format(
                  "{\"name\":\"%s\",\"pooling\":\"%s\",\"maxTokens\":%d,\"dimensions\":%d}",
                  f.name(), f.cls() ? "cls" : "mean", f.maxTokens(), f.dims());
          ModelDescriptor d = ModelDescriptor.parse(json);
          assertThat(d.name()).isEqualTo(f.name());
          assertThat(d.maxTokens()).isEqualTo(f.maxTokens());
          assertThat(d.dimensions()).isEqualTo(f.dims());
          assertThat(d.pooling()).isEqualTo(f.cls() ? Pooling.CLS : Pooling.MEAN);
        });
  }

  @Test
  void anyInputEitherParsesOrFailsWithQuarryException() {
    RandomCases.check(
        "anyInputEitherParsesOrFailsWithQuarryException",
        2000,
        ModelDescriptorProperties::jsonish,
        input -> {
          try {
            ModelDescriptor.parse(input);
          } catch (QuarryException expected) {
            assertThat(expected.getMessage()).isNotBlank();
          }
        });
  }

  /** Up to 25 JSON fragments of the descriptor's vocabulary, or up to 60 random characters. */
  private static String jsonish(Gen gen) {
    return gen.oneOf(
        g -> String.join("", g.list(0, 25, h -> h.pick(FRAGMENTS))),
        g -> g.string(0, 60, Chars.ANY));
  }
}
