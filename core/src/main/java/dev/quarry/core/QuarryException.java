package dev.quarry.core;

import java.util.Objects;

/**
 * The one unchecked exception Quarry throws. {@link #kind()} tells callers (and the CLI's exit
 * code) whether the caller did something wrong, a file is damaged, or the environment failed; the
 * message says what was wrong and, for user errors, how to fix it.
 */
public final class QuarryException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, coarse enough to act on. */
  public enum Kind {
    /** Bad argument, request, or configuration from the caller; fixable by the caller. */
    INVALID_ARGUMENT,
    /** Something the caller named does not exist (model, file, collection, document). */
    NOT_FOUND,
    /** A model or collection file is damaged or does not match what it claims to be. */
    CORRUPT,
    /** A file was written by an incompatible version or for another model. */
    INCOMPATIBLE,
    /** Another writer holds the collection. */
    LOCKED,
    /** Reading or writing files failed. */
    IO,
    /** The model runtime (ONNX Runtime, tokenizer) failed. */
    RUNTIME
  }

  private final Kind kind;

  public QuarryException(Kind kind, String message) {
    this(kind, message, null);
  }

  public QuarryException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }

  public static QuarryException invalid(String message) {
    return new QuarryException(Kind.INVALID_ARGUMENT, message);
  }
}
