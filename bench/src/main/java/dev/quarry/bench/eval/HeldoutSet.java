package dev.quarry.bench.eval;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.core.QuarryException;
import dev.quarry.index.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The frozen held-out set of data/heldout (its README describes it): our own documents and labelled
 * queries, never looked at by rule work.
 */
record HeldoutSet(List<HeldoutSet.Doc> docs, List<HeldoutSet.Query> queries) {
  /** A document; {@code date} is null when it is undated. */
  record Doc(String id, String title, String text, LocalDate date) {}

  /**
   * A labelled query. {@code excluded} is empty unless it is an exclusion; {@code expectedFirst} is
   * null unless it has a recency intent.
   */
  record Query(
      String id,
      String text,
      String domain,
      String kind,
      boolean recencyIntent,
      boolean exclusion,
      Set<String> relevant,
      Set<String> excluded,
      String expectedFirst) {
    boolean ordinary() {
      return kind.equals("ordinary");
    }
  }

  static HeldoutSet read(Path dir) {
    List<Doc> docs = new ArrayList<>();
    for (JsonObject o : lines(dir.resolve("corpus.jsonl"))) {
      docs.add(
          new Doc(
              o.get("id").getAsString(),
              o.get("title").getAsString(),
              o.get("text").getAsString(),
              o.has("date") ? LocalDate.parse(o.get("date").getAsString()) : null));
    }
    List<Query> queries = new ArrayList<>();
    for (JsonObject o : lines(dir.resolve("queries.jsonl"))) {
      queries.add(
          new Query(
              o.get("id").getAsString(),
              o.get("text").getAsString(),
              o.get("domain").getAsString(),
              o.get("kind").getAsString(),
              o.get("recency_intent").getAsBoolean(),
              o.get("exclusion").getAsBoolean(),
              ids(o.getAsJsonArray("relevant_ids")),
              o.has("excluded_ids") ? ids(o.getAsJsonArray("excluded_ids")) : Set.of(),
              o.has("expected_first") ? o.get("expected_first").getAsString() : null));
    }
    return new HeldoutSet(List.copyOf(docs), List.copyOf(queries));
  }

  /** The text each document is embedded from. */
  List<String> passages() {
    return docs.stream().map(d -> d.title() + "\n" + d.text()).toList();
  }

  /** The documents to index, with their vectors (in the order of {@link #passages()}). */
  List<Document> documents(List<float[]> vectors) {
    List<Document> out = new ArrayList<>(docs.size());
    for (int i = 0; i < docs.size(); i++) {
      Doc d = docs.get(i);
      Document.Builder b = Document.builder(d.id()).title(d.title()).text(d.text());
      if (d.date() != null) {
        b.meta("date", d.date());
      }
      out.add(b.vector(vectors.get(i)).build());
    }
    return out;
  }

  Set<String> undated() {
    Set<String> ids = new LinkedHashSet<>();
    docs.stream().filter(d -> d.date() == null).forEach(d -> ids.add(d.id()));
    return ids;
  }

  private static Set<String> ids(JsonArray a) {
    Set<String> ids = new LinkedHashSet<>();
    a.forEach(e -> ids.add(e.getAsString()));
    return ids;
  }

  /** One JSON object per non-blank line of a plain (not compressed) file. */
  static List<JsonObject> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "no "
              + file
              + ": run from the repository root or pass --heldout pointing at data/heldout");
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank())
          .map(l -> JsonParser.parseString(l).getAsJsonObject())
          .toList();
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
  }
}
