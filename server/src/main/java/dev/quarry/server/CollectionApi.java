package dev.quarry.server;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.cli.FilterFields;
import dev.quarry.engine.cli.Json;
import dev.quarry.engine.ingest.FieldMapping;
import dev.quarry.engine.ingest.IngestPipeline;
import dev.quarry.engine.ingest.IngestReport;
import dev.quarry.engine.ingest.JsonlReader;
import dev.quarry.engine.ingest.Progress;
import dev.quarry.engine.ingest.RecordReader;
import dev.quarry.engine.ingest.SourceRecord;
import dev.quarry.engine.ingest.TextDocument;
import dev.quarry.index.CollectionStats;
import dev.quarry.index.VerifyReport;
import dev.quarry.query.SearchRequest;
import dev.quarry.query.filter.Filter;
import dev.quarry.query.filter.FilterParser;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The collection API (docs/server.md): list, stats, upsert (one, a batch, or an NDJSON stream),
 * get, delete by ids or by filter, search, verify.
 *
 * <p>Durability: an upsert goes through the engine's ingestion pipeline, which commits (fsyncs the
 * store's log and commits the index) before it returns, and a delete is committed before its
 * answer; so every acknowledged write survives kill -9 and power loss.
 */
final class CollectionApi {
  private static final Set<String> DELETE_FIELDS = Set.of("ids", "filter");
  private final Collections collections;
  private final int maxRecordBytes;

  CollectionApi(Collections collections, int maxRecordBytes) {
    this.collections = collections;
    this.maxRecordBytes = maxRecordBytes;
  }

  void register(RoutesConfig routes) {
    routes.get("/collections", this::list);
    routes.get(
        "/collections/{name}", ctx -> Responses.json(ctx, 200, stats(ctx.pathParam("name"))));
    routes.post("/collections/{name}/search", this::search);
    routes.post("/collections/{name}/documents", this::upsert);
    routes.post("/collections/{name}/documents/bulk", this::bulk);
    routes.get("/collections/{name}/documents/{id}", this::get);
    routes.delete("/collections/{name}/documents/{id}", this::deleteOne);
    routes.post("/collections/{name}/delete", this::delete);
    routes.get("/collections/{name}/verify", this::verify);
  }

  private void list(Context ctx) {
    JsonArray list = new JsonArray();
    collections.all().keySet().forEach(name -> list.add(stats(name)));
    JsonObject o = new JsonObject();
    o.add("collections", list);
    Responses.json(ctx, 200, o);
  }

  private JsonObject stats(String name) {
    Quarry q = collections.get(name);
    CollectionStats s = q.stats();
    JsonObject o = new JsonObject();
    o.addProperty("name", name);
    o.addProperty("documents", s.documents());
    o.addProperty("model", q.embedder().identity().name());
    o.addProperty("dimensions", q.embedder().identity().dimensions());
    o.addProperty("segments", s.segments());
    o.addProperty("deleted_ratio", s.deletedRatio());
    o.addProperty("search_memory_bytes", s.searchMemoryBytes());
    o.addProperty("store_bytes", s.storeBytes());
    o.addProperty("pending_writes", s.pendingWrites());
    JsonObject fields = new JsonObject();
    q.collection().fields().forEach((k, v) -> fields.addProperty(k, v.id()));
    o.add("fields", fields);
    return o;
  }

  private void search(Context ctx) {
    Quarry q = collections.get(ctx.pathParam("name"));
    SearchRequest request = SearchBody.parse(JsonBodies.object(ctx));
    if (request.filter() != null) {
      FilterFields.requireKnown(request.filter(), q.collection().fields());
    }
    Responses.json(ctx, 200, Json.searchResult(request, q.search(request)));
  }

  /**
   * One document (an object with "id") or {"documents": [...]}: every document is checked first and
   * a bad one refuses the whole request (400, nothing written).
   */
  private void upsert(Context ctx) {
    Quarry q = collections.get(ctx.pathParam("name"));
    JsonObject body = JsonBodies.object(ctx);
    List<JsonElement> items = new ArrayList<>();
    String where;
    if (body.has("documents")) {
      SearchBody.requireKnownFields(body, Set.of("documents"));
      JsonBodies.array(body, "documents").forEach(items::add);
      where = "documents";
    } else {
      items.add(body);
      where = null;
    }
    JsonlReader reader = new JsonlReader("request", null, FieldMapping.DEFAULT, maxRecordBytes);
    List<TextDocument> documents = new ArrayList<>(items.size());
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      String location = where == null ? "document" : where + "[" + i + "]";
      JsonElement item = items.get(i);
      if (!item.isJsonObject()) {
        problems.add(location + ": expected a JSON object");
        continue;
      }
      SourceRecord r = reader.record(location, item.getAsJsonObject());
      if (r.rejected()) {
        problems.add(r.location() + ": " + r.problem());
      } else {
        documents.add(r.document());
      }
    }
    if (!problems.isEmpty()) {
      throw ApiError.badRequest(
              "bad_document",
              where,
              problems.size()
                  + " bad document(s), nothing written: "
                  + String.join("; ", problems.subList(0, Math.min(5, problems.size()))))
          .toException();
    }
    if (documents.isEmpty()) {
      throw ApiError.badRequest("missing_field", "documents", "'documents' is empty").toException();
    }
    IngestReport report =
        q.ingest(
            List.of(RecordReader.of("request", documents)),
            Progress.none(),
            IngestPipeline.Options.DEFAULTS);
    Responses.json(ctx, 200, report(report));
  }

  /**
   * NDJSON, one document per line, read as it arrives (no whole-body limit; a line over the record
   * limit is rejected). Bad lines are reported and skipped, as {@code quarry index} does.
   */
  private void bulk(Context ctx) {
    Quarry q = collections.get(ctx.pathParam("name"));
    JsonlReader reader =
        new JsonlReader("body", ctx::bodyInputStream, FieldMapping.DEFAULT, maxRecordBytes);
    IngestReport report =
        q.ingest(List.of(reader), Progress.none(), IngestPipeline.Options.DEFAULTS);
    Responses.json(ctx, 200, report(report));
  }

  private static JsonObject report(IngestReport r) {
    JsonObject o = new JsonObject();
    o.addProperty("documents", r.documents());
    o.addProperty("written", r.written());
    o.addProperty("skipped", r.skipped());
    o.addProperty("chunks", r.chunks());
    o.addProperty("embedded", r.embedded());
    o.addProperty("cached", r.cached());
    o.addProperty("truncated", r.truncated());
    JsonArray rejected = new JsonArray();
    r.rejected().forEach(rejected::add);
    o.add("rejected", rejected);
    JsonArray warnings = new JsonArray();
    r.warnings().forEach(warnings::add);
    o.add("warnings", warnings);
    return o;
  }

  private void get(Context ctx) {
    Quarry q = collections.get(ctx.pathParam("name"));
    String id = ctx.pathParam("id");
    JsonObject doc = q.get(id).map(Json::document).orElseThrow(() -> unknownDocument(id));
    Responses.json(ctx, 200, doc);
  }

  /** Deletes one document (and its chunks); 404 when there is none, as GET answers. */
  private void deleteOne(Context ctx) {
    Quarry q = collections.get(ctx.pathParam("name"));
    String id = ctx.pathParam("id");
    int n = q.delete(List.of(id));
    if (n == 0) {
      throw unknownDocument(id);
    }
    Responses.json(ctx, 200, deleted(q, n));
  }

  private static ApiError.ApiException unknownDocument(String id) {
    return ApiError.notFound("unknown_document", "no document '" + id + "' in this collection")
        .toException();
  }

  /** {"ids": [...]} or {"filter": "EXPR"} (the filter syntax of search); one of the two. */
  private void delete(Context ctx) {
    Quarry q = collections.get(ctx.pathParam("name"));
    JsonObject body = JsonBodies.object(ctx);
    SearchBody.requireKnownFields(body, DELETE_FIELDS);
    if (body.has("ids") == body.has("filter")) {
      throw ApiError.badRequest(
              "bad_delete", null, "send either 'ids' or 'filter', not both or neither")
          .toException();
    }
    int n;
    if (body.has("ids")) {
      Set<String> ids = new LinkedHashSet<>();
      for (JsonElement e : JsonBodies.array(body, "ids")) {
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
          throw JsonBodies.wrongType("ids", "an array of strings", e);
        }
        ids.add(e.getAsString());
      }
      if (ids.isEmpty()) {
        throw ApiError.badRequest(
                "bad_value", "ids", "'ids' is empty: name the documents to delete")
            .toException();
      }
      n = q.delete(ids);
    } else {
      Filter filter = FilterParser.parse(JsonBodies.string(body, "filter", null));
      FilterFields.requireKnown(filter, q.collection().fields());
      n = q.delete(filter);
    }
    Responses.json(ctx, 200, deleted(q, n));
  }

  private static JsonObject deleted(Quarry q, int n) {
    if (n > 0) {
      q.commit();
    }
    JsonObject o = new JsonObject();
    o.addProperty("deleted", n);
    return o;
  }

  private void verify(Context ctx) {
    VerifyReport r = collections.get(ctx.pathParam("name")).verify();
    JsonObject o = new JsonObject();
    o.addProperty("ok", r.ok());
    o.addProperty("store_documents", r.storeDocuments());
    o.addProperty("index_documents", r.indexDocuments());
    JsonArray problems = new JsonArray();
    r.problems().forEach(problems::add);
    o.add("problems", problems);
    Responses.json(ctx, r.ok() ? 200 : 500, o);
  }
}
