package dev.quarry.springai.example;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.springai.QuarryVectorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.ai.document.Document;
import org.springframework.ai.transformer.splitter.TokenTextSplitter;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;

/**
 * Local RAG retrieval with Spring AI and Quarry: chunk and index a JSON-lines corpus once into an
 * on-disk collection, then retrieve the passages for a question. No language model is called: hand
 * the passages to your chat model (e.g. a {@code ChatClient} with a {@code QuestionAnswerAdvisor}
 * over this {@link VectorStore}).
 *
 * <pre>
 * java ... dev.quarry.springai.example.LocalRagExample data/sample/corpus.jsonl rag-index \
 *     "How do I open a dropdown menu with jQuery?"
 * </pre>
 *
 * Run twice: the second run finds the index on disk and only searches.
 */
public final class LocalRagExample {
  private LocalRagExample() {}

  public static void main(String[] args) {
    if (args.length != 3) {
      System.err.println("usage: LocalRagExample CORPUS.jsonl INDEX_DIR QUESTION");
      System.exit(2);
    }
    Path index = Path.of(args[1]);
    boolean fresh = !Files.exists(index);
    try (QuarryVectorStore store = QuarryVectorStore.builder(index).build()) {
      if (fresh) {
        System.out.println("indexed " + index(store, Path.of(args[0])).size() + " passages");
      }
      for (Document passage : retrieve(store, args[2], 4, null)) {
        System.out.printf(
            "%.3f %s %s%n",
            passage.getScore(), passage.getId(), passage.getMetadata().get("title"));
      }
    }
  }

  /** Reads the corpus, splits each document into passages, and adds them; returns the passages. */
  public static List<Document> index(VectorStore store, Path corpus) {
    List<Document> documents = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(corpus)) {
        if (!line.isBlank()) {
          documents.add(document(JsonParser.parseString(line).getAsJsonObject()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Small chunks (about 64 tokens, cut at a sentence end) so a passage answers one question.
    TokenTextSplitter splitter = TokenTextSplitter.builder().withChunkSize(64).build();
    List<Document> chunks = new ArrayList<>();
    for (Document chunk : splitter.apply(documents)) {
      // Stable ids (document#chunk), so indexing the corpus again replaces instead of duplicating.
      String id =
          chunk.getMetadata().get("parent_document_id")
              + "#"
              + chunk.getMetadata().get("chunk_index");
      chunks.add(chunk.mutate().id(id).build());
    }
    store.add(chunks);
    return chunks;
  }

  /** The {@code k} passages most similar to the question, optionally filtered by metadata. */
  public static List<Document> retrieve(VectorStore store, String question, int k, String filter) {
    SearchRequest.Builder request = SearchRequest.builder().query(question).topK(k);
    if (filter != null) {
      request.filterExpression(filter);
    }
    return store.similaritySearch(request.build());
  }

  private static Document document(JsonObject o) {
    Map<String, Object> metadata = new HashMap<>();
    metadata.put("title", o.get("title").getAsString());
    metadata.put("category", o.get("category").getAsString());
    metadata.put("date", LocalDate.parse(o.get("date").getAsString()));
    List<String> tags = new ArrayList<>();
    o.getAsJsonArray("tags").forEach(t -> tags.add(t.getAsString()));
    metadata.put("tags", tags);
    for (String optional : List.of("product", "version", "library", "difficulty")) {
      JsonElement v = o.get(optional);
      if (v != null) {
        metadata.put(optional, v.getAsString());
      }
    }
    if (o.has("rating")) {
      metadata.put("rating", o.get("rating").getAsDouble());
    }
    return new Document(o.get("id").getAsString(), o.get("text").getAsString(), metadata);
  }
}
