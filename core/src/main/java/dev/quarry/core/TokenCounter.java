package dev.quarry.core;

/** Counts a text's tokens with a model's own tokenizer (no special tokens, no truncation). */
public interface TokenCounter {
  int countTokens(String text);
}
