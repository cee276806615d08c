package dev.quarry.langchain4j;

import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import dev.quarry.core.QuarryException;
import dev.quarry.index.FieldType;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.filter.Filter.Op;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Translates a LangChain4j {@link dev.langchain4j.store.embedding.filter.Filter} into Quarry's
 * {@link Filter}, with LangChain4j's semantics: numbers compare by value whatever their Java type
 * (an integer field against {@code 1.5} included), a UUID equals its text, {@code !=} and {@code
 * not in} match segments without the key, the others do not. A filter this class does not know (a
 * custom {@code Filter} implementation) is an error, never dropped.
 */
final class FilterTranslator {
  private static final BigDecimal LONG_MIN = BigDecimal.valueOf(Long.MIN_VALUE);
  private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

  private final Map<String, FieldType> fields;

  /**
   * @param fields the collection's field types, to compare integer fields with fractions
   */
  FilterTranslator(Map<String, FieldType> fields) {
    this.fields = fields;
  }

  Filter translate(dev.langchain4j.store.embedding.filter.Filter filter) {
    return switch (filter) {
      case IsEqualTo f -> compare(f.key(), Op.EQ, f.comparisonValue());
      case IsNotEqualTo f -> Filter.not(compare(f.key(), Op.EQ, f.comparisonValue()));
      case IsGreaterThan f -> compare(f.key(), Op.GT, f.comparisonValue());
      case IsGreaterThanOrEqualTo f -> compare(f.key(), Op.GE, f.comparisonValue());
      case IsLessThan f -> compare(f.key(), Op.LT, f.comparisonValue());
      case IsLessThanOrEqualTo f -> compare(f.key(), Op.LE, f.comparisonValue());
      case IsIn f -> in(f.key(), f.comparisonValues());
      case IsNotIn f -> Filter.not(in(f.key(), f.comparisonValues()));
      case ContainsString f -> Filter.contains(f.key(), f.comparisonValue());
      case And f -> translate(f.left()).and(translate(f.right()));
      case Or f -> translate(f.left()).or(translate(f.right()));
      case Not f -> Filter.not(translate(f.expression()));
      default ->
          throw QuarryException.invalid(
              "QuarryEmbeddingStore cannot translate filter "
                  + filter
                  + " ("
                  + filter.getClass().getName()
                  + "): build filters with MetadataFilterBuilder.metadataKey(...) or the"
                  + " comparison and logical classes of dev.langchain4j.store.embedding.filter");
    };
  }

  private Filter compare(String key, Op op, Object value) {
    if (value instanceof UUID && op != Op.EQ) {
      throw QuarryException.invalid(
          "filter on '"
              + key
              + "': UUIDs have no order to compare with "
              + op.symbol()
              + "; compare their text (uuid.toString()) instead");
    }
    Object stored = MetadataCodec.storedValue(value);
    if (fields.get(key) == FieldType.LONG && stored instanceof Double d) {
      return integerFieldCompare(key, op, d);
    }
    return new Filter.Compare(key, op, stored);
  }

  /**
   * An integer field against a fraction: LangChain4j compares the decimal values, so {@code > 1.5}
   * is {@code >= 2} and {@code = 1.5} matches nothing.
   */
  private static Filter integerFieldCompare(String key, Op op, double value) {
    if (!Double.isFinite(value)) {
      boolean above = value > 0;
      boolean all = (op == Op.LT || op == Op.LE) == above;
      return Double.isNaN(value) || !all ? nothing(key) : Filter.exists(key);
    }
    BigDecimal v = new BigDecimal(Double.toString(value));
    BigDecimal floor = v.setScale(0, RoundingMode.FLOOR);
    BigDecimal ceil = v.setScale(0, RoundingMode.CEILING);
    boolean integral = floor.compareTo(ceil) == 0;
    return switch (op) {
      case EQ -> integral && inLong(floor) ? Filter.eq(key, floor.longValueExact()) : nothing(key);
      case GT -> atLeast(key, integral ? floor.add(BigDecimal.ONE) : ceil);
      case GE -> atLeast(key, ceil);
      case LT -> atMost(key, integral ? ceil.subtract(BigDecimal.ONE) : floor);
      case LE -> atMost(key, floor);
      case NE -> throw new IllegalStateException("NE is translated as NOT EQ");
    };
  }

  private static Filter atLeast(String key, BigDecimal bound) {
    if (bound.compareTo(LONG_MIN) <= 0) {
      return Filter.exists(key);
    }
    return bound.compareTo(LONG_MAX) > 0 ? nothing(key) : Filter.gte(key, bound.longValueExact());
  }

  private static Filter atMost(String key, BigDecimal bound) {
    if (bound.compareTo(LONG_MAX) >= 0) {
      return Filter.exists(key);
    }
    return bound.compareTo(LONG_MIN) < 0 ? nothing(key) : Filter.lte(key, bound.longValueExact());
  }

  private static boolean inLong(BigDecimal v) {
    return v.compareTo(LONG_MIN) >= 0 && v.compareTo(LONG_MAX) <= 0;
  }

  /** Quarry's filter language has no constant false; this is one, spelled with the key. */
  private static Filter nothing(String key) {
    return Filter.exists(key).and(Filter.not(Filter.exists(key)));
  }

  private Filter in(String key, Collection<?> values) {
    List<Object> stored = new ArrayList<>();
    List<Filter> fractions = new ArrayList<>();
    for (Object value : values) {
      Object v = MetadataCodec.storedValue(value);
      if (fields.get(key) == FieldType.LONG && v instanceof Double d) {
        fractions.add(integerFieldCompare(key, Op.EQ, d));
      } else {
        stored.add(v);
      }
    }
    Filter exact = stored.isEmpty() ? nothing(key) : Filter.in(key, stored);
    for (Filter f : fractions) {
      exact = exact.or(f);
    }
    return exact;
  }
}
