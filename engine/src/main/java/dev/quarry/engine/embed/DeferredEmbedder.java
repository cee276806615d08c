package dev.quarry.engine.embed;

import dev.quarry.core.Embeddings;
import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link OnnxEmbedder} that loads when first needed: its identity is known at once (from the
 * model files), so a collection can be opened and checked while the model loads on a background
 * thread ({@link #prefetch}), or without loading it at all when nothing is embedded (a keyword
 * search). Loading takes most of a CLI search's start-up (the ONNX session and two tokenizers).
 *
 * <p>Thread-safe. Owns the model once loaded; {@link #close()} waits for a load in progress (an
 * ONNX session cannot be abandoned half-built) and closes the model.
 */
public final class DeferredEmbedder implements TextEmbedder {
  private final ModelIdentity identity;
  private final ModelDescriptor descriptor;
  private final FutureTask<OnnxEmbedder> load;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  private DeferredEmbedder(ModelFiles files, EmbedderOptions options) {
    this.identity = OnnxEmbedder.identity(files, options);
    this.descriptor = files.descriptor();
    this.load = new FutureTask<>(() -> OnnxEmbedder.open(files, options));
  }

  /** A model not loaded yet; fails at once (no load) when the options do not fit the model. */
  public static DeferredEmbedder of(ModelFiles files, EmbedderOptions options) {
    return new DeferredEmbedder(files, options);
  }

  /** Starts loading on a background thread unless a load has started; returns at once. */
  public DeferredEmbedder prefetch() {
    if (!closed.get() && started.compareAndSet(false, true)) {
      Thread.ofPlatform().name("quarry-model-load").daemon(true).start(load);
    }
    return this;
  }

  /** The loaded model: waits for a load in progress, or loads on this thread if none started. */
  public OnnxEmbedder model() {
    if (closed.get()) {
      throw new IllegalStateException("model " + identity.name() + " is closed");
    }
    if (started.compareAndSet(false, true)) {
      load.run();
    }
    try {
      return load.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QuarryException(
          QuarryException.Kind.RUNTIME, "interrupted while loading model " + identity.name(), e);
    } catch (CancellationException e) {
      throw new IllegalStateException("model " + identity.name() + " is closed", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r; // OnnxEmbedder.open throws QuarryException with the reason
      }
      throw new QuarryException(
          QuarryException.Kind.RUNTIME, "cannot load model " + identity.name(), e.getCause());
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
    return model().topicalSimilarity();
  }

  @Override
  public Embeddings embed(List<String> texts, Role role) {
    return model().embed(texts, role);
  }

  @Override
  public int countTokens(String text) {
    return model().countTokens(text);
  }

  /** Closes the model; waits for a load in progress first. Never starts one. Idempotent. */
  @Override
  public void close() {
    if (closed.getAndSet(true)) {
      return;
    }
    if (started.compareAndSet(false, true)) {
      load.cancel(false); // never loaded: a late model() call sees it closed
      return;
    }
    try {
      load.get().close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | CancellationException e) {
      // No model to close; whoever asked for it saw why.
    }
  }
}
