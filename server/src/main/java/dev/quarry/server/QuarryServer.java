package dev.quarry.server;

import dev.quarry.core.QuarryException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server of {@code quarry serve}: the collection API, {@code /v1/embeddings}, the OpenAPI
 * document and the web page, on Javalin (Jetty) with a virtual thread per request (decision 0060).
 * Owns neither the collections nor the models: the caller closes them after {@link #stop()}.
 */
final class QuarryServer {
  private static final Logger LOG = LoggerFactory.getLogger(QuarryServer.class);
  private final Javalin app;

  private QuarryServer(Javalin app) {
    this.app = app;
  }

  /** Starts serving {@code collections}; returns once the port is bound. */
  static QuarryServer start(Collections collections, Models models, ServerOptions options) {
    CollectionApi api = new CollectionApi(collections, options.maxBodyBytes());
    EmbeddingsApi embeddings = new EmbeddingsApi(models);
    Javalin app =
        Javalin.create(
            config -> {
              configure(config, options);
              config.routes.before(ctx -> guard(ctx, options));
              config.routes.get("/health", ctx -> Responses.json(ctx, 200, Health.of(collections)));
              config.routes.get("/openapi.json", OpenApi::serve);
              api.register(config.routes);
              embeddings.register(config.routes);
              new MapApi(collections).register(config.routes);
              errors(config);
            });
    try {
      app.start(options.host(), options.port());
    } catch (RuntimeException e) {
      throw new QuarryException(
          QuarryException.Kind.IO,
          "cannot listen on " + options.host() + ":" + options.port() + ": " + rootMessage(e),
          e);
    }
    LOG.info("serving on http://{}:{}/", options.host(), app.port());
    return new QuarryServer(app);
  }

  private static void configure(JavalinConfig config, ServerOptions options) {
    config.concurrency.useVirtualThreads = true;
    config.http.maxRequestSize = options.maxBodyBytes();
    config.http.prefer405over404 = true;
    config.startup.showJavalinBanner = false;
    config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
    config.staticFiles.add(
        files -> {
          files.hostedPath = "/";
          files.directory = "/web";
          files.location = Location.CLASSPATH;
        });
  }

  /**
   * Before every request: the body limit from Content-Length (so a huge upload is refused before it
   * is read), CORS, and the API key for everything but the page and health.
   */
  private static void guard(Context ctx, ServerOptions options) {
    if (options.corsOrigin() != null) {
      ctx.header("Access-Control-Allow-Origin", options.corsOrigin());
      ctx.header("Vary", "Origin");
      if (ctx.method().name().equals("OPTIONS")) {
        ctx.header("Access-Control-Allow-Methods", "GET, POST, DELETE, OPTIONS");
        ctx.header("Access-Control-Allow-Headers", "Authorization, Content-Type");
        ctx.header("Access-Control-Max-Age", "600");
        ctx.status(204);
        ctx.skipRemainingHandlers();
        return;
      }
    }
    long length = ctx.req().getContentLengthLong();
    if (length > options.maxBodyBytes() && !ctx.path().endsWith("/documents/bulk")) {
      throw tooLarge(options);
    }
    if (options.apiKey() != null && needsKey(ctx.path()) && !keyMatches(ctx, options.apiKey())) {
      ctx.header("WWW-Authenticate", "Bearer");
      throw new ApiError(
              401,
              "authentication_error",
              "invalid_api_key",
              null,
              "missing or wrong API key: send 'Authorization: Bearer KEY'")
          .toException();
    }
  }

  private static boolean needsKey(String path) {
    return path.startsWith("/collections") || path.startsWith("/v1/");
  }

  private static boolean keyMatches(Context ctx, String key) {
    String header = ctx.header("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Constant time: the comparison must not tell an attacker how much of the key was right.
    return MessageDigest.isEqual(
        header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
        key.getBytes(StandardCharsets.UTF_8));
  }

  private static ApiError.ApiException tooLarge(ServerOptions options) {
    return new ApiError(
            413,
            "invalid_request_error",
            "body_too_large",
            null,
            "the request body is over the "
                + options.maxBodyBytes()
                + "-byte limit (--max-body-mb); send less, or NDJSON to /documents/bulk")
        .toException();
  }

  private static void errors(JavalinConfig config) {
    config.routes.exception(
        ApiError.ApiException.class, (e, ctx) -> Responses.error(ctx, e.error()));
    config.routes.exception(
        QuarryException.class, (e, ctx) -> Responses.error(ctx, ApiError.of(e)));
    config.routes.exception(
        HttpResponseException.class,
        (e, ctx) -> Responses.error(ctx, ApiError.ofStatus(e.getStatus(), e.getMessage())));
    config.routes.exception(
        Exception.class,
        (e, ctx) -> {
          if (endedEarly(e)) {
            Responses.error(
                ctx,
                ApiError.badRequest(
                    "truncated_body", null, "the request body ended before its Content-Length"));
            return;
          }
          LOG.warn("{} {} failed", ctx.method(), ctx.path(), e);
          Responses.error(
              ctx,
              new ApiError(
                  500, "server_error", "internal", null, "internal error: " + rootMessage(e)));
        });
    // Javalin's own answers (no such route, wrong method, too large) get the same shape; an answer
    // a handler already wrote is left alone.
    for (int status : new int[] {404, 405, 413, 400}) {
      config.routes.error(
          status,
          ctx -> {
            if (ctx.result() == null
                || ctx.result().isEmpty()
                || !ctx.result().startsWith("{\"error\"")) {
              Responses.error(ctx, ApiError.ofStatus(status, ctx.result()));
            }
          });
    }
  }

  /** The client sent less body than it announced (Jetty's EofException somewhere in the chain). */
  private static boolean endedEarly(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof org.eclipse.jetty.io.EofException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** The port it listens on (useful with port 0). */
  int port() {
    return app.port();
  }

  /** Stops accepting requests and waits for those running. */
  void stop() {
    app.stop();
  }
}
