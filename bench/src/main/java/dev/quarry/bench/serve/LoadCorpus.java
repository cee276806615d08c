package dev.quarry.bench.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** The documents and queries of a load run: WordNet glosses, or seeded generated text. */
record LoadCorpus(String name, List<String> texts, List<String> queries) {
  private static final int QUERIES = 2000;

  static LoadCorpus wordnet(Path data, int docs) {
    List<String> all = dev.quarry.bench.BenchData.wordnetGlosses(data);
    if (all.size() < docs) {
      throw new IllegalArgumentException(
          "--docs " + docs + ": WordNet has " + all.size() + " glosses");
    }
    List<String> texts = all.subList(0, docs);
    // Queries: the first words of glosses spread over the corpus.
    List<String> queries = new ArrayList<>(QUERIES);
    for (int i = 0; i < QUERIES; i++) {
      String[] words = all.get((int) ((long) i * all.size() / QUERIES)).split("\\s+");
      queries.add(String.join(" ", java.util.Arrays.copyOf(words, Math.min(6, words.length))));
    }
    return new LoadCorpus("wordnet", texts, queries);
  }

  /** Sentences of 8 to 24 words from a 600-word vocabulary; no shared data needed (CI). */
  static LoadCorpus generated(int docs, long seed) {
    Random random = new Random(seed);
    List<String> vocabulary = new ArrayList<>(600);
    for (int i = 0; i < 600; i++) {
      StringBuilder w = new StringBuilder();
      int length = 3 + random.nextInt(7);
      for (int c = 0; c < length; c++) {
        w.append((char) ('a' + random.nextInt(26)));
      }
      vocabulary.add(w.toString());
    }
    List<String> texts = new ArrayList<>(docs);
    for (int i = 0; i < docs; i++) {
      texts.add(sentence(random, vocabulary, 8 + random.nextInt(17)));
    }
    List<String> queries = new ArrayList<>(QUERIES);
    for (int i = 0; i < QUERIES; i++) {
      queries.add(sentence(random, vocabulary, 2 + random.nextInt(5)));
    }
    return new LoadCorpus("generated", texts, queries);
  }

  private static String sentence(Random random, List<String> vocabulary, int words) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words; i++) {
      sb.append(i == 0 ? "" : " ").append(vocabulary.get(random.nextInt(vocabulary.size())));
    }
    return sb.toString();
  }
}
