package dev.quarry.core;

import java.io.EOFException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A library exception as words a user can read: one line, without Java class names, stack addresses
 * or the "see this URL" footers some parsers append. For messages of {@link QuarryException}s that
 * wrap another exception, and for the command line's last-resort handler.
 */
public final class ErrorText {
  /**
   * A qualified class name (group 1: its simple name), an optional {@code @hash} and, for an
   * exception's name, the colon after it.
   */
  private static final Pattern CLASS_NAME =
      Pattern.compile(
          "\\b(?:java|javax|jdk|sun|com|org|ai|dev|net|io)\\.(?:[\\w$]+\\.)*([A-Z][\\w$]*)(?:@[0-9a-f]+)?(:\\s*)?");

  private ErrorText() {}

  /** What went wrong in {@code t}, in one line. */
  public static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null
        && root.getCause() != root
        && !(root instanceof QuarryException)) {
      root = root.getCause();
    }
    String text =
        switch (root) {
          case QuarryException q -> q.getMessage();
          case NoSuchFileException e -> "no such file or folder: " + e.getFile();
          case AccessDeniedException e -> "permission denied: " + e.getFile();
          case FileAlreadyExistsException e -> "already exists: " + e.getFile();
          case NotDirectoryException e -> "not a folder: " + e.getFile();
          case DirectoryNotEmptyException e -> "folder not empty: " + e.getFile();
          case FileSystemException e ->
              e.getFile() + ": " + (e.getReason() == null ? "cannot access" : e.getReason());
          case EOFException e ->
              e.getMessage() == null ? "unexpected end of input" : e.getMessage();
          default -> root.getMessage() == null ? "unexpected internal error" : root.getMessage();
        };
    return oneLine(text);
  }

  /**
   * {@code text} on one line: its lines joined, without "See https://…" footers or stack frames;
   * exception class names removed, other qualified class names cut to their simple name.
   */
  public static String oneLine(String text) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\\R")) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("See http") || l.startsWith("at ")) {
        continue;
      }
      out.append(out.isEmpty() ? "" : " ").append(l);
    }
    String cleaned =
        CLASS_NAME
            .matcher(out)
            .replaceAll(
                m ->
                    m.group(1).endsWith("Exception") || m.group(1).endsWith("Error")
                        ? ""
                        : Matcher.quoteReplacement(m.group(1) + (m.group(2) == null ? "" : ": ")))
            .strip();
    return cleaned.isEmpty() ? "unexpected internal error" : cleaned;
  }
}
