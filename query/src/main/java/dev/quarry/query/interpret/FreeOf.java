package dev.quarry.query.interpret;

/**
 * A thing the asked documents are free of, written "X-free" ("nut-free cake recipes") or "with no
 * X" at the end ("recipes with no nuts at all"). Not an exclusion: a document that says it is
 * nut-free is what is asked for, and it names the nut. What is left out is a document that has the
 * thing: one naming it, or a kind of it, not negated (decisions 0176 and 0188).
 *
 * @param asked the query without the words that say it ("cake recipes")
 * @param thing what the documents lack ("nut")
 * @param evidence the words that say it, as the query has them ("nut-free", "with no nuts")
 */
public record FreeOf(String asked, String thing, String evidence) {}
