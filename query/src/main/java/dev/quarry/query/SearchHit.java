package dev.quarry.query;

import dev.quarry.index.Document;
import java.util.Map;

/**
 * One ranked result.
 *
 * @param id document id
 * @param score the final score (higher is better; its scale depends on the mode: cosine for vector
 *     search, BM25 for keyword, fused rank score for hybrid, times the recency decay)
 * @param document the stored document (vector included)
 * @param parts the score's parts when explain was asked (e.g. vector, keyword, penalty, decay)
 */
public record SearchHit(String id, double score, Document document, Map<String, Double> parts) {
  public SearchHit {
    parts = Map.copyOf(parts);
  }
}
