package dev.quarry.query.interpret;

/**
 * A natural-language exclusion read from a query ("bread recipes except sourdough").
 *
 * @param positive what is asked for ("bread recipes")
 * @param excluded the excluded span ("sourdough")
 * @param cue the words that marked it, as evidence ("except")
 */
public record Exclusion(String positive, String excluded, String cue) {}
