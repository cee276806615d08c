package dev.quarry.query;

import dev.quarry.index.Document;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a recency intent asks the newest of, when the query names it ("the newest running shoe from
 * Stridex"): a relevant candidate that names fewer of the query's names than the best one does is
 * about something else of the same kind, however new (another brand's shoe), and does not compete
 * on date with the ones that name them
 * (docs/decisions/0155-recency-ranks-what-names-the-subject.md).
 */
final class NamedSubject {
  /** Each name's folded words, as {@link ExcludedTitles#tokens} folds a document's. */
  private final List<List<String>> names;

  NamedSubject(List<String> names) {
    this.names = names.stream().map(ExcludedTitles::tokens).filter(t -> !t.isEmpty()).toList();
  }

  boolean isEmpty() {
    return names.isEmpty();
  }

  /** How many of the names the document's title and text contain (each of a name's words). */
  int named(Document d) {
    Set<String> words = new HashSet<>(ExcludedTitles.tokens(d.title()));
    words.addAll(ExcludedTitles.tokens(d.text()));
    int n = 0;
    for (List<String> name : names) {
      if (words.containsAll(name)) {
        n++;
      }
    }
    return n;
  }
}
