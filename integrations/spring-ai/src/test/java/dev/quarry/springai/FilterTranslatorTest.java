package dev.quarry.springai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.query.filter.Filter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Value;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

class FilterTranslatorTest {
  private final FilterExpressionBuilder b = new FilterExpressionBuilder();

  private static Filter text(String expression) {
    return FilterTranslator.translate(new FilterExpressionTextParser().parse(expression));
  }

  @Test
  void everyComparisonOperator() {
    assertThat(text("country == 'BG'")).isEqualTo(Filter.eq("country", "BG"));
    assertThat(text("country != \"BG\"")).isEqualTo(Filter.ne("country", "BG"));
    assertThat(text("year > 2020")).isEqualTo(Filter.gt("year", 2020L));
    assertThat(text("year >= 2020L")).isEqualTo(Filter.gte("year", 2020L));
    assertThat(text("price < 15.5")).isEqualTo(Filter.lt("price", 15.5));
    assertThat(text("price <= -3")).isEqualTo(Filter.lte("price", -3L));
    assertThat(text("open == true")).isEqualTo(Filter.eq("open", true));
  }

  @Test
  void inAndNotIn() {
    assertThat(text("country IN ['BG', 'NL']"))
        .isEqualTo(Filter.in("country", List.of("BG", "NL")));
    Filter notIn = Filter.not(Filter.in("year", List.of(2020L, 2021L)));
    assertThat(text("year NIN [2020, 2021]")).isEqualTo(notIn);
    assertThat(text("year NOT IN [2020, 2021]")).isEqualTo(notIn);
  }

  @Test
  void booleanOperatorsAndGroups() {
    Filter expected =
        new Filter.And(
            List.of(
                Filter.eq("genre", "drama"),
                new Filter.Or(List.of(Filter.gte("year", 2020L), Filter.eq("country", "BG")))));
    assertThat(text("genre == 'drama' && (year >= 2020 || country == 'BG')")).isEqualTo(expected);
    assertThat(text("genre == 'drama' AND (year >= 2020 OR country == 'BG')")).isEqualTo(expected);
    assertThat(
            FilterTranslator.translate(
                b.and(
                        b.eq("genre", "drama"),
                        b.group(b.or(b.gte("year", 2020), b.eq("country", "BG"))))
                    .build()))
        .isEqualTo(expected);
    assertThat(text("NOT (country == 'BG')")).isEqualTo(Filter.not(Filter.eq("country", "BG")));
    assertThat(FilterTranslator.translate(b.not(b.eq("country", "BG")).build()))
        .isEqualTo(Filter.not(Filter.eq("country", "BG")));
  }

  /** Spring AI's text grammar (1.1) gives NOT the lowest precedence; the tree is kept as parsed. */
  @Test
  void notInTheTextFormCoversTheRestOfTheExpression() {
    assertThat(text("NOT (country == 'BG') && year > 2020"))
        .isEqualTo(
            Filter.not(
                new Filter.And(List.of(Filter.eq("country", "BG"), Filter.gt("year", 2020L)))));
    assertThat(text("(NOT (country == 'BG')) && year > 2020"))
        .isEqualTo(
            new Filter.And(
                List.of(Filter.not(Filter.eq("country", "BG")), Filter.gt("year", 2020L))));
  }

  @Test
  void builderAndTextFormsAgree() {
    assertThat(FilterTranslator.translate(b.in("year", 2020, 2021).build()))
        .isEqualTo(text("year IN [2020, 2021]"));
    assertThat(FilterTranslator.translate(b.nin("country", "BG").build()))
        .isEqualTo(text("country NIN ['BG']"));
    assertThat(FilterTranslator.translate(b.lte("price", 2.5f).build()))
        .isEqualTo(Filter.lte("price", (double) 2.5f));
  }

  @Test
  void quotedAndDottedKeys() {
    assertThat(text("'my-key' == 1")).isEqualTo(Filter.eq("my-key", 1L));
    assertThat(text("meta.year == 1")).isEqualTo(Filter.eq("meta.year", 1L));
  }

  @Test
  void untranslatableExpressionsAreErrors() {
    assertThatThrownBy(
            () ->
                FilterTranslator.translate(
                    new Expression(ExpressionType.EQ, new Key("a"), new Value(Map.of("x", 1)))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("use a string, number, boolean or date");
    assertThatThrownBy(
            () ->
                FilterTranslator.translate(
                    new Expression(ExpressionType.EQ, new Key("a"), new Value(List.of(1, 2)))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("use IN");
    assertThatThrownBy(
            () ->
                FilterTranslator.translate(
                    new Expression(ExpressionType.EQ, new Value(1), new Key("a"))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("needs a metadata key");
    assertThatThrownBy(
            () ->
                FilterTranslator.translate(
                    new Expression(ExpressionType.IN, new Key("a"), new Value(List.of()))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("at least one value");
    assertThatThrownBy(
            () ->
                FilterTranslator.translate(
                    new Expression(ExpressionType.AND, new Key("a"), new Key("b"))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("expected an expression or a group");
    assertThatThrownBy(
            () ->
                FilterTranslator.translate(
                    new Expression(ExpressionType.EQ, new Key("a"), new Value(null))))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("null value");
  }
}
