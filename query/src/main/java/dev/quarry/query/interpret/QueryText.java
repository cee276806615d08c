package dev.quarry.query.interpret;

import dev.quarry.core.QuarryException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keyword syntax inside query text: {@code "exact phrase"}, {@code -term}, {@code -"phrase"},
 * {@code field:value}, {@code after:DATE}, {@code before:DATE}, and free text. Quotes that never
 * close are read as plain text, so any typed text parses.
 *
 * @param free the free text (what is BM25-matched), in order
 * @param sentence the free text with the required phrases in their places, quoted as typed ("Except
 *     for "The Glass House", what …"): what exclusions are read from, since a quotation marks a
 *     title whose words are not the query's own
 * @param phrases required exact phrases
 * @param excluded excluded terms and phrases
 * @param fields {@code field:value} equality filters
 * @param after only documents dated on or after this day (null: no bound)
 * @param before only documents dated before this day (null: no bound)
 */
public record QueryText(
    String free,
    String sentence,
    List<String> phrases,
    List<String> excluded,
    Map<String, String> fields,
    LocalDate after,
    LocalDate before) {

  public QueryText {
    phrases = List.copyOf(phrases);
    excluded = List.copyOf(excluded);
    fields = Map.copyOf(fields);
  }

  public static QueryText parse(String text) {
    List<String> free = new ArrayList<>();
    List<String> sentence = new ArrayList<>();
    List<String> phrases = new ArrayList<>();
    List<String> excluded = new ArrayList<>();
    Map<String, String> fields = new LinkedHashMap<>();
    LocalDate after = null;
    LocalDate before = null;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      // "-term" or "-\"phrase\"", but not a dash of punctuation ("shoes -- no brand").
      boolean negative =
          c == '-'
              && i + 1 < n
              && (Character.isLetterOrDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '"');
      int start = negative ? i + 1 : i;
      if (start < n && text.charAt(start) == '"') {
        int close = text.indexOf('"', start + 1);
        if (close > start) {
          String phrase = text.substring(start + 1, close).trim();
          if (!phrase.isEmpty()) {
            (negative ? excluded : phrases).add(phrase);
            if (!negative) {
              sentence.add('"' + phrase + '"');
            }
          }
          i = close + 1;
          continue;
        }
      }
      int end = start;
      while (end < n && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      String word = text.substring(start, end);
      i = end;
      int colon = word.indexOf(':');
      if (!negative
          && colon > 0
          && colon < word.length() - 1
          && word.substring(0, colon).matches("[A-Za-z][A-Za-z0-9_.\\-]*")) {
        String key = word.substring(0, colon);
        String value = word.substring(colon + 1);
        if (key.equalsIgnoreCase("after")) {
          after = date(value, "after");
        } else if (key.equalsIgnoreCase("before")) {
          before = date(value, "before");
        } else {
          fields.put(key, value);
        }
        continue;
      }
      if (negative && !word.isEmpty()) {
        excluded.add(word);
      } else {
        String plain = text.substring(negative ? start - 1 : start, end);
        free.add(plain);
        sentence.add(plain);
      }
    }
    return new QueryText(
        String.join(" ", free),
        String.join(" ", sentence),
        phrases,
        excluded,
        fields,
        after,
        before);
  }

  /** What is searched by meaning: the sentence without its quotation marks. */
  public String semantic() {
    return unquoted(sentence);
  }

  /** {@code text} without double quotation marks, as it is embedded. */
  public static String unquoted(String text) {
    return text.replace("\"", "");
  }

  private static LocalDate date(String value, String key) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw QuarryException.invalid(
          "query: " + key + ":" + value + " is not a date; write " + key + ":YYYY-MM-DD");
    }
  }
}
