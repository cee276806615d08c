package dev.quarry.engine.embed;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryHome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model's ONNX Runtime session and what it owns: its options and, on the CPU, the mapped file its
 * weights live in.
 *
 * <p>On the CPU the first session that reads a model's ONNX file also writes the optimized graph in
 * ONNX Runtime's own format under Quarry's home ({@code ort/}, keyed by the weights' sha256 and the
 * runtime's version); later sessions map that file and use its bytes in place, without parsing 90
 * MB of protobuf and copying every weight: 0.2-0.3 s instead of 0.7-0.9 s per process start, with
 * the same outputs bit for bit (decision 0185). A copy that does not load is deleted and the ONNX
 * file read again.
 *
 * <p>Not thread-safe to close; {@link #close()} is idempotent and releases the session before its
 * options and the mapping.
 */
final class OrtModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OrtModel.class);
  private static final String SUFFIX = ".ort";

  private final OrtSession session;
  private final OrtSession.SessionOptions options;

  /** The ORT-format bytes the session's weights point into: held until the session is closed. */
  private final ByteBuffer mapped;

  private boolean closed;

  private OrtModel(OrtSession session, OrtSession.SessionOptions options, ByteBuffer mapped) {
    this.session = session;
    this.options = options;
    this.mapped = mapped;
  }

  OrtSession session() {
    return session;
  }

  /** Whether the session maps the model's ORT-format copy (false: it read the ONNX file). */
  boolean fromCopy() {
    return mapped != null;
  }

  /**
   * Opens the model's session, from its ORT-format copy in {@code copies} where there is one;
   * {@code copies} null: from the ONNX file, writing no copy.
   */
  static OrtModel open(OrtEnvironment env, ModelFiles files, EmbedderOptions options, Path copies)
      throws OrtException {
    Path copy =
        copies == null || options.device().equals("cuda") ? null : copies.resolve(name(env, files));
    if (copy != null && Files.isRegularFile(copy)) {
      try {
        return fromCopy(env, copy, options);
      } catch (OrtException | IOException e) {
        LOG.warn(
            "model {}: its ONNX Runtime copy {} does not load ({}); deleting it and reading {}",
            files.descriptor().name(),
            copy,
            e.getMessage(),
            files.onnx());
        deleteQuietly(copy);
      }
    }
    if (copy != null) {
      // A name of its own: processes on several hosts may share the home (Spark executors).
      Path tmp = copy.resolveSibling(copy.getFileName() + "." + UUID.randomUUID());
      try {
        OrtModel model = fromOnnx(env, files, options, tmp);
        keep(tmp, copy);
        return model;
      } catch (OrtException e) {
        LOG.debug("model {}: no ONNX Runtime copy written ({})", files.descriptor().name(), e);
        deleteQuietly(tmp);
      }
    }
    return fromOnnx(env, files, options, null);
  }

  /** The folder of ORT-format copies under Quarry's home; null when the home cannot hold it. */
  static Path copies() {
    try {
      return QuarryHome.dir("ort");
    } catch (QuarryException e) {
      LOG.debug("no ONNX Runtime copies: {}", e.getMessage());
      return null;
    }
  }

  /** The copy's file name: the weights' identity and the runtime's version, whose format it is. */
  private static String name(OrtEnvironment env, ModelFiles files) {
    return key(files) + "-" + env.getVersion().replaceAll("[^0-9A-Za-z.]", "_") + SUFFIX;
  }

  private static String key(ModelFiles files) {
    return files.weightsSha256().substring(0, 16);
  }

  private static OrtModel fromCopy(OrtEnvironment env, Path copy, EmbedderOptions options)
      throws OrtException, IOException {
    ByteBuffer bytes;
    try (FileChannel channel = FileChannel.open(copy)) {
      bytes = channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size());
    }
    OrtSession.SessionOptions so = base(options, OrtSession.SessionOptions.OptLevel.NO_OPT);
    try {
      so.addConfigEntry("session.use_ort_model_bytes_directly", "1");
      so.addConfigEntry("session.use_ort_model_bytes_for_initializers", "1");
      return new OrtModel(env.createSession(bytes, so), so, bytes);
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  /**
   * A session over the ONNX file; with {@code save}, it also writes its optimized graph there.
   * Extended optimizations are the fusions a transformer gains from; the level above them adds
   * layouts for convolutions that would make a saved copy hardware-specific.
   */
  private static OrtModel fromOnnx(
      OrtEnvironment env, ModelFiles files, EmbedderOptions options, Path save)
      throws OrtException {
    OrtSession.SessionOptions so = base(options, OrtSession.SessionOptions.OptLevel.EXTENDED_OPT);
    try {
      if (options.device().equals("cuda")) {
        addCuda(so);
      }
      if (save != null) {
        so.addConfigEntry("session.save_model_format", "ORT");
        so.setOptimizedModelFilePath(save.toString());
      }
      return new OrtModel(env.createSession(files.onnx().toString(), so), so, null);
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  private static OrtSession.SessionOptions base(
      EmbedderOptions options, OrtSession.SessionOptions.OptLevel level) throws OrtException {
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    try {
      so.setOptimizationLevel(level);
      so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      so.setIntraOpNumThreads(options.effectiveIntraOpThreads());
      so.setInterOpNumThreads(1);
      return so;
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  private static void addCuda(OrtSession.SessionOptions so) {
    try {
      so.addCUDA(0);
    } catch (OrtException | RuntimeException | LinkageError e) {
      throw new QuarryException(
          QuarryException.Kind.RUNTIME,
          "device cuda is not available ("
              + e.getMessage()
              + "): put"
              + " com.microsoft.onnxruntime:onnxruntime_gpu on the classpath instead of the CPU"
              + " build, with a matching CUDA, or use --device cpu",
          e);
    }
  }

  /**
   * Moves the written copy into place (a concurrent start maps the old file or the new one, never
   * half of one) and deletes the copies of this model for other runtime versions.
   */
  private static void keep(Path written, Path copy) {
    try {
      Files.move(
          written, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      String prefix = copy.getFileName().toString();
      prefix = prefix.substring(0, prefix.indexOf('-') + 1);
      try (DirectoryStream<Path> stale = Files.newDirectoryStream(copy.getParent(), prefix + "*")) {
        for (Path p : stale) {
          if (!p.equals(copy) && p.getFileName().toString().endsWith(SUFFIX)) {
            deleteQuietly(p);
          }
        }
      }
    } catch (IOException e) {
      LOG.debug("ONNX Runtime copy {} not kept: {}", copy, e.getMessage());
      deleteQuietly(written);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", p, e.getMessage());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      session.close();
    } catch (OrtException e) {
      // Nothing useful to do: the session is unusable either way.
    }
    options.close();
  }
}
