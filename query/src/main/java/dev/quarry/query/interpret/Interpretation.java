package dev.quarry.query.interpret;

import java.util.List;
import java.util.Optional;

/**
 * What a query asks for, as a {@link QueryInterpreter} reads it.
 *
 * @param semantic the text searched by meaning (the whole sentence, quotation marks removed)
 * @param keywords the text matched with BM25: the free words, or only the positive part of an
 *     exclusion
 * @param phrases phrases that must occur; one inside an excluded span names what to leave out and
 *     is not required
 * @param exclusion a natural-language exclusion, if one was found
 * @param recencyCue the words that ask for fresh results ("latest"), as evidence, if any
 * @param filters filters written in the text
 * @param freeOf a thing the asked documents lack ("nut-free …"), if the query names one and no
 *     exclusion was found
 */
public record Interpretation(
    String semantic,
    String keywords,
    List<String> phrases,
    Optional<Exclusion> exclusion,
    Optional<String> recencyCue,
    TextFilters filters,
    Optional<FreeOf> freeOf) {
  public Interpretation {
    phrases = List.copyOf(phrases);
  }
}
