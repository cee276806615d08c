package dev.quarry.langchain4j.example;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.model.embedding.request.EmbeddingInputType;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.quarry.engine.ingest.ChunkOptions;
import dev.quarry.langchain4j.QuarryDocumentSplitter;
import dev.quarry.langchain4j.QuarryEmbeddingStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Local RAG retrieval with LangChain4j and Quarry, no network: chunk and index a JSONL corpus into
 * an on-disk collection (once; a second run reuses it), then retrieve the passages for a question.
 * No LLM is called: hand the retriever to your chat model, e.g. {@code
 * AiServices.builder(Assistant.class).chatModel(model).contentRetriever(retriever).build()}.
 *
 * <pre>
 * java ... LocalRagExample data/sample/corpus.jsonl /tmp/rag-index "How do I toggle a dropdown menu?"
 * </pre>
 */
public final class LocalRagExample {
  private LocalRagExample() {}

  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      System.err.println("usage: LocalRagExample CORPUS.jsonl INDEX_DIR QUESTION");
      System.exit(2);
    }
    for (Content c : retrieve(Path.of(args[0]), Path.of(args[1]), args[2], 5)) {
      System.out.println(
          c.textSegment().metadata().getString("id") + "  " + c.textSegment().text());
    }
  }

  /**
   * Indexes {@code corpus} into {@code index} unless it is there, then retrieves for a question.
   */
  public static List<Content> retrieve(Path corpus, Path index, String question, int passages)
      throws IOException {
    try (QuarryEmbeddingStore store = QuarryEmbeddingStore.builder().path(index).build()) {
      if (store.collection().stats().documents() == 0) {
        EmbeddingStoreIngestor.builder()
            .documentSplitter(
                new QuarryDocumentSplitter(store.embeddingModel(), ChunkOptions.DEFAULTS))
            .embeddingModel(store.embeddingModel())
            .embeddingStore(store)
            .build()
            .ingest(documents(corpus));
      }
      ContentRetriever retriever =
          EmbeddingStoreContentRetriever.builder()
              .embeddingStore(store)
              .embeddingModel(store.embeddingModel())
              .embeddingInputType(EmbeddingInputType.QUERY)
              .maxResults(passages)
              .minScore(0.6)
              .build();
      return retriever.retrieve(Query.from(question));
    }
  }

  /** One LangChain4j document per JSONL record: title and text, with id, category and date. */
  static List<Document> documents(Path corpus) throws IOException {
    List<Document> out = new ArrayList<>();
    for (String line : Files.readAllLines(corpus, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      JsonObject r = JsonParser.parseString(line).getAsJsonObject();
      Metadata m =
          new Metadata()
              .put("id", r.get("id").getAsString())
              .put("category", r.get("category").getAsString())
              .put("date", r.get("date").getAsString());
      out.add(
          Document.from(r.get("title").getAsString() + "\n\n" + r.get("text").getAsString(), m));
    }
    return out;
  }
}
