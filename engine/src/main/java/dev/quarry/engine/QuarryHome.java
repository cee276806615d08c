package dev.quarry.engine;

import ai.onnxruntime.OrtEnvironment;
import dev.quarry.core.HomeFolder;
import dev.quarry.core.NativeLibraryCache;
import dev.quarry.core.NativeLibraryCache.Library;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Quarry's home folder: extracted models, native library caches, the embedding cache and demo
 * collections. Resolved from {@code -Dquarry.home}, then {@code $QUARRY_HOME}, then {@code
 * ~/.quarry}.
 *
 * <p>{@link #prepareRuntime()} must run before any DJL class loads: it switches DJL to offline mode
 * (otherwise DJL calls a cloud metadata address) and moves DJL's native cache under this folder.
 */
public final class QuarryHome {
  private static volatile boolean prepared;

  private QuarryHome() {}

  /** The home folder (not created). */
  public static Path path() {
    return HomeFolder.path();
  }

  /** A sub-folder of the home, created if missing. */
  public static Path dir(String name) {
    Path dir = path().resolve(name);
    try {
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO,
          "cannot create "
              + dir
              + ": "
              + e.getMessage()
              + " (set QUARRY_HOME or -Dquarry.home to a writable folder)",
          e);
    }
  }

  /** Configures the native runtimes for offline, self-contained use. Idempotent. */
  public static synchronized void prepareRuntime() {
    if (prepared) {
      return;
    }
    // Never let DJL reach the network (telemetry or model zoo); users' servers are often offline.
    System.setProperty("ai.djl.offline", "true");
    System.setProperty("OPT_OUT_TRACKING", "true");
    if (System.getProperty("DJL_CACHE_DIR") == null && System.getenv("DJL_CACHE_DIR") == null) {
      System.setProperty("DJL_CACHE_DIR", dir("djl").toString());
    }
    useCachedOnnxRuntime();
    prepared = true;
  }

  /**
   * Points ONNX Runtime at its libraries in Quarry's native cache (it reads {@code
   * onnxruntime.native.path} when its first class loads), unless the user chose a path.
   */
  private static void useCachedOnnxRuntime() {
    if (System.getProperty("onnxruntime.native.path") != null) {
      return;
    }
    String platform = onnxPlatform();
    if (platform == null) {
      return;
    }
    List<Library> libraries =
        Stream.of("onnxruntime", "onnxruntime4j_jni")
            .map(System::mapLibraryName)
            .map(f -> new Library("ai/onnxruntime/native/" + platform + "/" + f, f))
            .toList();
    NativeLibraryCache.folder(OrtEnvironment.class.getClassLoader(), "onnxruntime", libraries)
        .ifPresent(folder -> System.setProperty("onnxruntime.native.path", folder.toString()));
  }

  /** ONNX Runtime's name for this platform's resource folder; null where Quarry does not map it. */
  private static String onnxPlatform() {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    String arch = System.getProperty("os.arch", "");
    String cpu =
        switch (arch) {
          case "amd64", "x86_64" -> "x64";
          case "aarch64" -> "aarch64";
          default -> null;
        };
    String system = os.contains("linux") ? "linux" : os.contains("mac") ? "osx" : null;
    return cpu == null || system == null ? null : system + "-" + cpu;
  }
}
