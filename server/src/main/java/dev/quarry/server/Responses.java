package dev.quarry.server;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import io.javalin.http.Context;

/** Writes JSON answers (nulls kept, as {@code quarry search --json} writes them). */
final class Responses {
  private static final Gson GSON =
      new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

  private Responses() {}

  static void json(Context ctx, int status, JsonElement body) {
    ctx.status(status).contentType("application/json").result(toJson(body));
  }

  static String toJson(JsonElement body) {
    return GSON.toJson(body);
  }

  static void error(Context ctx, ApiError e) {
    json(ctx, e.status(), e.toJson());
  }
}
