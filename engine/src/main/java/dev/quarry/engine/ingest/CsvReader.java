package dev.quarry.engine.ingest;

import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV or TSV with a header row; every column not mapped to id/title/text becomes metadata, typed as
 * declared ({@code --types}) or as inferred from all of the column's values in a first pass over
 * the file ({@link ValueType.Inference}). The date column is always a date.
 */
public final class CsvReader implements RecordReader {
  private final String name;
  private final Supplier<InputStream> open;
  private final FieldMapping mapping;
  private final char delimiter;
  private final int maxBytes;
  private final DateCoverage dates;
  private final List<String> notes = new ArrayList<>();

  public CsvReader(
      String name, Supplier<InputStream> open, FieldMapping mapping, char delimiter, int maxBytes) {
    ValueType dateType = mapping.types().get(mapping.date());
    if (dateType != null && dateType != ValueType.DATE) {
      throw QuarryException.invalid(
          "--types declares the date column '"
              + mapping.date()
              + "' as "
              + dateType.id()
              + "; the date field is always a date");
    }
    this.name = name;
    this.open = open;
    this.mapping = mapping;
    this.delimiter = delimiter;
    this.maxBytes = maxBytes;
    this.dates = new DateCoverage(name, mapping.date());
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> notes() {
    List<String> all = new ArrayList<>(notes);
    all.addAll(dates.notes());
    return all;
  }

  @Override
  public void read(Predicate<SourceRecord> sink) {
    try {
      Map<String, ValueType> types = columnTypes();
      parse(
          row -> {
            String location = name + ":" + (row.getRecordNumber() + 1);
            return sink.test(toRecord(location, row, types));
          });
    } catch (UncheckedIOException
        | IOException
        | IllegalStateException
        | IllegalArgumentException e) { // the last: a header with an empty or repeated name
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

  /** Parses the file, handing rows to {@code rows} until it says stop; returns the header. */
  private List<String> parse(Predicate<CSVRecord> rows) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setDelimiter(delimiter)
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreEmptyLines(true)
            .get();
    try (InputStream in = open.get();
        Reader reader = new InputStreamReader(in, Utf8.strictDecoder());
        CSVParser parser = CSVParser.parse(reader, format)) {
      for (CSVRecord row : parser) {
        if (!rows.test(row)) {
          break;
        }
      }
      return parser.getHeaderNames();
    }
  }

  /**
   * Each metadata column's type: declared, else inferred in a first pass (only when some column is
   * not declared). Says what it inferred in the notes.
   */
  private Map<String, ValueType> columnTypes() throws IOException {
    Map<String, ValueType.Inference> inferred = new LinkedHashMap<>();
    List<String> header =
        parse(
            row -> {
              row.toMap()
                  .forEach(
                      (column, raw) -> {
                        if (isMetadata(column) && !mapping.types().containsKey(column)) {
                          inferred.computeIfAbsent(column, c -> new ValueType.Inference()).add(raw);
                        }
                      });
              return true;
            });
    Map<String, ValueType> types = new LinkedHashMap<>(mapping.types());
    types.put(mapping.date(), ValueType.DATE);
    List<String> said = new ArrayList<>();
    inferred.forEach(
        (column, inference) -> {
          ValueType t = inference.result();
          if (t != null) {
            types.put(column, t);
            String why = inference.why();
            said.add(column + "=" + t.id() + (why == null ? "" : " (" + why + ")"));
          }
        });
    if (!said.isEmpty()) {
      notes.add(
          name + ": column types inferred: " + String.join(", ", said) + " (declare with --types)");
    }
    List<String> absent =
        mapping.types().keySet().stream().filter(c -> !header.contains(c)).toList();
    if (!absent.isEmpty()) {
      notes.add(name + ": --types names columns this file does not have: " + absent);
    }
    return types;
  }

  private boolean isMetadata(String column) {
    return !column.equals(mapping.id())
        && !column.equals(mapping.text())
        && !column.equals(mapping.title())
        && !column.equals(mapping.date());
  }

  private SourceRecord toRecord(String location, CSVRecord row, Map<String, ValueType> types) {
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
      String raw = e.getValue();
      if (raw == null || raw.isEmpty() || !(isMetadata(key) || key.equals(mapping.date()))) {
        continue;
      }
      ValueType type = types.getOrDefault(key, ValueType.KEYWORD);
      Object value = type.parse(raw);
      if (value == null) {
        return SourceRecord.rejected(location, mismatch(id, key, type, raw));
      }
      metadata.put(key.equals(mapping.date()) ? "date" : key, value);
    }
    mapping.keepListed(metadata);
    String date = values.get(mapping.date());
    dates.count(date != null && !date.isEmpty());
    return SourceRecord.ok(
        location, new TextDocument(id, values.get(mapping.title()), text, metadata));
  }

  private String mismatch(String id, String column, ValueType type, String raw) {
    String what = "document '" + id + "': column '" + column + "' ";
    if (mapping.types().containsKey(column)) {
      return what + "is declared " + type.id() + " (--types), but holds '" + raw + "'";
    }
    return type == ValueType.DATE
        ? what + "is not an ISO date: " + raw
        : what + "was inferred as " + type.id() + ", but holds '" + raw + "'";
  }
}
