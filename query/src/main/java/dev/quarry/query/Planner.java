package dev.quarry.query;

import dev.quarry.core.QuarryException;
import dev.quarry.index.Collection;
import dev.quarry.index.FieldType;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.filter.FilterText;
import dev.quarry.query.interpret.Exclusion;
import dev.quarry.query.interpret.FreeOf;
import dev.quarry.query.interpret.Interpretation;
import dev.quarry.query.interpret.TextFilters;
import dev.quarry.query.interpret.TimeWindow;
import dev.quarry.query.spi.FilterCompiler;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;

/** The plan stage: interprets the query, decides the time handling and builds the filter. */
final class Planner {
  private final Collection collection;
  private final FilterCompiler compiler;
  private final Instant now;
  private final Plan plan;

  Planner(Collection collection, FilterCompiler compiler, Instant now, Plan plan) {
    this.collection = collection;
    this.compiler = compiler;
    this.now = now;
    this.plan = plan;
  }

  SearchPlan plan(SearchRequest r) {
    Interpretation in =
        r.interpreter().interpret(r.text() == null ? "" : r.text(), r.negation().detect());
    Exclusion exclusion = in.exclusion().orElse(null);
    SearchRequest.Negation negation = r.negation();
    ExcludedTitles titles =
        exclusion != null && negation.demoteTitled()
            ? new ExcludedTitles(exclusion.excluded(), exclusion.positive())
            : null;
    String semantic =
        exclusion != null && negation.embedPositiveOnly() ? exclusion.positive() : in.semantic();
    Exclusion demoted = titles != null ? exclusion : null;
    if (exclusion != null) {
      explainExclusion(exclusion, negation);
    } else if (in.freeOf().isPresent() && negation.demoteTitled()) {
      demoted = freeOf(in.freeOf().get());
      titles = demoted == null ? null : new ExcludedTitles(demoted.excluded(), demoted.positive());
    }
    SearchPlan.Time time = time(r.recency(), in);
    List<String> filterParts = new ArrayList<>();
    Query filter = filter(r, in.filters(), in.phrases(), exclusion, time, filterParts);
    int want = r.offset() + r.k();
    // Candidates to re-rank: fusion, a negation penalty, recency decay and grouping reorder them,
    // so they need a deeper list; a plain vector search keeps Lucene's order and needs only `want`
    // (a deeper list would also widen the graph walk's beam for nothing).
    boolean reranked =
        r.mode() != SearchRequest.Mode.VECTOR
            || demoted != null
            || exclusion != null
            || time.decay()
            || time.byCoverage()
            || r.groupByParent();
    int pool = reranked ? Math.min(2000, Math.max(100, want * (r.groupByParent() ? 10 : 2))) : want;
    return new SearchPlan(
        in,
        semantic,
        exclusion,
        titles,
        demoted,
        time,
        filter,
        filterParts.size() == 1,
        want,
        pool);
  }

  /**
   * A "free of" query's demotion: documents that name the thing or a kind of it rank after the
   * rest, when it is a material (decision 0176); null when it is not.
   */
  private Exclusion freeOf(FreeOf f) {
    if (!ExcludedKinds.material(f.thing())) {
      plan.add(
          "free of: '"
              + f.evidence()
              + "' describes what is asked ("
              + f.thing()
              + " is no food, plant, animal or substance in WordNet); nothing is demoted");
      return null;
    }
    plan.add(
        "free of: '"
            + f.evidence()
            + "': candidates that name "
            + f.thing()
            + " or a kind of it, not negated, rank after the rest; no vector penalty (a document"
            + " free of it is close to \""
            + f.thing()
            + "\" too)");
    return new Exclusion(f.asked(), f.thing(), f.evidence());
  }

  private void explainExclusion(Exclusion exclusion, SearchRequest.Negation negation) {
    plan.add(
        String.format(
            Locale.ROOT,
            "negation: '%s' detected; excluded \"%s\"; %s; vector penalty %.2f × similarity to it%s%s",
            exclusion.cue(),
            exclusion.excluded(),
            negation.embedPositiveOnly()
                ? "embedding the positive part \"" + exclusion.positive() + "\""
                : "embedding the whole query",
            negation.penalty(),
            negation.hardExclude()
                ? "; documents containing it removed"
                : "; no hard keyword exclusion",
            negation.demoteTitled() ? "; documents titled after it ranked last" : ""));
  }

  private SearchPlan.Time time(SearchRequest.Recency recency, Interpretation in) {
    boolean timeless = recency.dateField().isEmpty();
    boolean dated = !timeless && collection.fields().get(recency.dateField()) == FieldType.DATE;
    Instant asOf = recency.asOf() != null ? recency.asOf() : now;
    String cue = in.recencyCue().orElse(null);
    boolean auto = dated && recency.mode() == SearchRequest.RecencyMode.AUTO;
    boolean decay =
        dated && recency.mode() == SearchRequest.RecencyMode.FORCED || auto && cue != null;
    // Auto without a cue: whether the collection covers the topic freshly decides, once the
    // candidates are known.
    boolean byCoverage = auto && cue == null && !recency.fresh().isZero();
    if (timeless) {
      plan.add("recency: none (time handling turned off by the request)");
    } else if (!dated) {
      plan.add(
          "recency: no date field '"
              + recency.dateField()
              + "' in this collection; no as-of exclusion or decay");
    } else {
      plan.add(
          "recency: as of "
              + asOf
              + " (documents dated later are excluded); decay "
              + (decay
                  ? "applied ("
                      + (cue != null && recency.mode() == SearchRequest.RecencyMode.AUTO
                          ? "auto: cue '" + cue + "'"
                          : "forced")
                      + "), half-life "
                      + recency.halfLife().toDays()
                      + " d"
                  : recency.mode() == SearchRequest.RecencyMode.OFF
                      ? "off"
                      : byCoverage
                          ? "only on fresh coverage (no recency cue in the query)"
                          : "not applied (no recency cue in the query)"));
    }
    return new SearchPlan.Time(dated, asOf, cue, decay, byCoverage);
  }

  /**
   * The filter: request filter, field:value terms, required phrases, windows, as-of, exclusions
   * (null: none).
   */
  private Query filter(
      SearchRequest r,
      TextFilters text,
      List<String> phrases,
      Exclusion exclusion,
      SearchPlan.Time time,
      List<String> parts) {
    BooleanQuery.Builder fb = new BooleanQuery.Builder();
    boolean positiveClause = false;
    if (r.filter() != null) {
      fb.add(compiler.compile(r.filter()), BooleanClause.Occur.FILTER);
      positiveClause = true;
      parts.add(FilterText.format(r.filter()));
    }
    for (Map.Entry<String, String> e : text.fields().entrySet()) {
      Filter eq = Filter.eq(e.getKey(), typedValue(e.getKey(), e.getValue()));
      fb.add(compiler.compile(eq), BooleanClause.Occur.FILTER);
      positiveClause = true;
      parts.add(FilterText.format(eq));
    }
    // A quoted phrase must occur: as a filter, it holds on the vector leg too, not only in BM25.
    for (String phrase : phrases) {
      if (compiler.analyze(phrase).isEmpty()) {
        plan.add("phrase: \"" + phrase + "\" has no searchable words, so it is not required");
      } else {
        fb.add(compiler.textContains(phrase), BooleanClause.Occur.FILTER);
        positiveClause = true;
        parts.add("text contains \"" + phrase + "\"");
      }
    }
    SearchRequest.Recency recency = r.recency();
    if (time.dated()) {
      positiveClause |= dates(fb, recency, text, time.asOf(), parts);
    } else if (text.after() != null || text.before() != null) {
      throw QuarryException.invalid(
          "after:/before: need a date field; this collection has no date field '"
              + recency.dateField()
              + "'");
    }
    for (String excluded : text.excluded()) {
      fb.add(compiler.textContains(excluded), BooleanClause.Occur.MUST_NOT);
      parts.add("NOT text contains \"" + excluded + "\"");
    }
    if (exclusion != null && r.negation().hardExclude()) {
      if (compiler.analyze(exclusion.excluded()).isEmpty()) {
        // Typed text must never fail a search: a span of stop words cannot be matched, so skip it.
        plan.add(
            "negation: no hard exclusion: \""
                + exclusion.excluded()
                + "\" has no searchable words");
      } else {
        fb.add(compiler.textContains(exclusion.excluded()), BooleanClause.Occur.MUST_NOT);
        parts.add("NOT text contains \"" + exclusion.excluded() + "\"");
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    if (!positiveClause) {
      fb.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
    }
    plan.add("filter: " + String.join(" AND ", parts));
    return fb.build();
  }

  /** The date window and the as-of bound; whether a window (a positive clause) was added. */
  private boolean dates(
      BooleanQuery.Builder fb,
      SearchRequest.Recency recency,
      TextFilters text,
      Instant asOf,
      List<String> parts) {
    String field = recency.dateField();
    Instant after = max(recency.after(), startOf(text.after()));
    Instant before = min(recency.before(), startOf(text.before()));
    TimeWindow words = text.window().orElse(null);
    if (words != null && wordsWindow(words, recency, after != null || before != null, asOf)) {
      after = words.from(asOf);
      before = words.until(asOf);
    }
    boolean window = after != null || before != null;
    if (window) {
      fb.add(range(field, after, before), BooleanClause.Occur.FILTER);
      parts.add(
          field
              + " in ["
              + (after == null ? "…" : after)
              + ", "
              + (before == null ? "…" : before)
              + ")");
    }
    fb.add(
        LongPoint.newRangeQuery(field, asOf.toEpochMilli() + 1, Long.MAX_VALUE),
        BooleanClause.Occur.MUST_NOT);
    parts.add(field + " <= as-of");
    return window;
  }

  /**
   * Whether the span of days the words name filters the search (decision 0184): not with recency
   * off, not over dates the request or after:/before: set, and not when no document is dated in it,
   * where it would leave nothing to rank.
   */
  private boolean wordsWindow(
      TimeWindow words, SearchRequest.Recency recency, boolean datesSet, Instant asOf) {
    String days = words.days(asOf);
    String named = "window: '" + words.evidence() + "' (" + days + ", UTC days)";
    if (recency.mode() == SearchRequest.RecencyMode.OFF) {
      plan.add(named + " not applied: recency is off");
      return false;
    }
    if (datesSet) {
      plan.add(named + " not applied: after:/before: or the request set the dates");
      return false;
    }
    Query in =
        range(recency.dateField(), words.from(asOf), min(words.until(asOf), asOf.plusMillis(1)));
    if (collection.lucene().withSearcher(s -> s.count(in)) == 0) {
      plan.add(named + ": no document is dated in it, so the search keeps every date");
      return false;
    }
    plan.add(named + ": only documents dated in it; undated documents are outside every window");
    return true;
  }

  /** Dates in [after, before), either end open when null. */
  private static Query range(String field, Instant after, Instant before) {
    long lo = after == null ? Long.MIN_VALUE : after.toEpochMilli();
    long hi = before == null ? Long.MAX_VALUE : before.toEpochMilli() - 1;
    return LongPoint.newRangeQuery(field, lo, hi);
  }

  private Object typedValue(String field, String raw) {
    FieldType type = collection.fields().get(field);
    if (type == null) {
      return raw;
    }
    try {
      return switch (type) {
        case KEYWORD -> raw;
        case LONG -> Long.parseLong(raw);
        case DOUBLE -> Double.parseDouble(raw);
        case DATE -> LocalDate.parse(raw);
        case BOOLEAN -> Boolean.parseBoolean(raw);
      };
    } catch (RuntimeException e) {
      throw QuarryException.invalid(
          "query: " + field + ":" + raw + " is not a valid " + type.id() + " value");
    }
  }

  private static Instant startOf(LocalDate day) {
    return day == null ? null : day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static Instant max(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
  }
}
