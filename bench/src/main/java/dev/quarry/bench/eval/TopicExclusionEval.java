package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.bench.WorkFolder;
import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.SearchRequest.Mode;
import dev.quarry.query.SearchRequest.Negation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Topic exclusions on our own sample corpus ("bread recipes, except sourdough"): what ExcluIR does
 * not show, because its pooled corpus is mostly documents unrelated to any one query. Here the
 * wanted documents are on the asked topic and near the excluded one, so a penalty that is too blunt
 * pushes them below unrelated documents. The queries are our own sentences; the labels come from
 * the corpus's own categories and tags: a document is wanted when it has the query's topic
 * (category or tag) and not the excluded tag, excluded when it has the excluded tag, and unrelated
 * otherwise.
 *
 * <p>Run: {@code bin/bench topics [--corpus data/sample/corpus.jsonl]}
 */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "Topic exclusions on the sample corpus: wanted, excluded and unrelated hits.")
public final class TopicExclusionEval implements Callable<Integer> {
  private static final int K = 10;

  @Mixin ModelChoice model;

  @Mixin WorkFolder workFolder;

  @Option(
      names = "--corpus",
      paramLabel = "FILE",
      description = "The corpus (JSON lines with id, title, text, category, tags).")
  Path corpus = Path.of("data/sample/corpus.jsonl");

  /** A query, the topic it asks for (a category or a tag) and the tag it excludes. */
  record TopicQuery(String text, String topic, String excluded) {}

  /** Our own sentences: a topic of the corpus and a tag inside or near it. */
  static final List<TopicQuery> QUERIES =
      List.of(
          new TopicQuery("programming tutorials but not javascript", "programming", "javascript"),
          new TopicQuery("programming tutorials excluding python", "programming", "python"),
          new TopicQuery("javascript tutorials but not jQuery", "javascript", "jquery"),
          new TopicQuery("cooking recipes except desserts", "cooking", "dessert"),
          new TopicQuery("cooking recipes without baking", "cooking", "baking"),
          new TopicQuery("dinner ideas other than vegan dishes", "cooking", "vegan"),
          new TopicQuery("science explainers but not physics", "science", "physics"),
          new TopicQuery("science articles apart from biology", "science", "biology"),
          new TopicQuery("personal finance advice except investing", "finance", "investing"),
          new TopicQuery("gardening tips but not vegetables", "gardening", "vegetables"),
          new TopicQuery("gardening advice excluding soil care", "gardening", "soil"),
          new TopicQuery("product reviews other than smartphones", "products", "smartphone"),
          new TopicQuery("gadget reviews, not the Nimbus Phone", "products", "nimbus"),
          new TopicQuery("health advice but not nutrition", "health", "nutrition"),
          new TopicQuery("health tips except fitness", "health", "fitness"),
          new TopicQuery("history articles but not the medieval period", "history", "medieval"),
          new TopicQuery("travel tips excluding outdoor trips", "travel", "outdoors"));

  /** A corpus document's labels. */
  record Labels(String category, Set<String> tags) {
    boolean has(String topicOrTag) {
      return category.equals(topicOrTag) || tags.contains(topicOrTag);
    }
  }

  /** An arm's averages over the queries. */
  record Scores(double wanted, double excluded, double anyExcluded, double unrelated, double mrr) {}

  public static void main(String[] args) {
    System.exit(new CommandLine(new TopicExclusionEval()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    evaluate();
    return 0;
  }

  private void evaluate() throws Exception {
    List<JsonObject> rows = new ArrayList<>();
    Map<String, Labels> labels = new HashMap<>();
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      if (!line.isBlank()) {
        JsonObject o = JsonParser.parseString(line).getAsJsonObject();
        Set<String> tags = new HashSet<>();
        o.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
        labels.put(o.get("id").getAsString(), new Labels(o.get("category").getAsString(), tags));
        rows.add(o);
      }
    }
    System.out.printf(
        "Topic exclusions: %d queries of our own over %s (%d documents), model %s, top %d%n",
        QUERIES.size(), corpus, rows.size(), model.name, K);
    try (Embedder embedder = model.open()) {
      List<String> texts =
          rows.stream()
              .map(o -> o.get("title").getAsString() + "\n" + o.get("text").getAsString())
              .toList();
      List<float[]> vectors =
          EmbeddingCache.passages(embedder, workFolder.path(), "topics-docs", texts);
      List<Document> documents = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        JsonObject o = rows.get(i);
        documents.add(
            Document.builder(o.get("id").getAsString())
                .title(o.get("title").getAsString())
                .text(o.get("text").getAsString())
                .vector(vectors.get(i))
                .build());
      }
      try (Collection collection =
          EvalIndex.build(
              workFolder.path().resolve("topics-" + model.name), embedder.identity(), documents)) {
        QueryEngine engine = new QueryEngine(collection, embedder);
        Table t =
            new Table(
                "Topic exclusions (means over the queries)",
                "arm",
                "wanted in top 10 (share of possible)",
                "excluded docs in top 10",
                "queries with an excluded doc in top 10 (%)",
                "unrelated docs in top 10",
                "MRR@10 of a wanted doc");
        Negation chosen = Negation.DEFAULT;
        List<Negation> arms =
            List.of(
                Negation.OFF,
                chosen,
                chosen.withRelative(false),
                chosen.withRelative(false).withUntitledPenalty(1.5),
                chosen.withRelative(false).withUntitledPenalty(3.0),
                chosen.withUntitledPenalty(3.0));
        List<Arm> all = new ArrayList<>();
        arms.forEach(n -> all.add(new Arm(Mode.VECTOR, n)));
        // The default mode: its keyword leg must not bring the excluded topic back.
        all.add(new Arm(Mode.HYBRID, Negation.OFF));
        all.add(new Arm(Mode.HYBRID, chosen));
        for (Arm arm : all) {
          Scores s = score(engine, arm, labels);
          t.row(
              arm.mode().name().toLowerCase(Locale.ROOT) + ", " + name(arm.negation(), chosen),
              s.wanted(),
              s.excluded(),
              Table.pct(s.anyExcluded()),
              s.unrelated(),
              s.mrr());
        }
        t.print(System.out);
      }
    }
  }

  private static String name(Negation n, Negation chosen) {
    if (!n.detect()) {
      return "negation off";
    }
    return String.format(
            Locale.ROOT,
            "penalty %.2f, %.2f when none is titled%s",
            n.penalty(),
            n.untitledPenalty(),
            n.relative() ? ", relative" : ", whole similarity")
        + (n.equals(chosen) ? " (default)" : "");
  }

  private record Arm(Mode mode, Negation negation) {}

  private static Scores score(QueryEngine engine, Arm arm, Map<String, Labels> labels) {
    double wanted = 0;
    double excluded = 0;
    double anyExcluded = 0;
    double unrelated = 0;
    double mrr = 0;
    for (TopicQuery q : QUERIES) {
      long possible =
          labels.values().stream()
              .filter(l -> l.has(q.topic()) && !l.tags().contains(q.excluded()))
              .count();
      List<SearchHit> hits =
          engine
              .search(
                  SearchRequest.builder(q.text())
                      .k(K)
                      .mode(arm.mode())
                      .negation(arm.negation())
                      .recency(
                          SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF))
                      .build())
              .hits();
      int w = 0;
      int x = 0;
      int firstWanted = 0;
      for (int i = 0; i < hits.size(); i++) {
        Labels l = labels.get(hits.get(i).id());
        if (l.tags().contains(q.excluded())) {
          x++;
        } else if (l.has(q.topic())) {
          w++;
          firstWanted = firstWanted == 0 ? i + 1 : firstWanted;
        }
      }
      wanted += (double) w / Math.min(K, possible);
      excluded += x;
      anyExcluded += x > 0 ? 1 : 0;
      unrelated += hits.size() - w - x;
      mrr += firstWanted == 0 ? 0 : 1.0 / firstWanted;
    }
    int n = QUERIES.size();
    return new Scores(wanted / n, excluded / n, anyExcluded / n, unrelated / n, mrr / n);
  }
}
