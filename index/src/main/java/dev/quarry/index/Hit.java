package dev.quarry.index;

/**
 * One search result.
 *
 * @param id the document's external id
 * @param score similarity to the query: cosine in [-1, 1] for cosine and dot-product collections,
 *     {@code 1 / (1 + squared distance)} for Euclidean ones; higher is closer
 * @param docId Lucene's document number within the searcher that produced it (internal)
 */
public record Hit(String id, float score, int docId) {}
