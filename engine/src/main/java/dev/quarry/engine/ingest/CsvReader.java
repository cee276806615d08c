package dev.quarry.engine.ingest;

import dev.quarry.core.ErrorText;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** CSV or TSV with a header row; every column not mapped to id/title/text becomes metadata. */
public final class CsvReader implements RecordReader {
  private final String name;
  private final Supplier<InputStream> open;
  private final FieldMapping mapping;
  private final char delimiter;
  private final int maxBytes;

  public CsvReader(
      String name, Supplier<InputStream> open, FieldMapping mapping, char delimiter, int maxBytes) {
    this.name = name;
    this.open = open;
    this.mapping = mapping;
    this.delimiter = delimiter;
    this.maxBytes = maxBytes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void read(Predicate<SourceRecord> sink) {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();
    var decoder = Utf8.strictDecoder();
    try (InputStream in = open.get();
        Reader reader = new InputStreamReader(in, decoder);
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord row : parser) {
        String location = name + ":" + (row.getRecordNumber() + 1);
        if (!sink.test(toRecord(location, row))) {
          return;
        }
      }
    } catch (UncheckedIOException | IOException | IllegalStateException e) {
      String msg = ErrorText.describe(e);
      sink.test(
          SourceRecord.rejected(
              name,
              (msg.contains("Input length") || msg.contains("Malformed")
                      ? "not valid UTF-8: "
                      : "cannot parse: ")
                  + msg
                  + "; the rest of this file is skipped"));
    }
  }

  private SourceRecord toRecord(String location, CSVRecord row) {
    Map<String, String> values = row.toMap();
    String id = values.get(mapping.id());
    if (id == null || id.isBlank()) {
      return SourceRecord.rejected(location, "missing id (column '" + mapping.id() + "')");
    }
    String text = values.get(mapping.text());
    if (text == null || text.isBlank()) {
      return SourceRecord.rejected(
          location, "document '" + id + "' has no text (column '" + mapping.text() + "')");
    }
    if (text.length() > maxBytes) {
      return SourceRecord.rejected(location, "document '" + id + "' is over the size limit");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : values.entrySet()) {
      String key = e.getKey();
      if (key.equals(mapping.id())
          || key.equals(mapping.text())
          || key.equals(mapping.title())
          || e.getValue() == null
          || e.getValue().isEmpty()) {
        continue;
      }
      if (!mapping.metadata().isEmpty()
          && !mapping.metadata().contains(key)
          && !key.equals(mapping.date())) {
        continue;
      }
      if (key.equals(mapping.date())) {
        Object date = Values.date(e.getValue());
        if (date == null) {
          return SourceRecord.rejected(
              location,
              "document '" + id + "': column '" + key + "' is not an ISO date: " + e.getValue());
        }
        metadata.put("date", date);
      } else {
        metadata.put(key, e.getValue());
      }
    }
    return SourceRecord.ok(
        location, new TextDocument(id, values.get(mapping.title()), text, metadata));
  }
}
