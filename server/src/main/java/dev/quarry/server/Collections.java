package dev.quarry.server;

import dev.quarry.core.QuarryException;
import dev.quarry.engine.Quarry;
import dev.quarry.engine.QuarryConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The collections a server serves: one {@link Quarry} per folder named on the command line, shared
 * by every request thread (Quarry is thread-safe: searches run concurrently, writes are
 * serialized). A request names a collection by its folder name and can reach nothing else: names
 * are looked up in this map, never resolved against the file system.
 */
final class Collections implements AutoCloseable {
  /** What a collection name may look like; anything else is refused before the lookup. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

  private final Map<String, Quarry> byName;

  private Collections(Map<String, Quarry> byName) {
    this.byName = byName;
  }

  /**
   * Opens each folder for writing, creating a collection with {@code config} where a folder holds
   * none. Two folders with the same name are refused: the name is the collection's address.
   */
  static Collections open(List<Path> dirs, QuarryConfig config) {
    Map<String, Path> names = new LinkedHashMap<>();
    for (Path dir : dirs) {
      Path abs = dir.toAbsolutePath().normalize();
      String name = abs.getFileName() == null ? "" : abs.getFileName().toString();
      if (!NAME.matcher(name).matches()) {
        throw QuarryException.invalid(
            "cannot serve "
                + dir
                + ": its folder name is the collection's name in URLs and must be letters, digits,"
                + " '.', '_' or '-'");
      }
      Path other = names.putIfAbsent(name, abs);
      if (other != null) {
        throw QuarryException.invalid(
            "cannot serve both "
                + other
                + " and "
                + abs
                + ": both would be collection '"
                + name
                + "'; rename one folder");
      }
      if (Files.exists(abs) && !Files.isDirectory(abs)) {
        throw QuarryException.invalid(dir + " is a file, not a collection folder");
      }
    }
    Map<String, Quarry> opened = new LinkedHashMap<>();
    try {
      names.forEach((name, dir) -> opened.put(name, openOne(dir, config)));
    } catch (RuntimeException e) {
      opened.values().forEach(q -> closeQuietly(q, e));
      throw e;
    }
    return new Collections(opened);
  }

  private static Quarry openOne(Path dir, QuarryConfig config) {
    // An existing collection keeps the model it was built with; a new one gets the configured one.
    return dev.quarry.index.Collection.exists(dir) ? Quarry.open(dir) : Quarry.create(dir, config);
  }

  /** The collection named {@code name}: 400 for a malformed name, 404 for one not served. */
  Quarry get(String name) {
    if (name == null || !NAME.matcher(name).matches() || name.contains("..")) {
      throw ApiError.badRequest(
              "bad_collection_name",
              "collection",
              "collection names are letters, digits, '.', '_' or '-' (no '..' or '/'); see GET"
                  + " /collections")
          .toException();
    }
    Quarry q = byName.get(name);
    if (q == null) {
      throw ApiError.notFound(
              "unknown_collection",
              "no collection '" + name + "' is served here; GET /collections lists them")
          .toException();
    }
    return q;
  }

  Map<String, Quarry> all() {
    return java.util.Collections.unmodifiableMap(byName);
  }

  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (Quarry q : byName.values()) {
      try {
        q.close();
      } catch (RuntimeException e) {
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      RuntimeException first = failures.get(0);
      failures.subList(1, failures.size()).forEach(first::addSuppressed);
      throw first;
    }
  }

  private static void closeQuietly(Quarry q, RuntimeException cause) {
    try {
      q.close();
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
