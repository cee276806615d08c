package dev.quarry.query.kinds;

import java.util.List;

/**
 * One sense of a noun in WordNet: a synset.
 *
 * @param offset where the synset is in WordNet's data.noun (its identity in WordNet 3.1)
 * @param category its lexicographer file: 13 noun.food, 6 noun.artifact, 7 noun.attribute …
 *     (WordNet's lexnames(5))
 * @param lemmas the words that name it, spaces between the words of a compound ("pine nut")
 * @param gloss its definition and examples
 * @param hyponyms the offsets of the senses one level below: kinds of it
 */
public record NounSense(
    int offset, int category, List<String> lemmas, String gloss, List<Integer> hyponyms) {}
