package dev.quarry.server;

import java.nio.file.Files;
import java.nio.file.Path;

/** Repository files from a module's working directory. */
final class Repo {
  private Repo() {}

  static Path file(String relative) {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve(relative))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          relative + " not found above " + Path.of("").toAbsolutePath());
    }
    return p.resolve(relative);
  }
}
