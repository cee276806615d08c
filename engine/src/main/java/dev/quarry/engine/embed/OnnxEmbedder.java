package dev.quarry.engine.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.quarry.core.Embedder;
import dev.quarry.core.Embeddings;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import dev.quarry.engine.QuarryHome;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link Embedder} running an ONNX transformer with a HuggingFace tokenizer, in process.
 *
 * <p>Throughput: texts are tokenized together, sorted by token count and cut into batches that are
 * each padded only to their own longest text (length bucketing), so short texts never pay for a
 * long neighbour. Results come back in input order.
 *
 * <p>Batches of one call run on {@code workers} threads at once (one per core by default).
 *
 * <p>Thread-safe: one ONNX session per model is shared by all calls. Owns the session and the
 * tokenizer; {@link #close()} refuses new calls, waits (up to {@link #CLOSE_WAIT_MILLIS}) for the
 * running ones, then releases both (the process-wide ONNX environment stays).
 */
public final class OnnxEmbedder implements TextEmbedder {
  private static final String INPUT_IDS = "input_ids";
  private static final String ATTENTION_MASK = "attention_mask";
  private static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final String HIDDEN_STATE = "last_hidden_state";
  private static final Logger LOG = LoggerFactory.getLogger(OnnxEmbedder.class);

  /**
   * How long {@link #close()} waits for running model calls: one call is one padded batch (32 texts
   * by default), seconds at most on a slow CPU.
   */
  static final long CLOSE_WAIT_MILLIS = 30_000;

  private final ModelDescriptor descriptor;
  private final EmbedderOptions options;
  private final ModelIdentity identity;
  private final OrtEnvironment env;
  private final OrtModel model;
  private final ModelTokenizers tokenizers;
  private final boolean feedTokenTypes;
  private final String outputName;
  private final ExecutorService workers;
  private final CallGate gate;
  private final AtomicBoolean closing = new AtomicBoolean();

  private OnnxEmbedder(
      ModelFiles files,
      EmbedderOptions options,
      OrtEnvironment env,
      OrtModel model,
      ModelTokenizers tokenizers) {
    this.descriptor = files.descriptor();
    this.tokenizers = tokenizers;
    this.options = options;
    this.env = env;
    this.model = model;
    this.gate = new CallGate("model " + descriptor.name());
    Set<String> inputs = model.session().getInputNames();
    for (String required : List.of(INPUT_IDS, ATTENTION_MASK)) {
      if (!inputs.contains(required)) {
        throw new QuarryException(
            QuarryException.Kind.INCOMPATIBLE,
            files.onnx()
                + " has no '"
                + required
                + "' input (inputs: "
                + inputs
                + "): Quarry runs BERT-style encoders exported with input_ids and attention_mask");
      }
    }
    this.feedTokenTypes = inputs.contains(TOKEN_TYPE_IDS);
    this.outputName = checkOutput(files, model.session());
    this.identity = identity(files, options);
    checkVocabulary(files, tokenizers.maxId());
    // Created last: nothing after this can fail, so the pool never leaks from a failed open.
    int workerCount = options.effectiveWorkers();
    this.workers =
        workerCount > 1
            ? Executors.newFixedThreadPool(
                workerCount, Thread.ofPlatform().name("quarry-embed-", 0).daemon(true).factory())
            : null;
  }

  /**
   * What a model with these options produces, known without loading it (a collection checks it
   * before the model is needed).
   */
  public static ModelIdentity identity(ModelFiles files, EmbedderOptions options) {
    ModelDescriptor descriptor = files.descriptor();
    int dims = options.dimensions() == 0 ? descriptor.dimensions() : options.dimensions();
    if (dims > descriptor.dimensions()) {
      throw QuarryException.invalid(
          "dimensions "
              + dims
              + " exceeds the model's "
              + descriptor.dimensions()
              + ": choose 1.."
              + descriptor.dimensions());
    }
    return new ModelIdentity(
        descriptor.name(), files.weightsSha256(), descriptor.pooling().id(), dims);
  }

  /** Loads a model; the caller owns the result and must close it. */
  public static OnnxEmbedder open(ModelFiles files, EmbedderOptions options) {
    return open(files, options, OrtModel.copies());
  }

  /** Whether the session maps the model's ONNX Runtime copy rather than reading the ONNX file. */
  boolean fromCopy() {
    return model.fromCopy();
  }

  /** Loads a model, keeping its ONNX Runtime copy in {@code copies} (null: none). */
  static OnnxEmbedder open(ModelFiles files, EmbedderOptions options, Path copies) {
    QuarryHome.prepareRuntime();
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    CompletableFuture<ModelTokenizers> tokenizers = ModelTokenizers.loading(files);
    OrtModel model = null;
    try {
      model = OrtModel.open(env, files, options, copies);
      return new OnnxEmbedder(files, options, env, model, joined(tokenizers, files));
    } catch (OrtException | RuntimeException e) {
      // Whatever failed, the tokenizers are closed once loaded; a model before them.
      tokenizers.thenAccept(ModelTokenizers::close);
      if (model != null) {
        model.close();
      }
      if (e instanceof QuarryException q) {
        throw q;
      }
      throw new QuarryException(
          QuarryException.Kind.CORRUPT,
          "cannot load model from " + files.onnx().getParent() + ": " + e.getMessage(),
          e);
    }
  }

  /** The loaded tokenizers, with the loader's own exception rethrown. */
  private static ModelTokenizers joined(
      CompletableFuture<ModelTokenizers> tokenizers, ModelFiles files) {
    try {
      return tokenizers.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof UncheckedIOException io) {
        throw new QuarryException(
            QuarryException.Kind.CORRUPT,
            "cannot load model from "
                + files.onnx().getParent()
                + ": "
                + io.getCause().getMessage(),
            io);
      }
      if (e.getCause() instanceof Error error) {
        throw error; // a missing native library, as when loading on this thread
      }
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }

  private static String checkOutput(ModelFiles files, OrtSession session) {
    try {
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      String name =
          outputs.containsKey(HIDDEN_STATE) ? HIDDEN_STATE : outputs.keySet().iterator().next();
      if (!(outputs.get(name).getInfo() instanceof TensorInfo info)
          || info.getShape().length != 3) {
        throw new QuarryException(
            QuarryException.Kind.INCOMPATIBLE,
            files.onnx()
                + ": output '"
                + name
                + "' is not a [batch, tokens, hidden] tensor;"
                + " Quarry pools token vectors itself, so export the encoder's last_hidden_state");
      }
      long hidden = info.getShape()[2];
      if (hidden > 0 && hidden != files.descriptor().dimensions()) {
        throw new QuarryException(
            QuarryException.Kind.INCOMPATIBLE,
            files.onnx()
                + " outputs "
                + hidden
                + "-d vectors but its descriptor says dimensions="
                + files.descriptor().dimensions()
                + ": fix 'dimensions' in "
                + ModelDescriptor.FILE_NAME);
      }
      return name;
    } catch (OrtException e) {
      throw new QuarryException(QuarryException.Kind.CORRUPT, "cannot read model outputs", e);
    }
  }

  /**
   * Runs the largest token id the tokenizer can emit through the model: a tokenizer with a larger
   * vocabulary than the model's embedding table would otherwise fail only on rare words, later.
   */
  private void checkVocabulary(ModelFiles files, long maxId) {
    try {
      runBatch(new long[][] {{maxId}}, 1);
    } catch (QuarryException e) {
      throw new QuarryException(
          QuarryException.Kind.INCOMPATIBLE,
          "tokenizer "
              + files.tokenizer()
              + " emits token ids up to "
              + maxId
              + " but model "
              + files.onnx()
              + " rejects them ("
              + rootMessage(e)
              + "): the tokenizer does not belong to this model",
          e);
    }
  }

  @Override
  public int countTokens(String text) {
    gate.enter();
    try {
      return tokenizers.counting().encode(text, false, false).getIds().length;
    } finally {
      gate.exit();
    }
  }

  @Override
  public ModelIdentity identity() {
    return identity;
  }

  @Override
  public int maxTokens() {
    return descriptor.maxTokens();
  }

  @Override
  public OptionalDouble topicalSimilarity() {
    Double t = descriptor.topicalSimilarity();
    // Calibrated on the model's full output; truncated vectors spread their cosines differently.
    return t == null || identity.dimensions() != descriptor.dimensions()
        ? OptionalDouble.empty()
        : OptionalDouble.of(t);
  }

  public ModelDescriptor descriptor() {
    return descriptor;
  }

  @Override
  public Embeddings embed(List<String> texts, Role role) {
    if (texts.isEmpty()) {
      return new Embeddings(List.of(), 0, 0);
    }
    gate.enter();
    try {
      return embedAdmitted(texts, role);
    } finally {
      gate.exit();
    }
  }

  private Embeddings embedAdmitted(List<String> texts, Role role) {
    String prefix = descriptor.prefix(role);
    List<String> inputs = new ArrayList<>(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw QuarryException.invalid("text " + i + " of the batch is null");
      }
      inputs.add(prefix.isEmpty() ? text : prefix + text);
    }
    Encoding[] encodings = tokenizers.truncating().batchEncode(inputs);
    long[][] ids = new long[encodings.length][];
    long tokens = 0;
    int truncated = 0;
    for (int i = 0; i < encodings.length; i++) {
      ids[i] = encodings[i].getIds();
      tokens += ids[i].length;
      if (encodings[i].exceedMaxLength()) {
        truncated++;
      }
    }
    float[][] vectors = new float[ids.length][];
    List<int[]> plan = LengthBuckets.plan(ids, options.batchSize(), options.maxBatchTokens());
    if (workers == null || plan.size() == 1) {
      for (int[] batch : plan) {
        if (Thread.currentThread().isInterrupted()) {
          throw new QuarryException(QuarryException.Kind.RUNTIME, "interrupted while embedding");
        }
        if (gate.closing()) {
          throw closedWhileEmbedding(null);
        }
        embedBatch(ids, batch, vectors);
      }
    } else {
      List<Future<?>> pending = new ArrayList<>(plan.size());
      try {
        for (int[] batch : plan) {
          pending.add(workers.submit(() -> embedBatchAdmitted(ids, batch, vectors)));
        }
      } catch (RejectedExecutionException e) {
        pending.forEach(f -> f.cancel(true));
        throw closedWhileEmbedding(e);
      }
      awaitAll(pending);
    }
    return new Embeddings(Arrays.asList(vectors), tokens, truncated);
  }

  /** {@link #embedBatch} on a worker thread, which may outlive an interrupted caller. */
  private void embedBatchAdmitted(long[][] ids, int[] batch, float[][] vectors) {
    gate.enter();
    try {
      embedBatch(ids, batch, vectors);
    } finally {
      gate.exit();
    }
  }

  /** Embeds the rows of one planned call into their slots of {@code vectors}. */
  private void embedBatch(long[][] ids, int[] batch, float[][] vectors) {
    long[][] batchIds = new long[batch.length][];
    for (int j = 0; j < batch.length; j++) {
      batchIds[j] = ids[batch[j]];
    }
    float[][] pooled = runBatch(batchIds, batchIds.length);
    for (int j = 0; j < batch.length; j++) {
      vectors[batch[j]] = finish(pooled[j]);
    }
  }

  private void awaitAll(List<Future<?>> pending) {
    try {
      for (Future<?> future : pending) {
        future.get();
      }
    } catch (InterruptedException e) {
      pending.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw new QuarryException(QuarryException.Kind.RUNTIME, "interrupted while embedding", e);
    } catch (CancellationException e) {
      pending.forEach(f -> f.cancel(true));
      throw closedWhileEmbedding(e);
    } catch (ExecutionException e) {
      pending.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof QuarryException q) {
        throw q;
      }
      throw new QuarryException(
          QuarryException.Kind.RUNTIME, "embedding failed: " + e.getCause(), e);
    }
  }

  private QuarryException closedWhileEmbedding(RuntimeException e) {
    return new QuarryException(
        QuarryException.Kind.RUNTIME,
        "model " + descriptor.name() + " was closed while embedding",
        e);
  }

  private float[] finish(float[] pooled) {
    Vectors.normalizeInPlace(pooled);
    return Vectors.truncate(pooled, identity.dimensions());
  }

  /** One model call: pads to the longest row, runs, pools each row. */
  private float[][] runBatch(long[][] rows, int count) {
    int seq = 0;
    for (long[] row : rows) {
      seq = Math.max(seq, row.length);
    }
    long[] ids = new long[count * seq];
    long[] mask = new long[count * seq];
    for (int r = 0; r < count; r++) {
      System.arraycopy(rows[r], 0, ids, r * seq, rows[r].length);
      Arrays.fill(mask, r * seq, r * seq + rows[r].length, 1L);
    }
    long[] shape = {count, seq};
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put(INPUT_IDS, OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
      feed.put(ATTENTION_MASK, OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (feedTokenTypes) {
        feed.put(
            TOKEN_TYPE_IDS,
            OnnxTensor.createTensor(env, LongBuffer.wrap(new long[count * seq]), shape));
      }
      try (OrtSession.Result result = model.session().run(feed, Set.of(outputName))) {
        OnnxTensor out = (OnnxTensor) result.get(0);
        FloatBuffer buffer = out.getFloatBuffer();
        float[] hidden = new float[buffer.remaining()];
        buffer.get(hidden);
        int dim = descriptor.dimensions();
        float[][] pooled = new float[count][];
        for (int r = 0; r < count; r++) {
          pooled[r] = descriptor.pooling().pool(hidden, r, seq, dim, rows[r].length);
        }
        return pooled;
      }
    } catch (OrtException e) {
      throw new QuarryException(
          QuarryException.Kind.RUNTIME,
          "model "
              + descriptor.name()
              + " failed on a batch of "
              + count
              + " texts: "
              + e.getMessage(),
          e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /**
   * Refuses new calls, drops queued model calls, waits for running ones and releases the session
   * and tokenizers. If a call is still running after {@link #CLOSE_WAIT_MILLIS}, they are left open
   * (a leak, not a crash). Idempotent.
   */
  @Override
  public void close() {
    if (closing.getAndSet(true)) {
      return;
    }
    if (workers != null) {
      for (Runnable queued : workers.shutdownNow()) {
        if (queued instanceof Future<?> f) {
          f.cancel(false); // never run: its caller must not wait for it forever
        }
      }
    }
    if (!gate.closeAndAwait(CLOSE_WAIT_MILLIS)) {
      LOG.warn(
          "model {}: calls still running after {} ms; its session is left open",
          descriptor.name(),
          CLOSE_WAIT_MILLIS);
      return;
    }
    // Reverse order of creation; the environment is process-wide and outlives embedders.
    model.close();
    tokenizers.close();
  }
}
