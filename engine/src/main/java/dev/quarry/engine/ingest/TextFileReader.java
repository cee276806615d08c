package dev.quarry.engine.ingest;

import dev.quarry.core.ErrorText;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Plain text and Markdown files, one document per file; a folder is read recursively. The id is the
 * path relative to the folder. Metadata: the keys of the file's YAML front matter ({@link
 * FrontMatter}), then {@code path} and {@code modified} (the file's last-modified time) unless the
 * front matter has them. The date field ({@code --date-field}, default {@code date}) is looked up
 * there, so {@code --date-field modified} dates files by their modification time. The title is the
 * front matter's title field, else a Markdown file's first heading, else the file name.
 */
public final class TextFileReader implements RecordReader {
  static final List<String> EXTENSIONS = List.of(".txt", ".text", ".md", ".markdown");

  private final Path root;
  private final FieldMapping mapping;
  private final int maxBytes;
  private final DateCoverage dates;

  public TextFileReader(Path root, FieldMapping mapping, int maxBytes) {
    this.root = root;
    this.mapping = mapping;
    this.maxBytes = maxBytes;
    this.dates = new DateCoverage(root.toString(), mapping.date());
  }

  @Override
  public String name() {
    return root.toString();
  }

  @Override
  public List<String> notes() {
    return java.util.stream.Stream.concat(
            dates.notes().stream(), mapping.typesUnused(name()).stream())
        .toList();
  }

  @Override
  public void read(Predicate<SourceRecord> sink) {
    List<Path> files;
    if (Files.isDirectory(root)) {
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).filter(TextFileReader::isText).sorted().toList();
      } catch (IOException | java.io.UncheckedIOException e) {
        // Files.walk reports an unreadable sub-folder while streaming, unchecked
        sink.test(SourceRecord.rejected(root.toString(), "cannot list: " + ErrorText.describe(e)));
        return;
      }
    } else {
      files = List.of(root);
    }
    for (Path file : files) {
      if (!sink.test(read(file))) {
        return;
      }
    }
  }

  static boolean isText(Path p) {
    String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return EXTENSIONS.stream().anyMatch(name::endsWith);
  }

  private SourceRecord read(Path file) {
    String location = file.toString();
    try {
      long size = Files.size(file);
      if (size > maxBytes) {
        return SourceRecord.rejected(
            location,
            String.format(
                "file is %.1f MB, over the %.1f MB limit (--max-document-mb)",
                size / 1e6, maxBytes / 1e6));
      }
      String text;
      try {
        text = Utf8.decode(Files.readAllBytes(file));
      } catch (CharacterCodingException e) {
        return SourceRecord.rejected(location, "not valid UTF-8 (binary file?)");
      }
      if (text.isBlank()) {
        return SourceRecord.rejected(location, "empty file");
      }
      String id =
          Files.isDirectory(root)
              ? root.relativize(file).toString()
              : file.getFileName().toString();
      FrontMatter.Split split = FrontMatter.split(text);
      if (split.body().isBlank()) {
        return SourceRecord.rejected(location, "no text after the front matter");
      }
      Map<String, Object> metadata = new LinkedHashMap<>(split.fields());
      Object declared = metadata.remove(mapping.title());
      String title =
          declared != null && !(declared instanceof List<?>) && !declared.toString().isBlank()
              ? declared.toString()
              : title(file, split.body());
      metadata.putIfAbsent("path", file.toAbsolutePath().toString());
      metadata.putIfAbsent("modified", Files.getLastModifiedTime(file).toInstant());
      Object raw = metadata.remove(mapping.date());
      if (raw != null) {
        Object date = raw instanceof String s ? Values.date(s) : raw;
        if (!(date instanceof java.time.temporal.Temporal)) {
          return SourceRecord.rejected(
              location,
              "document '" + id + "': field '" + mapping.date() + "' is not an ISO date: " + raw);
        }
        metadata.put("date", date);
      }
      mapping.keepListed(metadata);
      dates.count(raw != null);
      TextDocument doc = new TextDocument(id, title, split.body(), metadata);
      return split.problem() == null
          ? SourceRecord.ok(location, doc)
          : SourceRecord.warned(location, doc, split.problem(), "the block is kept as text");
    } catch (IOException e) {
      return SourceRecord.rejected(location, "cannot read: " + ErrorText.describe(e));
    }
  }

  private static String title(Path file, String text) {
    String name = file.getFileName().toString();
    if (name.endsWith(".md") || name.endsWith(".markdown")) {
      for (String line : text.lines().limit(50).toList()) {
        if (line.startsWith("# ")) {
          return line.substring(2).trim();
        }
      }
    }
    int dot = name.lastIndexOf('.');
    return dot > 0 ? name.substring(0, dot) : name;
  }
}
