package dev.quarry.server;

import dev.quarry.engine.QuarryConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A running server with what it serves: the collections, the models and the HTTP server, opened in
 * that order and closed in reverse (the server first, so that no request outlives its collection).
 */
record Serving(Collections collections, Models models, QuarryServer server)
    implements AutoCloseable {

  /** Opens (or creates) the collections in {@code dirs} and starts serving them. */
  static Serving start(List<Path> dirs, QuarryConfig config, ServerOptions options) {
    Collections collections = Collections.open(dirs, config);
    Models models = new Models(collections);
    try {
      return new Serving(collections, models, QuarryServer.start(collections, models, options));
    } catch (RuntimeException e) {
      try {
        models.close();
      } finally {
        collections.close();
      }
      throw e;
    }
  }

  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      try {
        models.close();
      } finally {
        collections.close();
      }
    }
  }
}
