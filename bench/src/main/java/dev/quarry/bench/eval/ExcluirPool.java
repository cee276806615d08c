package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import dev.quarry.core.Embedder;
import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ExcluIR sample's queries and the documents pooled from them (deduplicated by corpus index,
 * ordered), which is all of its corpus that is searched.
 */
record ExcluirPool(Map<Integer, String> docs, List<ExcluirEval.Query> queries) {
  static ExcluirPool of(List<JsonObject> rows) {
    TreeMap<Integer, String> docs = new TreeMap<>();
    List<ExcluirEval.Query> queries = new ArrayList<>();
    for (JsonObject o : rows) {
      int pos = o.get("positive_corpus_index").getAsInt();
      int neg = o.get("negative_corpus_index").getAsInt();
      String posDoc = o.get("positive_doc").getAsString();
      docs.put(pos, posDoc);
      docs.put(neg, o.get("negative_doc").getAsString());
      queries.add(
          new ExcluirEval.Query(
              o.get("benchmark_index").getAsInt(),
              o.get("RQ_rewrite").getAsString(),
              "c" + pos,
              "c" + neg,
              posDoc));
    }
    return new ExcluirPool(docs, List.copyOf(queries));
  }

  /** A fresh collection of the pooled documents (vectors cached in {@code work}). */
  Collection index(Embedder embedder, Path work, String model) throws Exception {
    List<String> texts = List.copyOf(docs.values());
    List<float[]> vectors = EmbeddingCache.passages(embedder, work, "excluir-docs", texts);
    List<Document> documents = new ArrayList<>();
    int i = 0;
    for (var e : docs.entrySet()) {
      String[] titleText = e.getValue().split("\n", 2);
      documents.add(
          Document.builder("c" + e.getKey())
              .title(titleText[0])
              .text(titleText.length > 1 ? titleText[1] : "")
              .vector(vectors.get(i++))
              .build());
    }
    return EvalIndex.build(work.resolve("excluir-" + model), embedder.identity(), documents);
  }
}
