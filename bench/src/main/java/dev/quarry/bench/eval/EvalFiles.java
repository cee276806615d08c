package dev.quarry.bench.eval;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.core.QuarryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Reads the gzipped JSONL and TSV files of the shared evaluation data. */
final class EvalFiles {
  private EvalFiles() {}

  /** A file of the shared data, or a NOT_FOUND error that says what --data should point at. */
  static Path require(Path data, String relative) {
    Path file = data.resolve(relative);
    if (!Files.isRegularFile(file)) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "no " + relative + " under " + data + ": pass --data pointing at ../shared/data");
    }
    return file;
  }

  /** One JSON object per non-blank line. */
  static List<JsonObject> jsonl(Path file) {
    List<JsonObject> rows = new ArrayList<>();
    for (String line : lines(file)) {
      if (!line.isBlank()) {
        rows.add(JsonParser.parseString(line).getAsJsonObject());
      }
    }
    return rows;
  }

  /** Tab-separated rows after the header line. */
  static List<String[]> tsv(Path file) {
    List<String> lines = lines(file);
    List<String[]> rows = new ArrayList<>(lines.size());
    for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
      if (!line.isBlank()) {
        rows.add(line.split("\t", -1));
      }
    }
    return rows;
  }

  private static List<String> lines(Path file) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8))) {
      return in.lines().toList();
    } catch (IOException e) {
      throw new QuarryException(QuarryException.Kind.IO, "cannot read " + file + ": " + e, e);
    }
  }
}
