package dev.quarry.engine.ingest;

import dev.quarry.core.TokenCounter;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into chunks of at most {@code budget} model tokens at paragraph and sentence
 * boundaries, with a sentence overlap between neighbours. A sentence longer than the budget is cut
 * between words.
 */
public final class Chunker {
  private final TokenCounter tokens;
  private final int budget;
  private final int overlap;

  public Chunker(TokenCounter tokens, int budget, int overlap) {
    this.tokens = tokens;
    this.budget = budget;
    this.overlap = Math.min(overlap, budget / 2);
  }

  /**
   * The chunker for a document with this title, which is embedded in front of every chunk: this
   * one, or a smaller one when the title leaves less than the budget of a model's {@code modelMax}
   * tokens (the default budget leaves a title 32), so that title and chunk still fit the model.
   */
  public Chunker forTitle(String title, int modelMax) {
    if (title == null || surelyWithin(title, modelMax - 2 - budget)) {
      return this;
    }
    int left = modelMax - 2 - tokens.countTokens(title);
    return left >= budget
        ? this
        : new Chunker(tokens, Math.max(ChunkOptions.MIN_BUDGET, left), overlap);
  }

  /** A piece of text and its token count. */
  private record Piece(String text, int tokens) {}

  public List<String> chunk(String text) {
    if (surelyFits(text) || tokens.countTokens(text) <= budget) {
      return List.of(text.strip());
    }
    List<Piece> pieces = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n")) {
      if (!paragraph.isBlank()) {
        sentences(paragraph.strip(), pieces);
      }
    }
    List<String> chunks = new ArrayList<>();
    List<Piece> current = new ArrayList<>();
    int used = 0;
    for (Piece p : pieces) {
      if (used + p.tokens() > budget && !current.isEmpty()) {
        chunks.add(join(current));
        List<Piece> carry = new ArrayList<>();
        int carried = 0;
        for (int i = current.size() - 1;
            i >= 0 && carried + current.get(i).tokens() <= overlap;
            i--) {
          carry.add(0, current.get(i));
          carried += current.get(i).tokens();
        }
        if (carried + p.tokens() > budget) {
          carry.clear();
          carried = 0;
        }
        current = carry;
        used = carried;
      }
      current.add(p);
      used += p.tokens();
    }
    if (!current.isEmpty()) {
      chunks.add(join(current));
    }
    return chunks;
  }

  /** The text embedded for a chunk of a document: its title, if any, in front. */
  public static String withTitle(String title, String chunk) {
    return title == null || title.isBlank() ? chunk : title + " " + chunk;
  }

  private boolean surelyFits(String text) {
    return surelyWithin(text, budget);
  }

  /**
   * True when a text surely has at most {@code tokens} tokens, without running the tokenizer: every
   * tokenizer in use (WordPiece, byte-level BPE, SentencePiece) makes at most one token per ASCII
   * character, plus one word marker, so an ASCII text of at most half that many characters fits
   * with room for any normalizer that expands it. Short texts are the common case, and counting was
   * a tokenizer pass per text on top of the embedder's own.
   */
  private static boolean surelyWithin(String text, int tokens) {
    if (2 * text.length() > tokens) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) > 0x7f) {
        return false;
      }
    }
    return true;
  }

  private void sentences(String paragraph, List<Piece> out) {
    BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
    it.setText(paragraph);
    for (int start = it.first(), end = it.next();
        end != BreakIterator.DONE;
        start = end, end = it.next()) {
      String sentence = paragraph.substring(start, end).strip();
      if (sentence.isEmpty()) {
        continue;
      }
      int n = tokens.countTokens(sentence);
      if (n <= budget) {
        out.add(new Piece(sentence, n));
      } else {
        words(sentence, out);
      }
    }
  }

  /** Cuts an over-long sentence between words. */
  private void words(String sentence, List<Piece> out) {
    StringBuilder part = new StringBuilder();
    int used = 0;
    for (String word : sentence.split("\\s+")) {
      int n = Math.max(1, tokens.countTokens(word));
      if (used + n > budget && part.length() > 0) {
        out.add(new Piece(part.toString(), used));
        part.setLength(0);
        used = 0;
      }
      if (part.length() > 0) {
        part.append(' ');
      }
      part.append(word);
      used += n;
    }
    if (part.length() > 0) {
      out.add(new Piece(part.toString(), used));
    }
  }

  private static String join(List<Piece> pieces) {
    StringBuilder sb = new StringBuilder();
    for (Piece p : pieces) {
      if (sb.length() > 0) {
        sb.append(' ');
      }
      sb.append(p.text());
    }
    return sb.toString();
  }
}
