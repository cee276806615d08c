package dev.quarry.query;

import dev.quarry.index.Collection;
import dev.quarry.index.spi.DocIds;
import dev.quarry.index.spi.IndexFields;
import dev.quarry.query.spi.FilterCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;

/** The keyword leg: BM25 over title and text, required phrases, and the exclusion's penalty. */
final class KeywordLeg {
  /** BM25 weight of a title match against a text match: titles name what a document is about. */
  static final double TITLE_BOOST = 1.5;

  /**
   * Question words carry no topic; in BM25 they only add stray matches. Dropped from keyword
   * queries (documents keep them).
   */
  static final Set<String> QUESTION_WORDS =
      Set.of(
          "how", "what", "why", "when", "where", "which", "who", "whom", "whose", "do", "does",
          "did", "can", "could", "should", "would", "i", "you", "my", "your", "me", "we", "our");

  private final Collection collection;
  private final FilterCompiler compiler;
  private final Plan plan;

  KeywordLeg(Collection collection, FilterCompiler compiler, Plan plan) {
    this.collection = collection;
    this.compiler = compiler;
    this.plan = plan;
  }

  /** The leg's candidates in keyword order, and whether it ran. */
  record Result(boolean ran, List<Candidate> ranked) {}

  Result run(
      SearchRequest r, SearchPlan p, ExclusionPenalty penalty, Map<String, Candidate> candidates) {
    List<Candidate> ranked = new ArrayList<>();
    if (r.mode() == SearchRequest.Mode.VECTOR || p.keywords().isBlank() && p.phrases().isEmpty()) {
      return new Result(false, ranked);
    }
    Query bm25 = query(p.keywords(), p.phrases(), p.filter());
    if (bm25 == null) {
      plan.add("keyword: no searchable words in the query");
    } else {
      plan.add("keyword: BM25 over title (boost " + TITLE_BOOST + ") and text: " + bm25);
      Set<String> likeIds = Set.copyOf(r.like().ids());
      for (Scored s : search(bm25, p.pool())) {
        if (!likeIds.contains(s.id())) {
          Candidate c = candidates.computeIfAbsent(s.id(), Candidate::new);
          c.keyword = s.score();
          ranked.add(c);
        }
      }
    }
    for (Candidate c : ExclusionPenalty.onKeywordLeg(ranked, penalty, collection, plan)) {
      if (!c.inVectorLeg()) {
        candidates.remove(c.id);
      }
    }
    return new Result(true, ranked);
  }

  private record Scored(String id, float score) {}

  private List<Scored> search(Query bm25, int n) {
    return collection
        .lucene()
        .withSearcher(
            searcher -> {
              ScoreDoc[] hits = searcher.search(bm25, n).scoreDocs;
              String[] ids =
                  DocIds.of(searcher, Arrays.stream(hits).mapToInt(sd -> sd.doc).toArray());
              List<Scored> out = new ArrayList<>(hits.length);
              for (int i = 0; i < hits.length; i++) {
                out.add(new Scored(ids[i], hits[i].score));
              }
              return out;
            });
  }

  /** The BM25 query, or null when the text has no searchable words and no phrase. */
  Query query(String free, List<String> phrases, Query filter) {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    boolean any = false;
    BooleanQuery.Builder terms = new BooleanQuery.Builder();
    Set<String> words = new LinkedHashSet<>(compiler.analyze(free));
    words.removeAll(QUESTION_WORDS);
    for (String term : words) {
      terms.add(
          new BoostQuery(new TermQuery(new Term(IndexFields.TITLE, term)), (float) TITLE_BOOST),
          BooleanClause.Occur.SHOULD);
      terms.add(new TermQuery(new Term(IndexFields.TEXT, term)), BooleanClause.Occur.SHOULD);
    }
    if (!words.isEmpty()) {
      // A document has to match enough of the words: one stray shared word is noise that fusion
      // would otherwise reward. (MUST also keeps SHOULD from becoming optional beside FILTER.)
      terms.setMinimumNumberShouldMatch(words.size() >= 3 ? (words.size() + 1) / 2 : 1);
      b.add(terms.build(), BooleanClause.Occur.MUST);
      any = true;
    }
    for (String phrase : phrases) {
      b.add(compiler.textContains(phrase), BooleanClause.Occur.MUST);
      any = true;
    }
    if (!any) {
      return null;
    }
    if (filter != null) {
      b.add(filter, BooleanClause.Occur.FILTER);
    }
    return b.build();
  }
}
