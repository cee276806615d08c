package dev.quarry.query;

import dev.quarry.index.Document;
import java.util.Objects;

/**
 * One ranked result.
 *
 * @param id document id
 * @param score the ranking score (higher is better; its scale depends on the mode and on what
 *     re-ranked it: cosine for vector search, BM25 for keyword, fused rank score for hybrid, a
 *     recency tier and order under recency decay); {@link ScoreParts#cosine} is the one a person
 *     reads
 * @param document the stored document (vector included)
 * @param parts what the score is made of
 */
public record SearchHit(String id, double score, Document document, ScoreParts parts) {
  public SearchHit {
    Objects.requireNonNull(parts, "parts");
  }
}
