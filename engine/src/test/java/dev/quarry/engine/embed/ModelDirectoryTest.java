package dev.quarry.engine.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.QuarryException;
import dev.quarry.core.Role;
import dev.quarry.core.Vectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user's own model directory: loads when valid, fails clearly when not. */
class ModelDirectoryTest {
  private static ModelFiles minilm;

  @TempDir Path dir;

  @BeforeAll
  static void extract() {
    minilm = ModelRepository.resolve("all-minilm-l6-v2");
  }

  private void layout(String descriptor) throws IOException {
    Files.createSymbolicLink(dir.resolve("model.onnx"), minilm.onnx());
    Files.createSymbolicLink(dir.resolve("tokenizer.json"), minilm.tokenizer());
    if (descriptor != null) {
      Files.writeString(dir.resolve(ModelDescriptor.FILE_NAME), descriptor);
    }
  }

  @Test
  void validDirectoryLoadsAndMatchesTheBuiltinModel() throws IOException {
    layout("{\"name\":\"my-minilm\",\"pooling\":\"mean\",\"maxTokens\":256,\"dimensions\":384}");
    try (OnnxEmbedder own =
            OnnxEmbedder.open(ModelRepository.resolve(dir.toString()), EmbedderOptions.DEFAULTS);
        OnnxEmbedder builtin = OnnxEmbedder.open(minilm, EmbedderOptions.DEFAULTS)) {
      assertThat(own.identity().name()).isEqualTo("my-minilm");
      assertThat(own.identity().weightsSha256()).isEqualTo(minilm.weightsSha256());
      float[] a = own.embed("a user model", Role.PASSAGE);
      float[] b = builtin.embed("a user model", Role.PASSAGE);
      assertThat(Vectors.dot(a, b)).isGreaterThan(0.99999f);
    }
  }

  @Test
  void missingDescriptorSaysWhatToAdd() throws IOException {
    layout(null);
    assertThatThrownBy(() -> ModelRepository.resolve(dir.toString()))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("has no quarry-model.json")
        .hasMessageContaining("\"pooling\"");
  }

  @Test
  void missingOnnxFileIsNamed() throws IOException {
    Files.writeString(
        dir.resolve(ModelDescriptor.FILE_NAME),
        "{\"name\":\"x\",\"pooling\":\"cls\",\"maxTokens\":128,\"dimensions\":384}");
    assertThatThrownBy(() -> ModelRepository.resolve(dir.toString()))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("has no model.onnx");
  }

  @Test
  void dimensionsThatDisagreeWithTheModelAreRejected() throws IOException {
    layout("{\"name\":\"x\",\"pooling\":\"mean\",\"maxTokens\":256,\"dimensions\":768}");
    ModelFiles files = ModelRepository.resolve(dir.toString());
    assertThatThrownBy(() -> OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("outputs 384-d vectors")
        .hasMessageContaining("dimensions=768")
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.INCOMPATIBLE);
  }

  @Test
  void tokenizerWithLargerVocabularyThanTheModelIsRejected() throws IOException {
    Files.createSymbolicLink(dir.resolve("model.onnx"), minilm.onnx());
    String tokenizer = Files.readString(minilm.tokenizer());
    // Add a token whose id lies past the model's 30,522-row embedding table.
    tokenizer =
        tokenizer.replaceFirst(
            "\"added_tokens\"\\s*:\\s*\\[",
            "\"added_tokens\":[{\"id\":40000,\"content\":\"[EXTRA]\",\"single_word\":false,"
                + "\"lstrip\":false,\"rstrip\":false,\"normalized\":false,\"special\":true},");
    Files.writeString(dir.resolve("tokenizer.json"), tokenizer);
    Files.writeString(
        dir.resolve(ModelDescriptor.FILE_NAME),
        "{\"name\":\"x\",\"pooling\":\"mean\",\"maxTokens\":256,\"dimensions\":384}");
    ModelFiles files = ModelRepository.resolve(dir.toString());
    assertThatThrownBy(() -> OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("emits token ids up to 40000")
        .hasMessageContaining("does not belong to this model");
  }

  @Test
  void garbageOnnxFileFailsAsCorruptNamingTheDirectory() throws IOException {
    Files.write(dir.resolve("model.onnx"), new byte[] {1, 2, 3, 4, 5});
    Files.createSymbolicLink(dir.resolve("tokenizer.json"), minilm.tokenizer());
    Files.writeString(
        dir.resolve(ModelDescriptor.FILE_NAME),
        "{\"name\":\"x\",\"pooling\":\"mean\",\"maxTokens\":256,\"dimensions\":384}");
    ModelFiles files = ModelRepository.resolve(dir.toString());
    assertThatThrownBy(() -> OnnxEmbedder.open(files, EmbedderOptions.DEFAULTS))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("cannot load model from " + dir)
        .extracting(e -> ((QuarryException) e).kind())
        .isEqualTo(QuarryException.Kind.CORRUPT);
  }

  @Test
  void unknownModelNameListsTheChoices() {
    assertThatThrownBy(() -> ModelRepository.resolve("no-such-model"))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("unknown model 'no-such-model'")
        .hasMessageContaining("all-minilm-l6-v2");
  }
}
