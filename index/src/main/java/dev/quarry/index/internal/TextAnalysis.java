package dev.quarry.index.internal;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzer for title and text. Lucene's English stop set drops "no" and "not", which is exactly
 * the signal negation queries need, so Quarry's stop set is that list without negation words.
 */
public final class TextAnalysis {
  /** Lucene's English stop words minus "no", "not" (and "but", which marks exclusions). */
  public static final List<String> STOP_WORDS =
      List.of(
          "a", "an", "and", "are", "as", "at", "be", "by", "for", "if", "in", "into", "is", "it",
          "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they",
          "this", "to", "was", "will", "with");

  private TextAnalysis() {}

  /** A new analyzer; the caller owns it and closes it. */
  public static Analyzer analyzer() {
    return new StandardAnalyzer(new CharArraySet(STOP_WORDS, true));
  }
}
