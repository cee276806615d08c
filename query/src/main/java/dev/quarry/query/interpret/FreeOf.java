package dev.quarry.query.interpret;

/**
 * A thing the asked documents are free of, written "X-free" ("nut-free cake recipes"). Not an
 * exclusion: a document that says it is nut-free is what is asked for, and it names the nut. What
 * is left out is a document that has the thing: one naming it, or a kind of it, not negated
 * (decision 0176).
 *
 * @param asked the query without the "X-free" word ("cake recipes")
 * @param thing what the documents lack ("nut")
 */
public record FreeOf(String asked, String thing) {}
