package dev.quarry.server;

import dev.quarry.engine.Quarry;
import dev.quarry.engine.embed.BuiltinModel;
import dev.quarry.engine.embed.EmbedderOptions;
import dev.quarry.engine.embed.ModelRepository;
import dev.quarry.engine.embed.OnnxEmbedder;
import dev.quarry.engine.embed.TextEmbedder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The models {@code /v1/embeddings} serves, by name: the built-in ones and those of the served
 * collections. A collection's model is its own embedder (shared, not loaded twice); a built-in
 * model no collection uses is loaded on its first request and closed with the server.
 */
final class Models implements AutoCloseable {
  private final Map<String, TextEmbedder> borrowed = new LinkedHashMap<>();
  private final Map<String, OnnxEmbedder> owned = new LinkedHashMap<>();

  Models(Collections collections) {
    for (Quarry q : collections.all().values()) {
      borrowed.putIfAbsent(q.embedder().identity().name(), q.embedder());
    }
  }

  /** Every model name a request may give. */
  List<String> names() {
    TreeSet<String> names = new TreeSet<>(borrowed.keySet());
    for (BuiltinModel m : BuiltinModel.values()) {
      names.add(m.modelName());
    }
    return new ArrayList<>(names);
  }

  /** The embedder for {@code name}; 404 in OpenAI's shape for a model not served. */
  synchronized TextEmbedder get(String name) {
    TextEmbedder served = borrowed.get(name);
    if (served != null) {
      return served;
    }
    OnnxEmbedder e = owned.get(name);
    if (e == null) {
      if (!names().contains(name)) {
        throw ApiError.notFound(
                "model_not_found",
                "the model '" + name + "' does not exist here; GET /v1/models lists them")
            .toException();
      }
      e = OnnxEmbedder.open(ModelRepository.resolve(name), EmbedderOptions.DEFAULTS);
      owned.put(name, e);
    }
    return e;
  }

  @Override
  public synchronized void close() {
    owned.values().forEach(OnnxEmbedder::close);
    owned.clear();
  }
}
