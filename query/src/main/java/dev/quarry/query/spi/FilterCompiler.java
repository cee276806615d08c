package dev.quarry.query.spi;

import dev.quarry.core.QuarryException;
import dev.quarry.index.FieldType;
import dev.quarry.index.spi.IndexFields;
import dev.quarry.query.filter.Filter;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a {@link Filter} into a Lucene query over a collection's fields, using the field types the
 * collection recorded. A field no document has matches nothing (so {@code !=} and {@code NOT} match
 * everything); a value of the wrong type for its field is an error that names both.
 */
public final class FilterCompiler {
  private final Map<String, FieldType> fields;
  private final Analyzer analyzer;

  public FilterCompiler(Map<String, FieldType> fields, Analyzer analyzer) {
    this.fields = fields;
    this.analyzer = analyzer;
  }

  public Query compile(Filter filter) {
    return switch (filter) {
      case Filter.Compare c -> compare(c);
      case Filter.In in -> in(in);
      case Filter.Contains c -> contains(c);
      case Filter.Exists e -> new TermQuery(new Term(IndexFields.EXISTS, e.field()));
      case Filter.TextContains t -> textContains(t.phrase());
      case Filter.And a -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        a.all().forEach(f -> b.add(compile(f), BooleanClause.Occur.FILTER));
        yield b.build();
      }
      case Filter.Or o -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        o.any().forEach(f -> b.add(compile(f), BooleanClause.Occur.SHOULD));
        b.setMinimumNumberShouldMatch(1);
        yield b.build();
      }
      case Filter.Not n -> not(compile(n.filter()));
    };
  }

  static Query not(Query q) {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER)
        .add(q, BooleanClause.Occur.MUST_NOT)
        .build();
  }

  private Query compare(Filter.Compare c) {
    if (c.op() == Filter.Op.NE) {
      return not(compare(new Filter.Compare(c.field(), Filter.Op.EQ, c.value())));
    }
    FieldType type = fields.get(c.field());
    if (type == null) {
      return new MatchNoDocsQuery("no document has field " + c.field());
    }
    return switch (type) {
      case KEYWORD -> {
        String v = keyword(c.field(), c.value());
        yield switch (c.op()) {
          case EQ -> new TermQuery(new Term(c.field(), v));
          case LT -> TermRangeQuery.newStringRange(c.field(), null, v, false, false);
          case LE -> TermRangeQuery.newStringRange(c.field(), null, v, false, true);
          case GT -> TermRangeQuery.newStringRange(c.field(), v, null, false, false);
          case GE -> TermRangeQuery.newStringRange(c.field(), v, null, true, false);
          case NE -> throw new IllegalStateException("handled above");
        };
      }
      case BOOLEAN -> {
        requireOp(c, Filter.Op.EQ, "boolean");
        if (!(c.value() instanceof Boolean b)) {
          throw wrongType(c.field(), type, c.value());
        }
        yield new TermQuery(new Term(c.field(), b.toString()));
      }
      case LONG, DATE -> {
        long v =
            type == FieldType.DATE ? millis(c.field(), c.value()) : integral(c.field(), c.value());
        yield switch (c.op()) {
          case EQ -> LongPoint.newExactQuery(c.field(), v);
          case LT ->
              v == Long.MIN_VALUE
                  ? new MatchNoDocsQuery()
                  : LongPoint.newRangeQuery(c.field(), Long.MIN_VALUE, v - 1);
          case LE -> LongPoint.newRangeQuery(c.field(), Long.MIN_VALUE, v);
          case GT ->
              v == Long.MAX_VALUE
                  ? new MatchNoDocsQuery()
                  : LongPoint.newRangeQuery(c.field(), v + 1, Long.MAX_VALUE);
          case GE -> LongPoint.newRangeQuery(c.field(), v, Long.MAX_VALUE);
          case NE -> throw new IllegalStateException("handled above");
        };
      }
      case DOUBLE -> {
        double v = number(c.field(), c.value());
        yield switch (c.op()) {
          case EQ -> DoublePoint.newExactQuery(c.field(), v);
          case LT ->
              DoublePoint.newRangeQuery(c.field(), Double.NEGATIVE_INFINITY, Math.nextDown(v));
          case LE -> DoublePoint.newRangeQuery(c.field(), Double.NEGATIVE_INFINITY, v);
          case GT -> DoublePoint.newRangeQuery(c.field(), Math.nextUp(v), Double.POSITIVE_INFINITY);
          case GE -> DoublePoint.newRangeQuery(c.field(), v, Double.POSITIVE_INFINITY);
          case NE -> throw new IllegalStateException("handled above");
        };
      }
    };
  }

  /** A substring of a keyword value: a wildcard scan of the field's terms. */
  private Query contains(Filter.Contains c) {
    FieldType type = fields.get(c.field());
    if (type == null) {
      return new MatchNoDocsQuery("no document has field " + c.field());
    }
    if (type != FieldType.KEYWORD) {
      throw QuarryException.invalid(
          "filter: field '"
              + c.field()
              + "' is "
              + type.id()
              + "; 'contains' needs a keyword (string) field");
    }
    StringBuilder pattern = new StringBuilder("*");
    c.part()
        .codePoints()
        .forEach(
            cp -> {
              if (cp == WildcardQuery.WILDCARD_STRING
                  || cp == WildcardQuery.WILDCARD_CHAR
                  || cp == WildcardQuery.WILDCARD_ESCAPE) {
                pattern.append((char) WildcardQuery.WILDCARD_ESCAPE);
              }
              pattern.appendCodePoint(cp);
            });
    return new WildcardQuery(new Term(c.field(), pattern.append('*').toString()));
  }

  private Query in(Filter.In in) {
    FieldType type = fields.get(in.field());
    if (type == null) {
      return new MatchNoDocsQuery("no document has field " + in.field());
    }
    return switch (type) {
      case KEYWORD -> {
        List<BytesRef> terms = new ArrayList<>();
        in.values().forEach(v -> terms.add(new BytesRef(keyword(in.field(), v))));
        yield new TermInSetQuery(in.field(), terms);
      }
      case LONG, DATE -> {
        long[] values = new long[in.values().size()];
        for (int i = 0; i < values.length; i++) {
          Object v = in.values().get(i);
          values[i] = type == FieldType.DATE ? millis(in.field(), v) : integral(in.field(), v);
        }
        yield LongPoint.newSetQuery(in.field(), values);
      }
      case DOUBLE -> {
        double[] values = new double[in.values().size()];
        for (int i = 0; i < values.length; i++) {
          values[i] = number(in.field(), in.values().get(i));
        }
        yield DoublePoint.newSetQuery(in.field(), values);
      }
      case BOOLEAN -> {
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (Object v : in.values()) {
          b.add(
              compare(new Filter.Compare(in.field(), Filter.Op.EQ, v)), BooleanClause.Occur.SHOULD);
        }
        yield b.build();
      }
    };
  }

  /** The phrase, analyzed like the text, in the title or the text. */
  public Query textContains(String phrase) {
    List<String> terms = analyze(phrase);
    if (terms.isEmpty()) {
      throw QuarryException.invalid(
          "text contains \"" + phrase + "\": the phrase has no searchable words");
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    for (String field : List.of(IndexFields.TITLE, IndexFields.TEXT)) {
      b.add(phrase(field, terms), BooleanClause.Occur.SHOULD);
    }
    b.setMinimumNumberShouldMatch(1);
    return b.build();
  }

  static Query phrase(String field, List<String> terms) {
    if (terms.size() == 1) {
      return new TermQuery(new Term(field, terms.get(0)));
    }
    return new PhraseQuery(field, terms.toArray(new String[0]));
  }

  /** Tokens of {@code text} as the collection's analyzer indexes them. */
  public List<String> analyze(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream ts = analyzer.tokenStream(IndexFields.TEXT, text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        out.add(term.toString());
      }
      ts.end();
    } catch (IOException e) {
      // A StringReader never fails; kept typed for the API's one exception type.
      throw new QuarryException(QuarryException.Kind.RUNTIME, "cannot analyze '" + text + "'", e);
    }
    return out;
  }

  private static void requireOp(Filter.Compare c, Filter.Op allowed, String type) {
    if (c.op() != allowed) {
      throw QuarryException.invalid(
          "filter: field '"
              + c.field()
              + "' is "
              + type
              + "; '"
              + c.op().symbol()
              + "' needs a number, date or keyword field (use = or !=)");
    }
  }

  private static String keyword(String field, Object v) {
    if (v instanceof String s) {
      return s;
    }
    throw wrongType(field, FieldType.KEYWORD, v);
  }

  private static long integral(String field, Object v) {
    if (v instanceof Long l) {
      return l;
    }
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9e15) {
      return d.longValue();
    }
    throw wrongType(field, FieldType.LONG, v);
  }

  private static double number(String field, Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    throw wrongType(field, FieldType.DOUBLE, v);
  }

  private static long millis(String field, Object v) {
    return switch (v) {
      case LocalDate d -> d.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
      case Instant t -> t.toEpochMilli();
      case String s -> {
        try {
          yield s.length() == 10
              ? LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
              : Instant.parse(s).toEpochMilli();
        } catch (RuntimeException e) {
          throw wrongType(field, FieldType.DATE, v);
        }
      }
      default -> throw wrongType(field, FieldType.DATE, v);
    };
  }

  private static QuarryException wrongType(String field, FieldType type, Object v) {
    return QuarryException.invalid(
        "filter: field '"
            + field
            + "' holds "
            + type.id()
            + " values, but the filter compares it"
            + " with "
            + (v instanceof String ? "\"" + v + "\"" : String.valueOf(v))
            + (type == FieldType.DATE ? " (write dates as YYYY-MM-DD)" : ""));
  }
}
