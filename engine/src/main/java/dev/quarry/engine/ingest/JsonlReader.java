package dev.quarry.engine.ingest;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import dev.quarry.core.ErrorText;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * JSON lines, one document per line ({@code .jsonl}, {@code .jsonl.gz}, stdin). Lines are decoded
 * as strict UTF-8 one at a time, and a line longer than the size limit is skipped without being
 * buffered, so one bad line costs one rejection.
 */
public final class JsonlReader implements RecordReader {
  private final String name;
  private final Supplier<InputStream> open;
  private final FieldMapping mapping;
  private final int maxBytes;

  public JsonlReader(String name, Supplier<InputStream> open, FieldMapping mapping, int maxBytes) {
    this.name = name;
    this.open = open;
    this.mapping = mapping;
    this.maxBytes = maxBytes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void read(Predicate<SourceRecord> sink) {
    try (InputStream in = open.get()) {
      ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
      byte[] buf = new byte[65536];
      long lineNo = 1;
      boolean tooLong = false;
      long lineBytes = 0;
      int n;
      while ((n = in.read(buf)) > 0) {
        for (int i = 0; i < n; i++) {
          byte b = buf[i];
          if (b == '\n') {
            if (!emit(sink, lineNo, line, tooLong, lineBytes)) {
              return;
            }
            line.reset();
            tooLong = false;
            lineBytes = 0;
            lineNo++;
          } else {
            lineBytes++;
            if (lineBytes > maxBytes) {
              tooLong = true;
              line.reset();
            } else {
              line.write(b);
            }
          }
        }
      }
      if (lineBytes > 0) {
        emit(sink, lineNo, line, tooLong, lineBytes);
      }
    } catch (IOException | java.io.UncheckedIOException e) {
      sink.test(
          SourceRecord.rejected(
              name,
              "cannot read: " + ErrorText.describe(e) + "; the rest of this input is skipped"));
    }
  }

  private boolean emit(
      Predicate<SourceRecord> sink,
      long lineNo,
      ByteArrayOutputStream bytes,
      boolean tooLong,
      long size) {
    String location = name + ":" + lineNo;
    if (tooLong) {
      return sink.test(
          SourceRecord.rejected(
              location,
              String.format(
                  "record is %.1f MB, over the %.1f MB limit (--max-document-mb)",
                  size / 1e6, maxBytes / 1e6)));
    }
    String text;
    try {
      text = Utf8.decode(bytes.toByteArray());
    } catch (CharacterCodingException e) {
      return sink.test(SourceRecord.rejected(location, "not valid UTF-8"));
    }
    if (text.isBlank()) {
      return true; // blank lines separate nothing in JSON lines; skip them quietly
    }
    return sink.test(parse(location, text));
  }

  SourceRecord parse(String location, String line) {
    JsonElement root;
    try {
      root = JsonParser.parseString(line);
    } catch (JsonParseException e) {
      return SourceRecord.rejected(location, "malformed JSON: " + ErrorText.describe(e));
    }
    if (!root.isJsonObject()) {
      return SourceRecord.rejected(location, "expected a JSON object per line");
    }
    JsonObject o = root.getAsJsonObject();
    String id = scalar(o.get(mapping.id()));
    if (id == null && mapping.id().equals("id")) {
      id = scalar(o.get("_id")); // BEIR's name for it
    }
    if (id == null || id.isBlank()) {
      return SourceRecord.rejected(location, "missing id (field '" + mapping.id() + "')");
    }
    String text = scalar(o.get(mapping.text()));
    if (text == null || text.isBlank()) {
      return SourceRecord.rejected(
          location, "document '" + id + "' has no text (field '" + mapping.text() + "')");
    }
    String title = scalar(o.get(mapping.title()));
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      String key = e.getKey();
      if (key.equals(mapping.id())
          || key.equals("_id")
          || key.equals(mapping.text())
          || key.equals(mapping.title())) {
        continue;
      }
      if (key.equals(mapping.date())) {
        String raw = scalar(e.getValue());
        Object date = raw == null ? null : Values.date(raw);
        if (date == null) {
          return SourceRecord.rejected(
              location,
              "document '" + id + "': field '" + key + "' is not an ISO date: " + e.getValue());
        }
        metadata.put("date", date);
        continue;
      }
      flatten(key, e.getValue(), metadata);
    }
    if (!mapping.metadata().isEmpty()) {
      metadata.keySet().retainAll(new java.util.HashSet<>(withDate(mapping.metadata())));
    }
    return SourceRecord.ok(location, new TextDocument(id, title, text, metadata));
  }

  private static List<String> withDate(List<String> keep) {
    List<String> out = new ArrayList<>(keep);
    out.add("date");
    return out;
  }

  /** Scalars and lists of scalars become metadata; objects flatten to dotted names. */
  private static void flatten(String key, JsonElement v, Map<String, Object> out) {
    if (v == null || v.isJsonNull()) {
      return;
    }
    if (v.isJsonPrimitive()) {
      out.put(key, value(v.getAsJsonPrimitive()));
    } else if (v.isJsonObject()) {
      v.getAsJsonObject()
          .entrySet()
          .forEach(e -> flatten(key + "." + e.getKey(), e.getValue(), out));
    } else if (v.isJsonArray()) {
      JsonArray a = v.getAsJsonArray();
      List<Object> values = new ArrayList<>();
      for (JsonElement item : a) {
        if (item.isJsonPrimitive()) {
          values.add(value(item.getAsJsonPrimitive()));
        }
      }
      if (!values.isEmpty() && values.stream().map(Object::getClass).distinct().count() == 1) {
        out.put(key, values);
      }
    }
  }

  private static Object value(JsonPrimitive p) {
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isNumber()) {
      double d = p.getAsDouble();
      return d == Math.rint(d) && Math.abs(d) < 9e15 && !p.getAsString().contains(".")
          ? (Object) p.getAsLong()
          : (Object) d;
    }
    return p.getAsString();
  }

  private static String scalar(JsonElement e) {
    return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
  }
}
