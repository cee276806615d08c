package dev.quarry.query.interpret;

import dev.quarry.core.ModelIdentity;
import dev.quarry.core.QuarryException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A learned second opinion on the English recency cues: a logistic regression over the query's
 * embedding that estimates whether the query asks for the newest documents first. A cue the rules
 * found ("latest", "last", "current" …) is set aside when the estimate falls below the threshold;
 * the check never adds a cue the rules did not find (decision 0175).
 *
 * <p>The weights belong to one embedding model: {@link #bundledFor} returns a check only for the
 * exact model it was trained with. Immutable and safe for concurrent use. The file format is in
 * docs/format.md, "Recency check".
 */
public final class RecencyCheck {
  /** The first line of the file; the number is the format version. */
  static final String MAGIC = "quarry-recency-check 1";

  private static final String RESOURCE_FOLDER = "/dev/quarry/query/interpret/recency-check/";

  private final ModelIdentity model;
  private final double threshold;
  private final double bias;
  private final float[] weights;
  private final String trainedOn;

  /**
   * @param model the embedding model the weights were trained on
   * @param threshold a cue is set aside below this probability
   * @param bias the regression's intercept
   * @param weights one per dimension of the model's vectors
   * @param trainedOn which query sets trained it, for the record
   */
  public RecencyCheck(
      ModelIdentity model, double threshold, double bias, float[] weights, String trainedOn) {
    if (weights.length != model.dimensions()) {
      throw QuarryException.invalid(
          "recency check weights must have the model's " + model.dimensions() + " dimensions");
    }
    this.model = model;
    this.threshold = threshold;
    this.bias = bias;
    this.weights = weights.clone();
    this.trainedOn = trainedOn;
  }

  /** The check shipped with Quarry for {@code model}, if one was trained on exactly that model. */
  public static Optional<RecencyCheck> bundledFor(ModelIdentity model) {
    String resource = RESOURCE_FOLDER + model.name() + ".txt";
    try (InputStream in = RecencyCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        return Optional.empty();
      }
      RecencyCheck check =
          read(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), resource);
      return check.model.equals(model) ? Optional.of(check) : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The estimated probability that a query embedded (as a query) by this model wants the newest.
   */
  public double probability(float[] queryVector) {
    if (queryVector.length != weights.length) {
      throw QuarryException.invalid(
          "the recency check needs a " + weights.length + "-dimension query vector");
    }
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * queryVector[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * What the check leaves of an interpretation.
   *
   * @param interpretation {@code in}, without its recency cue where the check set it aside
   * @param setAside for explain: the cue set aside and its estimate; empty when it stands
   */
  public record Review(Interpretation interpretation, Optional<String> setAside) {}

  /**
   * Reviews the recency cue of {@code in}, if it has one.
   *
   * @param semanticVector {@code in.semantic()} embedded as a query by this check's model
   */
  public Review review(Interpretation in, float[] semanticVector) {
    if (in.recencyCue().isEmpty()) {
      return new Review(in, Optional.empty());
    }
    double p = probability(semanticVector);
    if (p >= threshold) {
      return new Review(in, Optional.empty());
    }
    return new Review(
        in.withoutRecencyCue(),
        Optional.of(
            String.format(
                Locale.ROOT,
                "recency: cue '%s' set aside: the recency check (%s) reads probability %.3f, under"
                    + " %.2f",
                in.recencyCue().get(),
                model.name(),
                p,
                threshold)));
  }

  public ModelIdentity model() {
    return model;
  }

  public double threshold() {
    return threshold;
  }

  /** Writes the check in the format {@link #read} reads. */
  public void write(Writer out) throws IOException {
    out.write(MAGIC + "\n");
    out.write(
        "model "
            + String.join(
                " ",
                model.name(),
                model.weightsSha256(),
                model.pooling(),
                Integer.toString(model.dimensions()))
            + "\n");
    out.write("threshold " + threshold + "\n");
    out.write("trained-on " + trainedOn + "\n");
    StringBuilder line = new StringBuilder("weights ").append(bias);
    for (float w : weights) {
      line.append(' ').append(w);
    }
    out.write(line.append('\n').toString());
  }

  /** Reads a check; {@code source} names the file in errors. Fails fast on any malformed line. */
  public static RecencyCheck read(BufferedReader in, String source) throws IOException {
    if (!MAGIC.equals(in.readLine())) {
      throw corrupt(source, "does not start with '" + MAGIC + "'");
    }
    String[] m = fields(in.readLine(), "model", 5, source);
    ModelIdentity model = new ModelIdentity(m[1], m[2], m[3], integer(m[4], source));
    double threshold = number(fields(in.readLine(), "threshold", 2, source)[1], source);
    String trained = in.readLine();
    if (trained == null || !trained.startsWith("trained-on ")) {
      throw corrupt(source, "has no 'trained-on' line");
    }
    String[] w = fields(in.readLine(), "weights", model.dimensions() + 2, source);
    float[] weights = new float[model.dimensions()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = (float) number(w[i + 2], source);
    }
    return new RecencyCheck(
        model, threshold, number(w[1], source), weights, trained.substring("trained-on ".length()));
  }

  private static String[] fields(String line, String key, int count, String source) {
    String[] f = line == null ? new String[0] : line.trim().split(" ");
    if (f.length != count || !f[0].equals(key)) {
      throw corrupt(source, "needs a '" + key + "' line of " + count + " fields");
    }
    return f;
  }

  private static double number(String s, String source) {
    try {
      double d = Double.parseDouble(s);
      if (!Double.isFinite(d)) {
        throw corrupt(source, "holds a number that is not finite: " + s);
      }
      return d;
    } catch (NumberFormatException e) {
      throw corrupt(source, "holds '" + s + "' where a number belongs");
    }
  }

  private static int integer(String s, String source) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      throw corrupt(source, "holds '" + s + "' where a whole number belongs");
    }
  }

  private static QuarryException corrupt(String source, String what) {
    return new QuarryException(
        QuarryException.Kind.CORRUPT,
        String.format(Locale.ROOT, "recency check %s is corrupt: it %s", source, what));
  }
}
