package dev.quarry.engine.embed;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.quarry.core.QuarryException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Reads the id range of a HuggingFace tokenizer.json, to check it against the model. */
final class TokenizerVocabulary {
  private TokenizerVocabulary() {}

  /** The largest token id the tokenizer can emit (vocabulary and added tokens). */
  static long maxTokenId(Path tokenizerJson) {
    JsonObject root;
    try (Reader reader = Files.newBufferedReader(tokenizerJson, StandardCharsets.UTF_8)) {
      root = JsonParser.parseReader(reader).getAsJsonObject();
    } catch (IOException | RuntimeException e) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT,
          tokenizerJson + " is not a readable HuggingFace tokenizer.json: " + e.getMessage(),
          e);
    }
    long max = -1;
    JsonElement model = root.get("model");
    if (model != null && model.isJsonObject()) {
      JsonElement vocab = model.getAsJsonObject().get("vocab");
      if (vocab != null && vocab.isJsonObject()) { // WordPiece, BPE: token -> id
        for (Map.Entry<String, JsonElement> e : vocab.getAsJsonObject().entrySet()) {
          max = Math.max(max, e.getValue().getAsLong());
        }
      } else if (vocab != null && vocab.isJsonArray()) { // Unigram: position is the id
        max = Math.max(max, vocab.getAsJsonArray().size() - 1L);
      }
    }
    JsonElement added = root.get("added_tokens");
    if (added != null && added.isJsonArray()) {
      for (JsonElement token : added.getAsJsonArray()) {
        max = Math.max(max, token.getAsJsonObject().get("id").getAsLong());
      }
    }
    if (max < 0) {
      throw new QuarryException(
          QuarryException.Kind.CORRUPT, tokenizerJson + " declares no vocabulary");
    }
    return max;
  }
}
