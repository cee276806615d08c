package dev.quarry.engine.cli;

import dev.quarry.core.QuarryException;

/** The CLI's exit codes; docs/cli.md has the same table. */
final class ExitCodes {
  /** Success (also when records were rejected without --strict: see the summary). */
  static final int OK = 0;

  /**
   * Any failure that is not the caller's: I/O, a damaged file, the model runtime, verify found
   * problems.
   */
  static final int FAILURE = 1;

  /**
   * Usage: a bad option, argument, filter or input record (--strict), or a name that does not
   * exist.
   */
  static final int USAGE = 2;

  /** {@code get}: some of the ids are not stored (the others are printed). */
  static final int NOT_FOUND = 3;

  /** Another process writes the collection. */
  static final int LOCKED = 4;

  /** Stopped by Ctrl-C (130) or SIGTERM (143), after committing and printing the summary. */
  static final int INTERRUPTED = 130;

  private ExitCodes() {}

  /** The code for a failure of this kind. */
  static int of(QuarryException.Kind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT, NOT_FOUND -> USAGE;
      case LOCKED -> LOCKED;
      case CORRUPT, INCOMPATIBLE, IO, RUNTIME -> FAILURE;
    };
  }
}
