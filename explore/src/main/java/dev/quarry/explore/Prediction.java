package dev.quarry.explore;

/**
 * A predicted label.
 *
 * @param label the label, or null when nothing could vote (no labelled neighbour)
 * @param confidence the winning label's share of the votes (kNN) or its cosine (zero-shot), 0..1
 */
public record Prediction(String label, double confidence) {}
