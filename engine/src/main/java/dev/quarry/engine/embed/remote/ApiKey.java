package dev.quarry.engine.embed.remote;

import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The API key of an embedding endpoint, read from the environment only: it is never written to a
 * collection, a cache, a log or an error message (messages name the variable, not the value).
 *
 * @param variable the environment variable it came from, or the first one looked at when none is
 *     set
 * @param value the key, or empty (endpoints on the local machine often need none)
 */
record ApiKey(String variable, Optional<String> value) {
  /** Where the key is looked for, in order. */
  static final List<String> VARIABLES = List.of("QUARRY_EMBED_API_KEY", "OPENAI_API_KEY");

  static ApiKey fromEnvironment() {
    return from(System::getenv);
  }

  static ApiKey from(UnaryOperator<String> environment) {
    for (String variable : VARIABLES) {
      String v = environment.apply(variable);
      if (v != null && !v.isBlank()) {
        return new ApiKey(variable, Optional.of(v.strip()));
      }
    }
    return new ApiKey(VARIABLES.get(0), Optional.empty());
  }

  /** A record's default toString would print the key. */
  @Override
  public String toString() {
    return "ApiKey[" + variable + (value.isPresent() ? ", set]" : ", not set]");
  }
}
