package dev.quarry.bench.explore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Near-duplicates planted in a corpus, seeded: for each chosen original, either an edited copy
 * (typos, dropped and repeated words, a changed number) or a paraphrase-like rewrite (sentences
 * reordered, one dropped, common words swapped for synonyms). The substitutions are everyday
 * English, written for this generator, not taken from the corpus.
 */
final class PlantedDuplicates {
  private static final Map<String, String> SYNONYMS =
      Map.ofEntries(
          Map.entry("showed", "demonstrated"),
          Map.entry("show", "demonstrate"),
          Map.entry("however", "but"),
          Map.entry("increased", "raised"),
          Map.entry("decreased", "reduced"),
          Map.entry("significant", "marked"),
          Map.entry("significantly", "markedly"),
          Map.entry("patients", "subjects"),
          Map.entry("results", "findings"),
          Map.entry("study", "investigation"),
          Map.entry("found", "observed"),
          Map.entry("using", "with"),
          Map.entry("associated", "linked"),
          Map.entry("important", "key"),
          Map.entry("suggest", "indicate"),
          Map.entry("suggests", "indicates"),
          Map.entry("method", "approach"),
          Map.entry("methods", "approaches"),
          Map.entry("large", "big"),
          Map.entry("small", "little"),
          Map.entry("also", "additionally"),
          Map.entry("these", "such"),
          Map.entry("whereas", "while"),
          Map.entry("examined", "studied"),
          Map.entry("analysis", "assessment"),
          Map.entry("role", "function"),
          Map.entry("effect", "impact"),
          Map.entry("effects", "impacts"),
          Map.entry("risk", "hazard"),
          Map.entry("cells", "cellular units"));

  /** A planted copy: its text and the id of the document it copies. */
  record Copy(String id, String original, String kind, String text) {}

  private PlantedDuplicates() {}

  /** One copy for each of {@code count} originals drawn from {@code ids}/{@code texts}. */
  static List<Copy> plant(List<String> ids, List<String> texts, int count, long seed) {
    Random random = new Random(seed);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < ids.size(); i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    List<Copy> out = new ArrayList<>();
    for (int n = 0; n < Math.min(count, ids.size()); n++) {
      int i = order.get(n);
      boolean edit = n % 2 == 0;
      String text = edit ? edited(texts.get(i), random) : paraphrased(texts.get(i), random);
      out.add(new Copy("dup-" + n, ids.get(i), edit ? "edited" : "paraphrase", text));
    }
    return out;
  }

  /** About 3% of words get a typo, 2% are dropped, 1% repeated; one number changes. */
  static String edited(String text, Random random) {
    List<String> out = new ArrayList<>();
    boolean numberChanged = false;
    for (String w : text.split(" ")) {
      double r = random.nextDouble();
      if (!numberChanged && w.matches("\\d+")) {
        out.add(Integer.toString(Integer.parseInt(w.length() > 6 ? w.substring(0, 6) : w) + 1));
        numberChanged = true;
      } else if (r < 0.02) {
        continue;
      } else if (r < 0.05 && w.length() > 3) {
        int p = 1 + random.nextInt(w.length() - 2);
        out.add(w.substring(0, p) + w.charAt(p + 1) + w.charAt(p) + w.substring(p + 2));
      } else if (r < 0.06) {
        out.add(w);
        out.add(w);
      } else {
        out.add(w);
      }
    }
    return String.join(" ", out);
  }

  /** The last sentence moves first, one middle sentence of five or more goes, synonyms swap in. */
  static String paraphrased(String text, Random random) {
    List<String> sentences = new ArrayList<>(Arrays.asList(text.split("(?<=\\.) ")));
    if (sentences.size() >= 5) {
      sentences.remove(1 + random.nextInt(sentences.size() - 2));
    }
    if (sentences.size() > 1) {
      sentences.add(0, sentences.remove(sentences.size() - 1));
    }
    StringBuilder sb = new StringBuilder();
    for (String w : String.join(" ", sentences).split(" ")) {
      String swap = SYNONYMS.get(w);
      sb.append(sb.isEmpty() ? "" : " ").append(swap != null ? swap : w);
    }
    return sb.toString();
  }
}
