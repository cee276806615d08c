package dev.quarry.bench.ann;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Compiles the hnswlib peer (hnswlib_peer.cpp, a resource of this package) with {@code g++ -O3
 * -march=native} against Debian's libhnswlib-dev headers, once per source version, into the work
 * folder. Absent g++ or headers, the peer is skipped and {@link #reason} says why in one line.
 */
final class HnswlibNative {
  static final String SOURCE = "hnswlib_peer.cpp";
  private static final Path HEADER = Path.of("/usr/include/hnswlib/hnswlib.h");

  private HnswlibNative() {}

  /** The compiled program, or null when it cannot be built here (see {@link #reason}). */
  static Path compile(Path work) throws IOException, InterruptedException {
    if (reason() != null) {
      return null;
    }
    Path dir = work.resolve("native");
    Files.createDirectories(dir);
    byte[] source;
    try (InputStream in = HnswlibNative.class.getResourceAsStream(SOURCE)) {
      source = in.readAllBytes();
    }
    Path cpp = dir.resolve(SOURCE);
    Path binary = dir.resolve("hnswlib_peer");
    if (Files.isExecutable(binary)
        && Files.exists(cpp)
        && Arrays.equals(Files.readAllBytes(cpp), source)) {
      return binary;
    }
    Files.write(cpp, source);
    List<String> command =
        List.of(
            "g++",
            "-O3",
            "-march=native",
            "-std=c++11",
            "-w",
            "-o",
            binary.toString(),
            cpp.toString());
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException("compiling the hnswlib peer failed: " + command + "\n" + output);
    }
    return binary;
  }

  /** Why the peer cannot be built here, or null when it can. */
  static String reason() {
    if (!Files.exists(HEADER)) {
      return "hnswlib peer skipped: no " + HEADER + " (apt-get install libhnswlib-dev)";
    }
    try {
      Process p = new ProcessBuilder("g++", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0 ? null : "hnswlib peer skipped: g++ --version failed";
    } catch (IOException | InterruptedException e) {
      return "hnswlib peer skipped: no g++ on the PATH (apt-get install g++)";
    }
  }
}
