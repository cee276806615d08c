package dev.quarry.server;

import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.quarry.core.QuarryException;

/**
 * An error answer. Every error the server sends has OpenAI's shape, {@code
 * {"error":{"message","type","param","code"}}} (docs/server.md), so that OpenAI clients parse ours
 * and the collection API needs no second shape.
 *
 * @param status HTTP status
 * @param type OpenAI's error family: {@code invalid_request_error}, {@code authentication_error},
 *     {@code not_found_error}, {@code server_error}
 * @param code a stable word for programs, e.g. {@code bad_json}, {@code unknown_collection}
 * @param param the request field at fault, or null
 * @param message one line for people: what was wrong and how to fix it
 */
record ApiError(int status, String type, String code, String param, String message) {

  static ApiError badRequest(String code, String param, String message) {
    return new ApiError(400, "invalid_request_error", code, param, message);
  }

  static ApiError notFound(String code, String message) {
    return new ApiError(404, "not_found_error", code, null, message);
  }

  /** The answer for an engine failure: the caller's fault is 4xx, the rest 5xx. */
  static ApiError of(QuarryException e) {
    return switch (e.kind()) {
      case INVALID_ARGUMENT -> badRequest("invalid_request", null, e.getMessage());
      case NOT_FOUND -> notFound("not_found", e.getMessage());
      case LOCKED -> new ApiError(409, "conflict_error", "locked", null, e.getMessage());
      case CORRUPT, INCOMPATIBLE, IO, RUNTIME ->
          new ApiError(
              500,
              "server_error",
              e.kind().name().toLowerCase(java.util.Locale.ROOT),
              null,
              e.getMessage());
    };
  }

  /** The answer for a status the HTTP layer chose itself (no route, wrong method, too large). */
  static ApiError ofStatus(int status, String detail) {
    String message = detail == null || detail.isBlank() ? "HTTP " + status : detail;
    return switch (status) {
      case 404 ->
          notFound("no_such_endpoint", message + "; see GET /openapi.json for the endpoints");
      case 405 -> new ApiError(405, "invalid_request_error", "method_not_allowed", null, message);
      case 413 ->
          new ApiError(
              413,
              "invalid_request_error",
              "body_too_large",
              null,
              "the request body is too large");
      default ->
          new ApiError(
              status,
              status < 500 ? "invalid_request_error" : "server_error",
              "http_" + status,
              null,
              message);
    };
  }

  /** The exception that carries this error out of a handler. */
  ApiException toException() {
    return new ApiException(this);
  }

  JsonObject toJson() {
    JsonObject error = new JsonObject();
    error.addProperty("message", message);
    error.addProperty("type", type);
    error.add("param", param == null ? JsonNull.INSTANCE : new JsonPrimitive(param));
    error.addProperty("code", code);
    JsonObject o = new JsonObject();
    o.add("error", error);
    return o;
  }

  /** Thrown by handlers; the server turns it into the error answer. */
  static final class ApiException extends RuntimeException {
    private final ApiError error;

    ApiException(ApiError error) {
      super(error.message(), null, false, false);
      this.error = error;
    }

    ApiError error() {
      return error;
    }
  }
}
