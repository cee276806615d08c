package dev.quarry.langchain4j.readme;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.content.retriever.EmbeddingStoreContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.EmbeddingStoreIngestor;
import dev.quarry.engine.ingest.ChunkOptions;
import dev.quarry.engine.readme.ReadmeSnippet;
import dev.quarry.langchain4j.QuarryDocumentSplitter;
import dev.quarry.langchain4j.QuarryEmbeddingModel;
import dev.quarry.langchain4j.QuarryEmbeddingStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's "Use with LangChain4j" snippet, verbatim: it compiles and runs here, and the
 * README's code block is the text between the markers below (compared line by line, trimmed).
 */
class ReadmeLangChain4jTest {
  private static final String BEGIN = "// BEGIN README LANGCHAIN4J";
  private static final String END = "// END README LANGCHAIN4J";

  @TempDir Path dir;

  @Test
  void readmeSnippetRunsAndIsTheOneInTheReadme() throws IOException {
    for (int run = 0; run < 2; run++) { // the second run finds the index of the first
      // BEGIN README LANGCHAIN4J
      List<String> printed = new ArrayList<>();
      try (QuarryEmbeddingStore store = QuarryEmbeddingStore.builder().path(dir).build()) {
        QuarryEmbeddingModel model = store.embeddingModel(); // the collection's model, local
        if (store.collection().stats().documents() == 0) {
          EmbeddingStoreIngestor.builder()
              .documentSplitter(new QuarryDocumentSplitter(model, ChunkOptions.DEFAULTS))
              .embeddingModel(model)
              .embeddingStore(store)
              .build()
              .ingest(
                  Document.from(
                      "Graph indexes find nearest neighbours in logarithmic time.",
                      Metadata.from("topic", "search")),
                  Document.from(
                      "A lively starter and a long, cool proof make good bread.",
                      Metadata.from("topic", "baking")));
        }
        ContentRetriever retriever =
            EmbeddingStoreContentRetriever.builder()
                .embeddingStore(store)
                .embeddingModel(model)
                .maxResults(3)
                .minScore(0.6) // LangChain4j relevance: (cosine + 1) / 2
                .filter(metadataKey("topic").isEqualTo("search"))
                .build();
        // RAG: hand the retriever to a chat model, e.g. AiServices...contentRetriever(retriever)
        for (Content content : retriever.retrieve(Query.from("how do vector indexes work?"))) {
          printed.add(content.textSegment().text());
        }
      }
      // END README LANGCHAIN4J
      assertThat(printed)
          .containsExactly("Graph indexes find nearest neighbours in logarithmic time.");
    }
    assertThat(ReadmeSnippet.readmeBlockAfter("ReadmeLangChain4jTest.java"))
        .isEqualTo(
            ReadmeSnippet.between(
                Path.of("src/test/java/dev/quarry/langchain4j/readme/ReadmeLangChain4jTest.java"),
                BEGIN,
                END));
  }
}
