package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The descriptor parser accepts exactly the documented shape. jqwik prints the seed of a failing
 * run; re-run it with {@code @Property(seed = "...")}.
 */
class ModelDescriptorProperties {

  @Example
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

  @Example
  void typoInAKeyIsAnErrorNotASilentDefault() {
    assertThatThrownBy(
            () ->
                ModelDescriptor.parse(
                    "{\"name\":\"x\",\"poolng\":\"cls\",\"maxTokens\":512,\"dimensions\":384}"))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("unknown key 'poolng'");
  }

  @Example
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

  @Property(tries = 300)
  void validFieldsRoundTrip(
      @ForAll("names") String name,
      @ForAll @IntRange(min = 2, max = 8192) int maxTokens,
      @ForAll @IntRange(min = 1, max = 4096) int dims,
      @ForAll boolean cls) {
    String json =
        String.format(
            "{\"name\":\"%s\",\"pooling\":\"%s\",\"maxTokens\":%d,\"dimensions\":%d}",
            name, cls ? "cls" : "mean", maxTokens, dims);
    ModelDescriptor d = ModelDescriptor.parse(json);
    assertThat(d.name()).isEqualTo(name);
    assertThat(d.maxTokens()).isEqualTo(maxTokens);
    assertThat(d.dimensions()).isEqualTo(dims);
    assertThat(d.pooling()).isEqualTo(cls ? Pooling.CLS : Pooling.MEAN);
  }

  @Property(tries = 2000)
  void anyInputEitherParsesOrFailsWithQuarryException(@ForAll("jsonish") String input) {
    try {
      ModelDescriptor.parse(input);
    } catch (QuarryException expected) {
      assertThat(expected.getMessage()).isNotBlank();
    }
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .alpha()
        .numeric()
        .withChars('-', '.', '_')
        .ofMinLength(1)
        .ofMaxLength(30);
  }

  @Provide
  Arbitrary<String> jsonish() {
    Arbitrary<String> fragments =
        Arbitraries.of(
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
    return Arbitraries.oneOf(
        fragments.list().ofMaxSize(25).map(parts -> String.join("", parts)),
        Arbitraries.strings().ofMaxLength(60));
  }
}
