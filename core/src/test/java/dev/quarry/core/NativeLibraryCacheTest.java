package dev.quarry.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.NativeLibraryCache.Library;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryCacheTest {
  @TempDir Path dir;

  private static final List<Library> LIBS =
      List.of(new Library("native/libone.so", "libone.so"), new Library("native/two.so", "x.so"));

  private URLClassLoader jar(String name, String one, String two) throws Exception {
    Path jar = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      for (String[] e : new String[][] {{"native/libone.so", one}, {"native/two.so", two}}) {
        out.putNextEntry(new JarEntry(e[0]));
        out.write(e[1].getBytes(java.nio.charset.StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
    return new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
  }

  @Test
  void extractsOnceUnderItsFileNamesAndReusesTheCopy() throws Exception {
    Path root = dir.resolve("native");
    try (URLClassLoader loader = jar("a.jar", "first library", "second")) {
      Path folder = NativeLibraryCache.folder(root, loader, "lib", LIBS).orElseThrow();
      assertThat(folder.getParent()).isEqualTo(root);
      assertThat(folder.getFileName().toString()).startsWith("lib-");
      assertThat(Files.readString(folder.resolve("libone.so"))).isEqualTo("first library");
      assertThat(Files.readString(folder.resolve("x.so"))).isEqualTo("second");
      FileTime old = FileTime.fromMillis(1_000_000L);
      Files.setLastModifiedTime(folder.resolve("libone.so"), old);

      assertThat(NativeLibraryCache.folder(root, loader, "lib", LIBS)).contains(folder);
      assertThat(Files.getLastModifiedTime(folder.resolve("libone.so"))).isEqualTo(old);
      try (var files = Files.list(folder)) {
        assertThat(files).hasSize(2); // no partial file left behind
      }
    }
  }

  @Test
  void aTruncatedCopyIsReplacedAndAnotherVersionGetsAnotherFolder() throws Exception {
    Path root = dir.resolve("native");
    Path first;
    try (URLClassLoader loader = jar("a.jar", "first library", "second")) {
      first = NativeLibraryCache.folder(root, loader, "lib", LIBS).orElseThrow();
      try (OutputStream out = Files.newOutputStream(first.resolve("libone.so"))) {
        out.write("first".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      NativeLibraryCache.folder(root, loader, "lib", LIBS).orElseThrow();
      assertThat(Files.readString(first.resolve("libone.so"))).isEqualTo("first library");
    }
    try (URLClassLoader loader = jar("b.jar", "first library v2", "second")) {
      Path second = NativeLibraryCache.folder(root, loader, "lib", LIBS).orElseThrow();
      assertThat(second).isNotEqualTo(first);
      assertThat(Files.readString(second.resolve("libone.so"))).isEqualTo("first library v2");
    }
  }

  @Test
  void aMissingResourceOrAnUnwritableRootMeansNoCache() throws Exception {
    try (URLClassLoader loader = jar("a.jar", "one", "two")) {
      List<Library> missing = List.of(new Library("native/none.so", "none.so"));
      assertThat(NativeLibraryCache.folder(dir, loader, "lib", missing)).isEmpty();
      Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
      Optional<Path> blocked =
          NativeLibraryCache.folder(file.resolve("native"), loader, "lib", LIBS);
      assertThat(blocked).isEmpty();
    }
  }
}
