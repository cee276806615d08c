package dev.quarry.query.interpret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecencyCheckTest {
  private static final ModelIdentity MODEL = new ModelIdentity("tiny", "abc", "mean", 3);

  private static RecencyCheck check(double bias) {
    return new RecencyCheck(MODEL, 0.02, bias, new float[] {4, 0, -4}, "own sentences");
  }

  private static RecencyCheck reread(String text) throws IOException {
    return RecencyCheck.read(new BufferedReader(new StringReader(text)), "test.txt");
  }

  private static String written(RecencyCheck c) throws IOException {
    StringWriter w = new StringWriter();
    c.write(w);
    return w.toString();
  }

  @Test
  void theProbabilityIsTheLogisticOfTheWeightedVector() {
    RecencyCheck c = check(-1);
    assertThat(c.probability(new float[] {0.5f, 0, 0})).isCloseTo(1 / (1 + Math.exp(-1)), within());
    assertThat(c.probability(new float[] {0, 0, 1})).isCloseTo(1 / (1 + Math.exp(5)), within());
  }

  @Test
  void aCueUnderTheThresholdIsSetAsideAndExplainedOneAboveStands() {
    Interpretation in = EnglishInterpreter.INSTANCE.interpret("latest bread recipes", true);
    assertThat(in.recencyCue()).contains("latest");
    RecencyCheck.Review low = check(-10).review(in, new float[] {0, 0, 1});
    assertThat(low.interpretation().recencyCue()).isEmpty();
    assertThat(low.interpretation().semantic()).isEqualTo(in.semantic());
    assertThat(low.setAside().orElseThrow())
        .startsWith("recency: cue 'latest' set aside: the recency check (tiny) reads probability");
    RecencyCheck.Review high = check(10).review(in, new float[] {0, 0, 1});
    assertThat(high.interpretation()).isEqualTo(in);
    assertThat(high.setAside()).isEmpty();
  }

  @Test
  void aQueryWithoutACueIsLeftAsItIs() {
    Interpretation in = EnglishInterpreter.INSTANCE.interpret("bread recipes", true);
    assertThat(check(-10).review(in, new float[] {0, 0, 1}).interpretation()).isEqualTo(in);
  }

  @Test
  void whatIsWrittenReadsBackTheSame() throws IOException {
    RecencyCheck c = check(-1.25);
    RecencyCheck back = reread(written(c));
    assertThat(back.model()).isEqualTo(MODEL);
    assertThat(back.threshold()).isEqualTo(0.02);
    float[] v = {0.3f, -0.2f, 0.9f};
    assertThat(back.probability(v)).isEqualTo(c.probability(v));
    assertThat(written(back)).isEqualTo(written(c));
  }

  @Test
  void aDamagedFileFailsFastAndIsNamed() throws IOException {
    String good = written(check(-1));
    for (String bad :
        new String[] {
          "",
          good.replace("quarry-recency-check 1", "quarry-recency-check 9"),
          good.replace("threshold 0.02", "threshold x"),
          good.replace(" -4.0\n", "\n"),
          good.replace(" -4.0\n", " NaN\n"),
          good.replace("trained-on", "trained"),
        }) {
      assertThatThrownBy(() -> reread(bad))
          .isInstanceOf(QuarryException.class)
          .hasMessageStartingWith("recency check test.txt is corrupt")
          .extracting(e -> ((QuarryException) e).kind())
          .isEqualTo(QuarryException.Kind.CORRUPT);
    }
  }

  @Test
  void theBundledCheckServesOnlyTheExactModelItWasTrainedOn() throws IOException {
    String resource = "/dev/quarry/query/interpret/recency-check/all-minilm-l6-v2.txt";
    RecencyCheck bundled;
    try (var in = RecencyCheck.class.getResourceAsStream(resource)) {
      bundled =
          RecencyCheck.read(
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
    }
    ModelIdentity trained = bundled.model();
    assertThat(trained.dimensions()).isEqualTo(384);
    assertThat(RecencyCheck.bundledFor(trained)).isPresent();
    ModelIdentity otherWeights =
        new ModelIdentity(trained.name(), "0".repeat(64), trained.pooling(), 384);
    assertThat(RecencyCheck.bundledFor(otherWeights)).isEmpty();
    assertThat(RecencyCheck.bundledFor(MODEL)).isEmpty();
  }

  @Test
  void weightsMustMatchTheModelsDimensions() {
    assertThatThrownBy(() -> new RecencyCheck(MODEL, 0.02, 0, new float[2], "x"))
        .hasMessage("recency check weights must have the model's 3 dimensions");
    assertThatThrownBy(() -> check(0).probability(new float[2]))
        .hasMessage("the recency check needs a 3-dimension query vector");
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-6);
  }
}
