package dev.quarry.engine.ingest;

import dev.quarry.core.QuarryException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPInputStream;

/**
 * Picks the reader for an input by its name: {@code -} (stdin, JSON lines), a folder, or a file
 * extension.
 */
public final class Readers {
  private Readers() {}

  public static RecordReader open(String input, String format, FieldMapping mapping, int maxBytes) {
    if (input.equals("-")) {
      return new JsonlReader("stdin", () -> System.in, mapping, maxBytes);
    }
    Path path = Path.of(input);
    if (!Files.exists(path)) {
      throw new QuarryException(QuarryException.Kind.NOT_FOUND, "no such file or folder: " + input);
    }
    if (Files.isDirectory(path)) {
      return new TextFileReader(path, mapping, maxBytes);
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    boolean gz = name.endsWith(".gz");
    String base = gz ? name.substring(0, name.length() - 3) : name;
    String kind =
        format != null
            ? format
            : base.endsWith(".jsonl") || base.endsWith(".ndjson") || base.endsWith(".json")
                ? "jsonl"
                : base.endsWith(".csv")
                    ? "csv"
                    : base.endsWith(".tsv")
                        ? "tsv"
                        : TextFileReader.isText(Path.of(base)) ? "text" : null;
    if (kind == null) {
      throw QuarryException.invalid(
          "cannot tell the format of "
              + input
              + ": use .jsonl[.gz], .csv, .tsv, .txt or .md, or pass --format jsonl|csv|tsv|text");
    }
    return switch (kind) {
      case "jsonl" -> new JsonlReader(input, () -> stream(path, gz), mapping, maxBytes);
      case "csv" -> new CsvReader(input, () -> stream(path, gz), mapping, ',', maxBytes);
      case "tsv" -> new CsvReader(input, () -> stream(path, gz), mapping, '\t', maxBytes);
      case "text" -> new TextFileReader(path, mapping, maxBytes);
      default ->
          throw QuarryException.invalid(
              "unknown format '" + kind + "': use jsonl, csv, tsv or text");
    };
  }

  private static InputStream stream(Path path, boolean gz) {
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
      return gz ? new GZIPInputStream(in, 1 << 16) : in;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
