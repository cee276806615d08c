package dev.quarry.query;

import dev.quarry.core.QuarryException;
import dev.quarry.index.KnnOptions;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.interpret.EnglishInterpreter;
import dev.quarry.query.interpret.QueryInterpreter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * An immutable, validated search. Build with {@link #builder()}; every field has a default.
 *
 * @param text query text, with the keyword syntax of {@link dev.quarry.query.interpret.QueryText};
 *     may be null with a vector
 * @param vector a query vector instead of (or besides) text
 * @param k hits wanted (1..1000)
 * @param offset hits to skip, for paging
 * @param filter metadata/text filter, or null
 * @param mode vector, keyword or hybrid
 * @param fusion how hybrid combines its two rankings
 * @param recency reference time, date windows, decay
 * @param negation natural-language exclusion handling
 * @param knn HNSW effort and oversampling
 * @param groupByParent one hit per parent document (chunks grouped)
 * @param like documents (ids) or texts the results should resemble
 * @param unlike documents (ids) or texts the results should not resemble
 * @param explain collect the plan: what each stage decided and why
 * @param interpreter reads the query text (default {@link EnglishInterpreter})
 * @param minScore only hits whose cosine similarity to the query vector is at least this, applied
 *     before paging; hits found by keyword only have no cosine and are left out (empty: no floor)
 */
public record SearchRequest(
    String text,
    float[] vector,
    int k,
    int offset,
    Filter filter,
    Mode mode,
    Fusion fusion,
    Recency recency,
    Negation negation,
    KnnOptions knn,
    boolean groupByParent,
    Examples like,
    Examples unlike,
    boolean explain,
    QueryInterpreter interpreter,
    OptionalDouble minScore) {

  /** Which rankings run. Persisted and parsed by {@link #id()}. */
  public enum Mode {
    VECTOR("vector"),
    KEYWORD("keyword"),
    HYBRID("hybrid");

    private final String id;

    Mode(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.id.equals(s.toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw QuarryException.invalid("unknown mode '" + s + "': use vector, keyword or hybrid");
    }
  }

  /**
   * Hybrid fusion: reciprocal rank fusion ({@code Σ 1/(rrfK + rank)}) by default, or a weighted sum
   * of min-max normalized scores.
   */
  public record Fusion(boolean weighted, int rrfK, double vectorWeight) {
    public static final Fusion RRF = new Fusion(false, 60, 0.5);

    public Fusion {
      if (rrfK < 1 || vectorWeight < 0 || vectorWeight > 1) {
        throw QuarryException.invalid("fusion: rrfK >= 1 and vectorWeight in [0, 1]");
      }
    }

    public static Fusion weighted(double vectorWeight) {
      return new Fusion(true, 60, vectorWeight);
    }
  }

  /** When recency decay applies. Parsed by {@link #id()}. */
  public enum RecencyMode {
    OFF("off"),
    AUTO("auto"),
    FORCED("forced");

    private final String id;

    RecencyMode(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static RecencyMode parse(String s) {
      for (RecencyMode m : values()) {
        if (m.id.equals(s.toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw QuarryException.invalid("unknown recency mode '" + s + "': use off, auto or forced");
    }
  }

  /**
   * Time handling. Documents dated after {@code asOf} are always excluded when the collection has
   * the date field.
   *
   * @param mode when the decay applies: never, on recency intent ("latest", …), always
   * @param asOf the reference time; null means now
   * @param dateField the metadata date field (default {@code date}); empty for {@link #NONE}
   * @param halfLife decay half-life: a document this old scores half
   * @param after only documents dated at or after this, or null
   * @param before only documents dated before this, or null
   * @param gate relevance gate of the decay, 0..1: only candidates whose min-max normalized
   *     relevance is at least this are re-ranked by decay, the others follow them (default {@value
   *     #DEFAULT_GATE}; 0 decays every candidate, as suits a collection of news on one theme;
   *     docs/decisions/0005-recency-gate.md)
   * @param fresh in {@link RecencyMode#AUTO}, a query without a recency cue still gets the decay
   *     when its most relevant candidates include a document dated within this window before as-of
   *     ("fresh coverage", docs/decisions/0022-fresh-coverage.md); {@link Duration#ZERO} leaves
   *     auto to the cues alone
   */
  public record Recency(
      RecencyMode mode,
      Instant asOf,
      String dateField,
      Duration halfLife,
      Instant after,
      Instant before,
      double gate,
      Duration fresh) {
    /** The default relevance gate (docs/decisions/0005-recency-gate.md). */
    public static final double DEFAULT_GATE = 0.4;

    /** The default fresh-coverage window (docs/decisions/0022-fresh-coverage.md). */
    public static final Duration DEFAULT_FRESH = Duration.ofDays(7);

    /** The longest half-life the CLI and the server accept: a century. */
    public static final int MAX_HALF_LIFE_DAYS = 36_500;

    public static final Recency DEFAULT =
        new Recency(
            RecencyMode.AUTO,
            null,
            "date",
            Duration.ofDays(30),
            null,
            null,
            DEFAULT_GATE,
            DEFAULT_FRESH);

    /**
     * No time handling at all: no as-of exclusion, window or decay, whatever the documents' dates.
     * For callers with no notion of "now" in their queries, such as framework adapters.
     */
    public static final Recency NONE =
        new Recency(
            RecencyMode.OFF,
            null,
            "",
            Duration.ofDays(30),
            null,
            null,
            DEFAULT_GATE,
            Duration.ZERO);

    public Recency {
      if (mode == null
          || dateField == null
          || halfLife == null
          || halfLife.isNegative()
          || halfLife.isZero()) {
        throw QuarryException.invalid(
            "recency: mode, date field and a positive half-life are required");
      }
      if (!(gate >= 0 && gate <= 1)) {
        throw QuarryException.invalid("recency gate must be in 0..1, got " + gate);
      }
      if (fresh == null || fresh.isNegative()) {
        throw QuarryException.invalid(
            "recency: the fresh-coverage window must be zero (off) or positive, got " + fresh);
      }
    }

    /**
     * The same settings with the relevance gate {@code g} (0..1): 0 lets decay re-rank every
     * candidate, 1 only the best.
     */
    public Recency withGate(double g) {
      return new Recency(mode, asOf, dateField, halfLife, after, before, g, fresh);
    }

    public Recency withMode(RecencyMode m) {
      return new Recency(m, asOf, dateField, halfLife, after, before, gate, fresh);
    }

    public Recency withAsOf(Instant t) {
      return new Recency(mode, t, dateField, halfLife, after, before, gate, fresh);
    }

    public Recency withHalfLife(Duration d) {
      return new Recency(mode, asOf, dateField, d, after, before, gate, fresh);
    }

    public Recency withWindow(Instant from, Instant to) {
      return new Recency(mode, asOf, dateField, halfLife, from, to, gate, fresh);
    }

    public Recency withDateField(String field) {
      return new Recency(mode, asOf, field, halfLife, after, before, gate, fresh);
    }

    /** The same settings with the fresh-coverage window {@code w}; zero turns it off. */
    public Recency withFresh(Duration w) {
      return new Recency(mode, asOf, dateField, halfLife, after, before, gate, w);
    }
  }

  /**
   * Natural-language exclusion ("X but not Y"). The excluded part can lower similar documents (soft
   * penalty on the vector score), move documents titled after it below the rest, and/or remove
   * documents that contain it (hard keyword exclusion, which can delete the wanted document when it
   * mentions the excluded entity).
   *
   * @param detect look for exclusions in the query text
   * @param penalty weight of the excluded part's similarity subtracted from the vector score
   * @param hardExclude also drop documents whose text contains the excluded part
   * @param embedPositiveOnly embed only the positive part (otherwise the whole query)
   * @param demoteTitled rank documents whose title names the excluded entity ("not Redux": a
   *     document titled "Redux") after all others; documents that only mention it keep their place
   * @param untitledPenalty the penalty's weight when title demotion is on but no candidate is
   *     titled after the excluded entity: the soft penalty is then the only thing keeping it out,
   *     so it may be stronger than {@code penalty}, which applies when a titled document was found
   *     (and demoted)
   * @param relative count only the similarity to the excluded part above what the 40 most relevant
   *     candidates typically have (their median), so that the wanted documents, which resemble a
   *     nearby topic ("bread, except sourdough"), keep their place and only those about it move
   *     down; on the vector leg, and no less than that median, what they have at the candidate's
   *     similarity to the asked part (decision 0140); otherwise the whole similarity counts, and
   *     documents on the asked topic can fall below unrelated ones
   */
  public record Negation(
      boolean detect,
      double penalty,
      boolean hardExclude,
      boolean embedPositiveOnly,
      boolean demoteTitled,
      double untitledPenalty,
      boolean relative) {
    /**
     * Defaults chosen on the tuning split of ExcluIR among the relative arms that embed the
     * positive part (the whole query costs NevIR accuracy; a penalty on the whole similarity costs
     * the wanted documents of topic exclusions, {@code bin/bench topics}): pairwise accuracy at 85%
     * or more and no R@1 lost against negation off, then the lowest violation@10 (the excluded
     * document in the top 10): penalty 0.25, or 5.0 when no candidate is titled after the excluded
     * part (docs/decisions/0004-negation.md).
     */
    public static final Negation DEFAULT = new Negation(true, 0.25, false, true, true, 5.0, true);

    public static final Negation OFF = new Negation(false, 0, false, false, false);

    public Negation {
      if (penalty < 0 || penalty > 5 || untitledPenalty < 0 || untitledPenalty > 5) {
        throw QuarryException.invalid(
            "negation penalties must be in 0..5, got " + penalty + " and " + untitledPenalty);
      }
    }

    /** One penalty whether or not a candidate is titled after the excluded entity. */
    public Negation(
        boolean detect,
        double penalty,
        boolean hardExclude,
        boolean embedPositiveOnly,
        boolean demoteTitled) {
      this(detect, penalty, hardExclude, embedPositiveOnly, demoteTitled, penalty, false);
    }

    /** The same settings with title demotion on or off. */
    public Negation withDemoteTitled(boolean v) {
      return new Negation(
          detect, penalty, hardExclude, embedPositiveOnly, v, untitledPenalty, relative);
    }

    /** The same settings with another penalty for when no candidate is titled after it. */
    public Negation withUntitledPenalty(double v) {
      return new Negation(
          detect, penalty, hardExclude, embedPositiveOnly, demoteTitled, v, relative);
    }

    /** The same settings with the penalty relative to the most relevant candidates, or not. */
    public Negation withRelative(boolean v) {
      return new Negation(
          detect, penalty, hardExclude, embedPositiveOnly, demoteTitled, untitledPenalty, v);
    }

    /** The penalty's weight, given whether a candidate is titled after the excluded entity. */
    public double penaltyFor(boolean titledCandidate) {
      return demoteTitled && !titledCandidate ? untitledPenalty : penalty;
    }
  }

  /** Example documents (by id) and texts, for more-like-this and example-based queries. */
  public record Examples(List<String> ids, List<String> texts) {
    public static final Examples NONE = new Examples(List.of(), List.of());

    public Examples {
      ids = List.copyOf(ids);
      texts = List.copyOf(texts);
    }

    public boolean isEmpty() {
      return ids.isEmpty() && texts.isEmpty();
    }
  }

  public SearchRequest {
    if (k < 1 || k > 1000) {
      throw QuarryException.invalid("k must be in 1..1000, got " + k);
    }
    if (offset < 0 || offset > 10_000) {
      throw QuarryException.invalid("offset must be in 0..10000, got " + offset);
    }
    boolean hasText = text != null && !text.isBlank();
    if (!hasText && vector == null && like.isEmpty()) {
      throw QuarryException.invalid("a search needs query text, a vector, or examples to be like");
    }
    if (mode == Mode.KEYWORD && !hasText) {
      throw QuarryException.invalid("keyword mode needs query text");
    }
    if (interpreter == null) {
      throw QuarryException.invalid("a search needs a query interpreter");
    }
    if (minScore.isPresent()) {
      double m = minScore.getAsDouble();
      if (!(m >= -1 && m <= 1)) {
        throw QuarryException.invalid("min-score is a cosine similarity, in -1..1; got " + m);
      }
      if (mode == Mode.KEYWORD) {
        throw QuarryException.invalid(
            "min-score applies to the cosine similarity, which keyword mode does not compute:"
                + " use hybrid or vector mode");
      }
    }
    vector = vector == null ? null : vector.clone();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static Builder builder(String text) {
    return new Builder().text(text);
  }

  /** Builds a request; {@link #build()} validates. */
  public static final class Builder {
    private String text;
    private float[] vector;
    private int k = 10;
    private int offset;
    private Filter filter;
    private Mode mode = Mode.HYBRID;
    private Fusion fusion = Fusion.RRF;
    private Recency recency = Recency.DEFAULT;
    private Negation negation = Negation.DEFAULT;
    private KnnOptions knn = KnnOptions.DEFAULTS;
    private boolean groupByParent;
    private Examples like = Examples.NONE;
    private Examples unlike = Examples.NONE;
    private boolean explain;
    private QueryInterpreter interpreter = EnglishInterpreter.INSTANCE;
    private OptionalDouble minScore = OptionalDouble.empty();

    public Builder text(String v) {
      text = v;
      return this;
    }

    public Builder vector(float[] v) {
      vector = v;
      return this;
    }

    public Builder k(int v) {
      k = v;
      return this;
    }

    public Builder offset(int v) {
      offset = v;
      return this;
    }

    public Builder filter(Filter v) {
      filter = v;
      return this;
    }

    public Builder mode(Mode v) {
      mode = v;
      return this;
    }

    public Builder fusion(Fusion v) {
      fusion = v;
      return this;
    }

    public Builder recency(Recency v) {
      recency = v;
      return this;
    }

    public Builder asOf(Instant t) {
      recency = recency.withAsOf(t);
      return this;
    }

    public Builder negation(Negation v) {
      negation = v;
      return this;
    }

    public Builder knn(KnnOptions v) {
      knn = v;
      return this;
    }

    public Builder groupByParent(boolean v) {
      groupByParent = v;
      return this;
    }

    public Builder like(List<String> ids, List<String> texts) {
      like = new Examples(ids, texts);
      return this;
    }

    public Builder unlike(List<String> ids, List<String> texts) {
      unlike = new Examples(ids, texts);
      return this;
    }

    public Builder explain(boolean v) {
      explain = v;
      return this;
    }

    /** Reads the query text in another language, or with a learned model. */
    public Builder interpreter(QueryInterpreter v) {
      interpreter = v;
      return this;
    }

    /** Only hits with at least this cosine similarity to the query vector. */
    public Builder minScore(double v) {
      minScore = OptionalDouble.of(v);
      return this;
    }

    public SearchRequest build() {
      return new SearchRequest(
          text,
          vector,
          k,
          offset,
          filter,
          mode,
          fusion,
          recency,
          negation,
          knn,
          groupByParent,
          like,
          unlike,
          explain,
          interpreter,
          minScore);
    }
  }
}
