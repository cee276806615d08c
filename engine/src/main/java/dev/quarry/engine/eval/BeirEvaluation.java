package dev.quarry.engine.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.core.Embedder;
import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Document;
import dev.quarry.index.Hit;
import dev.quarry.index.KnnOptions;
import dev.quarry.index.VectorEncoding;
import dev.quarry.query.QueryEngine;
import dev.quarry.query.SearchHit;
import dev.quarry.query.SearchRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * BEIR-format retrieval evaluation (corpus.jsonl[.gz], queries.jsonl, qrels/test.tsv), scored as
 * MTEB does: documents embedded as {@code (title + " " + text).strip()} and truncated by the model
 * (no chunking), queries with the model's query prefix, nDCG@10, Recall@100 and MRR@10 over the
 * test queries.
 */
public final class BeirEvaluation {
  private BeirEvaluation() {}

  /** One BEIR document. */
  public record BeirDoc(String id, String title, String text) {
    String embedText() {
      return ((title == null ? "" : title) + " " + text).strip();
    }
  }

  /** How to search. */
  public enum Strategy {
    EXACT,
    HNSW,
    KEYWORD,
    HYBRID
  }

  /** Scores and the run. */
  public record Result(
      double ndcg10, double recall100, double mrr10, int queries, Map<String, List<Hit>> run) {}

  public static List<BeirDoc> corpus(Path dir) {
    Path file =
        Files.exists(dir.resolve("corpus.jsonl.gz"))
            ? dir.resolve("corpus.jsonl.gz")
            : dir.resolve("corpus.jsonl");
    List<BeirDoc> docs = new ArrayList<>();
    lines(
        file,
        line -> {
          JsonObject o = JsonParser.parseString(line).getAsJsonObject();
          docs.add(
              new BeirDoc(
                  o.get("_id").getAsString(),
                  o.has("title") ? o.get("title").getAsString() : "",
                  o.get("text").getAsString()));
        });
    return docs;
  }

  public static Map<String, String> queries(Path dir) {
    Map<String, String> out = new LinkedHashMap<>();
    lines(
        dir.resolve("queries.jsonl"),
        line -> {
          JsonObject o = JsonParser.parseString(line).getAsJsonObject();
          out.put(o.get("_id").getAsString(), o.get("text").getAsString());
        });
    return out;
  }

  public static Map<String, Map<String, Integer>> qrels(Path dir) {
    Map<String, Map<String, Integer>> out = new LinkedHashMap<>();
    boolean[] header = {true};
    lines(
        dir.resolve("qrels").resolve("test.tsv"),
        line -> {
          if (header[0]) {
            header[0] = false;
            if (line.startsWith("query-id")) {
              return;
            }
          }
          String[] cols = line.split("\t");
          out.computeIfAbsent(cols[0], k -> new HashMap<>())
              .put(cols[1], Integer.parseInt(cols[2].trim()));
        });
    return out;
  }

  /** Builds (or reuses) a collection of the corpus at {@code dir}. */
  public static Collection index(
      Path dir,
      List<BeirDoc> docs,
      Embedder embedder,
      VectorEncoding encoding,
      Consumer<String> log) {
    if (Files.exists(dir.resolve("quarry.json"))) {
      Collection c = Collection.open(dir);
      c.requireModel(embedder.identity());
      if (c.stats().documents() == docs.size()) {
        if (c.config().encoding() != encoding) {
          log.accept("reindexing the cached collection as " + encoding.id() + " (no model call)");
          c.reindex(encoding, c.config().hnsw());
        }
        return c;
      }
      c.close();
      throw QuarryException.invalid(
          dir + " holds another corpus; delete it or pass another --work");
    }
    Collection c =
        Collection.create(
            dir, CollectionConfig.forModel(embedder.identity()).withEncoding(encoding));
    long start = System.nanoTime();
    for (int from = 0; from < docs.size(); from += 512) {
      List<BeirDoc> slice = docs.subList(from, Math.min(docs.size(), from + 512));
      var vectors = embedder.embed(slice.stream().map(BeirDoc::embedText).toList(), Role.PASSAGE);
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < slice.size(); i++) {
        BeirDoc d = slice.get(i);
        batch.add(
            Document.builder(d.id())
                .title(d.title())
                .text(d.text())
                .vector(vectors.get(i))
                .build());
      }
      c.upsert(batch);
      log.accept(
          String.format(
              "embedded %d/%d documents (%.0f/s)",
              from + slice.size(),
              docs.size(),
              (from + slice.size()) / ((System.nanoTime() - start) / 1e9)));
    }
    c.commit();
    return c;
  }

  /**
   * The top-100 request {@link #evaluate} sends for a keyword or hybrid {@code strategy}: the
   * literal text (BEIR queries are not written in Quarry's query syntax), negation and recency off.
   */
  public static SearchRequest request(String text, Strategy strategy) {
    return SearchRequest.builder(text.replace("\"", " ").replace(" -", " "))
        .k(100)
        .mode(strategy == Strategy.KEYWORD ? SearchRequest.Mode.KEYWORD : SearchRequest.Mode.HYBRID)
        .negation(SearchRequest.Negation.OFF)
        .recency(SearchRequest.Recency.DEFAULT.withMode(SearchRequest.RecencyMode.OFF))
        .build();
  }

  public static Result evaluate(
      Collection c,
      Embedder embedder,
      Map<String, String> queries,
      Map<String, Map<String, Integer>> qrels,
      Strategy strategy) {
    QueryEngine engine = new QueryEngine(c, embedder);
    Map<String, List<Hit>> run = new LinkedHashMap<>();
    double ndcg = 0;
    double recall = 0;
    double mrr = 0;
    int n = 0;
    for (Map.Entry<String, Map<String, Integer>> q : qrels.entrySet()) {
      String text = queries.get(q.getKey());
      if (text == null) {
        continue;
      }
      List<Hit> hits =
          switch (strategy) {
            case EXACT -> c.exactSearch(embedder.embed(text, Role.QUERY), 100);
            case HNSW -> c.search(embedder.embed(text, Role.QUERY), 100, KnnOptions.DEFAULTS);
            case KEYWORD, HYBRID -> {
              List<Hit> out = new ArrayList<>();
              for (SearchHit h : engine.search(request(text, strategy)).hits()) {
                out.add(new Hit(h.id(), (float) h.score(), -1));
              }
              yield out;
            }
          };
      List<String> ids = hits.stream().map(Hit::id).toList();
      ndcg += RetrievalMetrics.ndcg(ids, q.getValue(), 10);
      recall += RetrievalMetrics.recall(ids, q.getValue(), 100);
      mrr += RetrievalMetrics.mrr(ids, q.getValue(), 10);
      run.put(q.getKey(), hits);
      n++;
    }
    return new Result(100 * ndcg / n, 100 * recall / n, 100 * mrr / n, n, run);
  }

  private static void lines(Path file, Consumer<String> line) {
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(QuarryException.Kind.NOT_FOUND, "BEIR file missing: " + file);
    }
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String l = r.readLine(); l != null; l = r.readLine()) {
        if (!l.isBlank()) {
          line.accept(l);
        }
      }
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot read " + file + ": " + ErrorText.describe(e), e);
    }
  }
}
