package dev.quarry.engine.embed;

import java.nio.file.Path;

/**
 * A model on local disk, ready to load.
 *
 * @param onnx the ONNX graph with its weights
 * @param tokenizer the HuggingFace tokenizer.json
 * @param descriptor how to run it
 * @param weightsSha256 hex sha256 of {@code onnx}
 */
public record ModelFiles(
    Path onnx, Path tokenizer, ModelDescriptor descriptor, String weightsSha256) {
  public static final String ONNX_FILE = "model.onnx";
  public static final String TOKENIZER_FILE = "tokenizer.json";
}
