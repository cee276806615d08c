package dev.quarry.engine.cli;

import dev.quarry.core.QuarryException;
import dev.quarry.index.FieldType;
import dev.quarry.query.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Refuses a filter that names a field no document has. The library lets such a field match nothing
 * (a program may filter on a field before any document carries it); typed on the command line it is
 * almost always a typo that would silently find nothing, so the CLI (and the server) name the known
 * fields.
 */
public final class FilterFields {
  private FilterFields() {}

  public static void requireKnown(Filter filter, Map<String, FieldType> known) {
    for (String field : fields(filter, new ArrayList<>())) {
      if (!known.containsKey(field)) {
        String closest = closest(field, known.keySet());
        throw QuarryException.invalid(
            "filter: no document has field '"
                + field
                + "'"
                + (closest == null ? "" : " (did you mean '" + closest + "'?)")
                + "; fields: "
                + (known.isEmpty()
                    ? "none yet"
                    : String.join(", ", new TreeSet<>(known.keySet()))));
      }
    }
  }

  private static List<String> fields(Filter f, List<String> out) {
    switch (f) {
      case Filter.Compare c -> out.add(c.field());
      case Filter.In in -> out.add(in.field());
      case Filter.Contains c -> out.add(c.field());
      case Filter.Exists e -> out.add(e.field());
      case Filter.TextContains t -> {}
      case Filter.And a -> a.all().forEach(g -> fields(g, out));
      case Filter.Or o -> o.any().forEach(g -> fields(g, out));
      case Filter.Not n -> fields(n.filter(), out);
    }
    return out;
  }

  /** The known field within a third of the name's length in edits (at least 1), if any. */
  private static String closest(String name, Iterable<String> known) {
    String best = null;
    int bestDistance = Math.max(1, name.length() / 3) + 1;
    for (String k : known) {
      int d =
          editDistance(
              name.toLowerCase(java.util.Locale.ROOT), k.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  /** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
