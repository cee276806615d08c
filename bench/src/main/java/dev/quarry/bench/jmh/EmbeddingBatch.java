package dev.quarry.bench.jmh;

import com.google.gson.JsonParser;
import dev.quarry.core.Role;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One embedding call of {@code batch} passages (tokenize, length-bucket, run the ONNX model on
 * every core, pool, normalize) with a built-in model, over texts of the bundled sample corpus,
 * shuffled with {@code seed}. Divide by the batch size for the cost per text.
 *
 * <p>Run from the repository root: {@code bin/bench jmh EmbeddingBatch} (options: {@code -p
 * model=all-minilm-l6-v2-q -p batch=128 -p seed=N}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "--add-modules",
      "jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED",
      "-Dai.djl.offline=true"
    })
public class EmbeddingBatch {
  private static final Path SAMPLE = Path.of("data/sample/corpus.jsonl");

  @Param({"all-minilm-l6-v2", "all-minilm-l6-v2-q"})
  String model;

  @Param("32")
  int batch;

  @Param("42")
  long seed;

  private OnnxEmbedder embedder;
  private List<String> texts;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    System.out.println("EmbeddingBatch seed=" + seed);
    if (!Files.exists(SAMPLE)) {
      throw new IllegalStateException(
          SAMPLE.toAbsolutePath() + " not found: run this benchmark from the repository root");
    }
    List<String> all = new ArrayList<>();
    for (String line : Files.readAllLines(SAMPLE)) {
      if (!line.isBlank()) {
        all.add(JsonParser.parseString(line).getAsJsonObject().get("text").getAsString());
      }
    }
    Collections.shuffle(all, new Random(seed));
    texts = all.subList(0, Math.min(batch, all.size()));
    embedder = OnnxEmbedder.open(ModelRepository.resolve(model), EmbedderOptions.DEFAULTS);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    embedder.close();
  }

  @Benchmark
  public Object embedBatch() {
    return embedder.embed(texts, Role.PASSAGE);
  }
}
