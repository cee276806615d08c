package dev.quarry.server;

import com.google.gson.JsonObject;

/** {@code GET /health}: up, and how many collections are served. */
final class Health {
  private Health() {}

  static JsonObject of(Collections collections) {
    JsonObject o = new JsonObject();
    o.addProperty("status", "ok");
    o.addProperty("collections", collections.all().size());
    return o;
  }
}
