package dev.quarry.explore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.WordlistLoader;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.util.IOUtils;

/**
 * Describes clusters by size, medoid and keywords. A keyword scores its share of the cluster's
 * documents times its inverse document frequency over the collection (TF-IDF over clusters).
 * Keywords leave out Snowball's English stop list (Lucene's copy, decision 0112): the collection's
 * analyzer keeps words such as "how", "were" or "your", which searches need but a topic does not.
 */
public final class ClusterDescriber {
  private static final CharArraySet STOP_WORDS = englishStopWords();

  private final Analyzer analyzer;

  /** {@code analyzer}: the collection's keyword analyzer, so keywords are the terms it indexes. */
  public ClusterDescriber(Analyzer analyzer) {
    this.analyzer = analyzer;
  }

  /** One summary per cluster, largest first, each with up to {@code keywords} keywords. */
  public List<ClusterSummary> describe(Points points, Clustering clustering, int keywords) {
    int k = clustering.clusters();
    List<Map<String, Integer>> perCluster = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      perCluster.add(new HashMap<>());
    }
    Map<String, Integer> overall = new HashMap<>();
    int[] medoid = new int[k];
    double[] medoidDistance = new double[k];
    Arrays.fill(medoidDistance, Double.POSITIVE_INFINITY);
    for (int i = 0; i < points.size(); i++) {
      int c = clustering.assignment()[i];
      for (String term : terms(points, i)) {
        overall.merge(term, 1, Integer::sum);
        if (c != Clustering.NOISE) {
          perCluster.get(c).merge(term, 1, Integer::sum);
        }
      }
      if (c == Clustering.NOISE) {
        continue;
      }
      double d = KMeans.squaredDistance(points.vector(i), clustering.centroids()[c]);
      if (d < medoidDistance[c]) {
        medoidDistance[c] = d;
        medoid[c] = i;
      }
    }
    int[] sizes = clustering.sizes();
    List<ClusterSummary> out = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      if (sizes[c] == 0) {
        continue;
      }
      int size = sizes[c];
      List<String> top =
          perCluster.get(c).entrySet().stream()
              .sorted(
                  Comparator.comparingDouble(
                          (Map.Entry<String, Integer> e) ->
                              -(double) e.getValue()
                                  / size
                                  * Math.log((double) points.size() / overall.get(e.getKey())))
                      .thenComparing(Map.Entry::getKey))
              .limit(keywords)
              .map(Map.Entry::getKey)
              .toList();
      out.add(
          new ClusterSummary(c, size, points.get(medoid[c]).id(), points.title(medoid[c]), top));
    }
    out.sort(Comparator.comparingInt(ClusterSummary::size).reversed());
    return out;
  }

  /** The distinct analyzed terms of a document's title and text. */
  private Set<String> terms(Points points, int i) {
    var d = points.get(i);
    Set<String> terms = new HashSet<>();
    String text = (d.title() == null ? "" : d.title() + "\n") + (d.text() == null ? "" : d.text());
    try (TokenStream ts = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
      ts.reset();
      while (ts.incrementToken()) {
        if (term.length() > 2 && !STOP_WORDS.contains(term.buffer(), 0, term.length())) {
          terms.add(term.toString());
        }
      }
      ts.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return terms;
  }

  private static CharArraySet englishStopWords() {
    try (var reader =
        IOUtils.getDecodingReader(
            IOUtils.requireResourceNonNull(
                SnowballFilter.class.getResourceAsStream("english_stop.txt"), "english_stop.txt"),
            StandardCharsets.UTF_8)) {
      return WordlistLoader.getSnowballWordSet(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
