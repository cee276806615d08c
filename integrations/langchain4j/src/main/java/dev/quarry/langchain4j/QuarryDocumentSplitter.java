package dev.quarry.langchain4j;

import dev.langchain4j.data.document.Document;
import dev.langchain4j.data.document.DocumentSplitter;
import dev.langchain4j.data.segment.TextSegment;
import dev.quarry.engine.ingest.ChunkOptions;
import dev.quarry.engine.ingest.Chunker;
import java.util.ArrayList;
import java.util.List;

/**
 * LangChain4j's {@link DocumentSplitter} with Quarry's chunker: chunks of at most the model's token
 * budget, cut at paragraph and sentence boundaries, with a sentence overlap (see {@link
 * ChunkOptions}). Tokens are counted with the embedding model's own tokenizer, so no chunk is
 * truncated by the model. Each segment carries the document's metadata plus {@code index} (its
 * position, as text, as LangChain4j's splitters do). Thread-safe.
 */
public final class QuarryDocumentSplitter implements DocumentSplitter {
  private final Chunker chunker;

  /** Splits for {@code model} with {@code options} (ChunkOptions.DEFAULTS: the model's maximum). */
  public QuarryDocumentSplitter(QuarryEmbeddingModel model, ChunkOptions options) {
    int budget = options.budget(model.embedder().maxTokens());
    this.chunker = new Chunker(model.embedder(), budget, options.overlapTokens());
  }

  @Override
  public List<TextSegment> split(Document document) {
    List<String> chunks = chunker.chunk(document.text());
    List<TextSegment> segments = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      segments.add(
          TextSegment.from(
              chunks.get(i), document.metadata().copy().put("index", String.valueOf(i))));
    }
    return segments;
  }
}
