package dev.quarry.engine.embed.remote;

import dev.quarry.core.TokenCounter;

/**
 * Counts tokens without the remote model's tokenizer, which Quarry does not have: every run of up
 * to four letters, every run of up to three digits and every other visible character (an ideograph
 * included) is a token. English averages about 4.5 characters a word piece under WordPiece and BPE
 * vocabularies, so this overestimates, and chunks cut by it stay within the model's limit.
 */
final class TokenEstimate implements TokenCounter {
  @Override
  public int countTokens(String text) {
    int tokens = 0;
    int run = 0;
    int runKind = 0; // 1 letters, 2 digits
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      if (Character.isIdeographic(cp)) {
        tokens++; // Chinese and Japanese characters are about one token each
        run = 0;
        runKind = 0;
        continue;
      }
      int kind = Character.isLetter(cp) ? 1 : Character.isDigit(cp) ? 2 : 0;
      if (kind == 0) {
        run = 0;
        runKind = 0;
        if (!Character.isWhitespace(cp)) {
          tokens++;
        }
        continue;
      }
      int width = kind == 1 ? 4 : 3;
      if (kind != runKind || run == width) {
        tokens++;
        run = 0;
        runKind = kind;
      }
      run++;
    }
    return tokens;
  }
}
