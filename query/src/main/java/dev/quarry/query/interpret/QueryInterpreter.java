package dev.quarry.query.interpret;

/**
 * Turns query text into an {@link Interpretation}. {@link EnglishInterpreter} reads English;
 * another language, or a learned model, is another implementation, set per search with {@code
 * SearchRequest.Builder#interpreter}.
 */
public interface QueryInterpreter {
  /**
   * Reads {@code text} (never null; may be empty).
   *
   * @param exclusions whether to look for natural-language exclusions ("X but not Y")
   */
  Interpretation interpret(String text, boolean exclusions);
}
