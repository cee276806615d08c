package dev.quarry.bench.eval;

import java.text.Normalizer;
import java.util.Locale;

/** Case, accent and punctuation folding for comparing extracted spans with titles. */
final class TextFold {
  private TextFold() {}

  /** Lower case, accents and HTML entities resolved, every run of non-alphanumerics one space. */
  static String fold(String s) {
    String unescaped =
        s.replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&");
    String plain = Normalizer.normalize(unescaped, Normalizer.Form.NFKD).replaceAll("\\p{M}", "");
    return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
  }

  /** Whether one folded text contains the other as whole words (an empty text matches nothing). */
  static boolean eitherContains(String a, String b) {
    String x = fold(a);
    String y = fold(b);
    if (x.isEmpty() || y.isEmpty()) {
      return false;
    }
    return (" " + x + " ").contains(" " + y + " ") || (" " + y + " ").contains(" " + x + " ");
  }

  /**
   * A Wikipedia title without its disambiguation, e.g. "Glass House (1961 film)" to "Glass House".
   */
  static String withoutDisambiguation(String title) {
    return title.replaceAll("\\s*\\([^)]*\\)\\s*$", "");
  }
}
