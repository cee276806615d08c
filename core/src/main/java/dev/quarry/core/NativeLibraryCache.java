package dev.quarry.core;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.zip.CRC32;

/**
 * Native libraries copied out of their jars once per version, into {@code native/NAME-KEY/} under
 * Quarry's {@link HomeFolder}, so that every process maps the same files. RocksDB and ONNX Runtime
 * otherwise copy 17 and 20 MB into the temp folder at each start, which costs start-up time, and a
 * process that is killed or halted never deletes its copy.
 *
 * <p>KEY is a CRC-32 over the jar entries' own CRC-32s and sizes (read from the jar's directory,
 * not from the bytes), so another library version gets another folder. A file is written under a
 * temporary name and renamed into place, so a concurrent process never maps half a file. Stateless
 * and thread-safe.
 */
public final class NativeLibraryCache {
  /** A library in a jar: the resource path and the file name its loader looks for. */
  public record Library(String resource, String fileName) {}

  private NativeLibraryCache() {}

  /**
   * The folder holding every library, extracted if missing; empty when a resource is not in a jar
   * or the folder cannot be written, in which case the caller loads the library as it would alone.
   */
  public static Optional<Path> folder(ClassLoader loader, String name, List<Library> libraries) {
    return folder(HomeFolder.path().resolve("native"), loader, name, libraries);
  }

  static Optional<Path> folder(
      Path root, ClassLoader loader, String name, List<Library> libraries) {
    List<Entry> entries = new ArrayList<>();
    CRC32 key = new CRC32();
    for (Library library : libraries) {
      Optional<Entry> entry = entry(loader, library);
      if (entry.isEmpty()) {
        return Optional.empty();
      }
      entries.add(entry.get());
      key.update((entry.get().crc() + "/" + entry.get().size() + "/").getBytes(UTF_8));
    }
    Path folder = root.resolve(name + "-" + Long.toHexString(key.getValue()));
    try {
      Files.createDirectories(folder);
      for (Entry entry : entries) {
        extract(entry, folder.resolve(entry.library().fileName()));
      }
      return Optional.of(folder);
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  private record Entry(Library library, URL url, long crc, long size) {}

  private static Optional<Entry> entry(ClassLoader loader, Library library) {
    URL url = loader.getResource(library.resource());
    if (url == null) {
      return Optional.empty();
    }
    try {
      URLConnection connection = url.openConnection();
      if (!(connection instanceof JarURLConnection jar)) {
        return Optional.empty();
      }
      JarEntry entry = jar.getJarEntry();
      if (entry.getCrc() < 0 || entry.getSize() < 0) {
        return Optional.empty();
      }
      return Optional.of(new Entry(library, url, entry.getCrc(), entry.getSize()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** A file of the expected size is the one a previous process renamed into place. */
  private static void extract(Entry entry, Path target) throws IOException {
    if (Files.isRegularFile(target) && Files.size(target) == entry.size()) {
      return;
    }
    Path partial =
        Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
    try (InputStream in = entry.url().openStream()) {
      Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      if (Files.size(partial) != entry.size()) {
        throw new IOException("short copy of " + entry.library().resource());
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
