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
 * path relative to the folder; metadata holds the path and the modification time; a Markdown file's
 * first heading is its title.
 */
public final class TextFileReader implements RecordReader {
  static final List<String> EXTENSIONS = List.of(".txt", ".text", ".md", ".markdown");

  private final Path root;
  private final int maxBytes;

  public TextFileReader(Path root, int maxBytes) {
    this.root = root;
    this.maxBytes = maxBytes;
  }

  @Override
  public String name() {
    return root.toString();
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
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("path", file.toAbsolutePath().toString());
      metadata.put("modified", Files.getLastModifiedTime(file).toInstant());
      return SourceRecord.ok(location, new TextDocument(id, title(file, text), text, metadata));
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
