package dev.quarry.core;

import java.nio.file.Path;

/**
 * Where Quarry keeps what it extracts and caches (models, native libraries, the embedding cache):
 * {@code -Dquarry.home}, then {@code $QUARRY_HOME}, then {@code ~/.quarry}. Not created here.
 */
public final class HomeFolder {
  private HomeFolder() {}

  public static Path path() {
    String prop = System.getProperty("quarry.home");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop).toAbsolutePath();
    }
    String env = System.getenv("QUARRY_HOME");
    if (env != null && !env.isBlank()) {
      return Path.of(env).toAbsolutePath();
    }
    return Path.of(System.getProperty("user.home"), ".quarry");
  }
}
