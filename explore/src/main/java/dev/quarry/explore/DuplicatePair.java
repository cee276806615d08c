package dev.quarry.explore;

/** Two documents whose vectors' cosine similarity reaches the threshold; {@code a < b} by id. */
public record DuplicatePair(String a, String b, double similarity) {}
