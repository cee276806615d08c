package dev.quarry.server;

import dev.quarry.core.QuarryException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How a server listens and whom it lets in.
 *
 * @param host the address to bind; anything but a loopback address needs {@code apiKey}
 * @param port the port (0 = any free one)
 * @param apiKey the bearer token every API request must carry, or null (loopback only)
 * @param corsOrigin the one origin browsers may call from, or null (CORS off)
 * @param maxBodyBytes the largest request body (413 beyond), and the largest NDJSON line
 */
record ServerOptions(String host, int port, String apiKey, String corsOrigin, int maxBodyBytes) {
  static final String LOOPBACK = "127.0.0.1";
  static final int DEFAULT_PORT = 7700;
  static final int DEFAULT_MAX_BODY = 16 << 20;

  public ServerOptions {
    if (port < 0 || port > 65_535) {
      throw QuarryException.invalid("--port must be 0..65535, got " + port);
    }
    if (maxBodyBytes < 1024) {
      throw QuarryException.invalid("the body limit must be at least 1 KB");
    }
    if (apiKey != null && apiKey.isBlank()) {
      throw QuarryException.invalid(
          "the API key is empty: put a secret in QUARRY_API_KEY or the key file");
    }
    if (apiKey == null && !isLoopback(host)) {
      throw QuarryException.invalid(
          "binding "
              + host
              + " exposes the server beyond this machine: set an API key (QUARRY_API_KEY or"
              + " --api-key-file), or bind 127.0.0.1");
    }
  }

  /** Loopback only, no key, no CORS: the defaults of {@code quarry serve}. */
  static ServerOptions local(int port) {
    return new ServerOptions(LOOPBACK, port, null, null, DEFAULT_MAX_BODY);
  }

  ServerOptions withApiKey(String key) {
    return new ServerOptions(host, port, key, corsOrigin, maxBodyBytes);
  }

  ServerOptions withMaxBodyBytes(int value) {
    return new ServerOptions(host, port, apiKey, corsOrigin, value);
  }

  /** Whether {@code host} names this machine's loopback interface only (resolved, not guessed). */
  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw QuarryException.invalid("--host " + host + ": unknown host");
    }
  }
}
