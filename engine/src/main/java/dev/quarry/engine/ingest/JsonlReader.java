package dev.quarry.engine.ingest;

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
  private final DateCoverage dates;

  public JsonlReader(String name, Supplier<InputStream> open, FieldMapping mapping, int maxBytes) {
    this.name = name;
    this.open = open;
    this.mapping = mapping;
    this.maxBytes = maxBytes;
    this.dates = new DateCoverage(name, mapping.date());
  }

  @Override
  public List<String> notes() {
    return java.util.stream.Stream.concat(
            dates.notes().stream(), mapping.typesUnused(name).stream())
        .toList();
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
    return record(location, root.getAsJsonObject());
  }

  /**
   * One JSON object as a document under this reader's field mapping (the server's upsert bodies
   * take the same shape as a JSON line).
   */
  public SourceRecord record(String location, JsonObject o) {
    Map<String, Object> fields = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : o.entrySet()) {
      // Scalars keep their JSON spelling for the id, text, title and date; typed for metadata.
      fields.put(e.getKey(), java(e.getValue()));
    }
    for (String raw :
        List.of(mapping.id(), "_id", mapping.text(), mapping.title(), mapping.date())) {
      if (o.get(raw) instanceof JsonPrimitive p) {
        fields.put(raw, p.getAsString());
      }
    }
    SourceRecord record = FieldRecords.of(location, fields, mapping);
    if (!record.rejected()) {
      dates.count(o.has(mapping.date()) && !o.get(mapping.date()).isJsonNull());
    }
    return record;
  }

  /** The JSON value as Java values for {@link Values#flatten}: maps, lists and scalars. */
  private static Object java(JsonElement v) {
    if (v == null || v.isJsonNull()) {
      return null;
    }
    if (v.isJsonObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      v.getAsJsonObject().entrySet().forEach(e -> map.put(e.getKey(), java(e.getValue())));
      return map;
    }
    if (v.isJsonArray()) {
      List<Object> list = new ArrayList<>();
      v.getAsJsonArray().forEach(item -> list.add(java(item)));
      return list;
    }
    JsonPrimitive p = v.getAsJsonPrimitive();
    if (p.isBoolean()) {
      return p.getAsBoolean();
    }
    if (p.isNumber()) {
      Object n = Values.number(p.getAsString());
      return n != null ? n : p.getAsString();
    }
    return p.getAsString();
  }
}
