/**
 * Kinds of things, from WordNet's nouns: which words name a kind of what an exclusion names ("an
 * almond" for "no nuts"), so that documents naming them can be ranked after the rest (decision
 * 0173).
 */
package dev.quarry.query.kinds;
