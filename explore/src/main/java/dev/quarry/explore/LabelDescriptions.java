package dev.quarry.explore;

import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What zero-shot classification embeds for each label. */
public final class LabelDescriptions {
  private LabelDescriptions() {}

  /**
   * Reads a TSV file of {@code label<TAB>description} lines; blank lines and lines starting with
   * {@code #} are skipped.
   */
  public static Map<String, String> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND, "cannot read label descriptions " + file + ": " + e, e);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\t", 2);
      if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
        throw QuarryException.invalid(
            file + ":" + (n + 1) + ": expected 'label<TAB>description', got '" + line + "'");
      }
      out.put(parts[0].strip(), parts[1].strip());
    }
    if (out.isEmpty()) {
      throw QuarryException.invalid(file + " holds no 'label<TAB>description' line");
    }
    return out;
  }

  /** Each label described by its own words: {@code noun.animal} becomes "noun animal". */
  public static Map<String, String> fromNames(Iterable<String> labels) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String label : labels) {
      out.put(label, label.replaceAll("[._\\-/]+", " ").strip());
    }
    return out;
  }
}
