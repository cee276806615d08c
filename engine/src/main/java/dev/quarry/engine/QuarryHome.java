package dev.quarry.engine;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Quarry's home folder: extracted models, native library caches, the embedding cache and demo
 * collections. Resolved from {@code -Dquarry.home}, then {@code $QUARRY_HOME}, then {@code
 * ~/.quarry}.
 *
 * <p>{@link #prepareRuntime()} must run before any DJL class loads: it switches DJL to offline mode
 * (otherwise DJL calls a cloud metadata address) and moves DJL's native cache under this folder.
 */
public final class QuarryHome {
  private static volatile boolean prepared;

  private QuarryHome() {}

  /** The home folder (not created). */
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

  /** A sub-folder of the home, created if missing. */
  public static Path dir(String name) {
    Path dir = path().resolve(name);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO,
          "cannot create "
              + dir
              + ": "
              + e.getMessage()
              + " (set QUARRY_HOME or -Dquarry.home to a writable folder)",
          e);
    }
  }

  /** Configures the native runtimes for offline, self-contained use. Idempotent. */
  public static synchronized void prepareRuntime() {
    if (prepared) {
      return;
    }
    // Never let DJL reach the network (telemetry or model zoo); users' servers are often offline.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", dir("djl").toString());
    }
    prepared = true;
  }
}
