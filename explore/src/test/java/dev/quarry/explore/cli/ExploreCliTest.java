package dev.quarry.explore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.engine.cli.QuarryCli;
import dev.quarry.index.Collection;
import dev.quarry.index.CollectionConfig;
import dev.quarry.index.Similarity;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExploreCliTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = QuarryCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Path blobs(int unlabelledEvery) {
    Path c = dir.resolve("c");
    dev.quarry.explore.BlobsAccess.create(c, unlabelledEvery).close();
    return c;
  }

  @Test
  void classifyLabelsTheUnlabelledDocuments() {
    Path c = blobs(4);
    Run r = run("classify", c.toString(), "--label-field", "label", "--k", "5");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines())
        .hasSize(15)
        .allMatch(l -> l.matches("d\\d{4}\tc[0-2]\t[01]\\.\\d{3}"));
  }

  @Test
  void classifyCrossValidatesWithAConfusionTable() {
    Path c = blobs(0);
    Run r = run("classify", c.toString(), "--label-field", "label", "--cv");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("label", "recall", "c0 ")
        .containsPattern("accuracy 0\\.9\\d+ over 60|accuracy 1\\.0000 over 60");
  }

  @Test
  void everyCommandRejectsACollectionWithoutVectors() {
    Path empty = dir.resolve("empty");
    Collection.create(empty, CollectionConfig.forVectors(8, Similarity.COSINE)).close();
    for (String[] args :
        new String[][] {
          {"classify", empty.toString(), "--label-field", "label"},
          {"dupes", empty.toString()},
          {"cluster", empty.toString(), "--k", "2"},
          {"map", empty.toString(), "--out", dir.resolve("m.png").toString()}
        }) {
      Run r = run(args);
      assertThat(r.exit()).isNotZero();
      assertThat(r.err().lines())
          .singleElement()
          .asString()
          .contains("holds no documents, so no vectors to")
          .contains("index some first");
    }
  }

  @Test
  void unknownFieldsAndBadParametersAreOneLine() {
    Path c = blobs(0);
    assertOneLine(
        run("classify", c.toString(), "--label-field", "colour"), "unknown field 'colour'");
    assertOneLine(
        run("classify", c.toString(), "--label-field", "label", "--k", "0"),
        "k must be between 1 and 1000, got 0");
    assertOneLine(
        run("classify", c.toString(), "--label-field", "label", "--method", "svm"),
        "unknown method 'svm'");
    assertOneLine(
        run("dupes", c.toString(), "--threshold", "1.5"),
        "threshold must be between 0.5 and 1, got 1.5");
    assertOneLine(
        run("dupes", c.toString(), "--keep", "biggest", "--delete"), "unknown keep rule 'biggest'");
    assertOneLine(
        run("dupes", c.toString(), "--keep", "oldest", "--delete", "--date-field", "when"),
        "unknown field 'when'");
    assertOneLine(
        run("classify", dir.resolve("nothing").toString(), "--label-field", "label"), "nothing");
  }

  @Test
  void dupesDeletesAllButTheLongestOfEachGroup() {
    Path c = dir.resolve("d");
    dev.quarry.explore.BlobsAccess.createWithCopies(c).close();
    Run r = run("dupes", c.toString(), "--threshold", "0.99", "--delete", "--keep", "longest");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("group of 2: keep a-long; a-short")
        .contains("deleted 1 documents");
    try (Collection after = Collection.openReadOnly(c)) {
      assertThat(after.get("a-short")).isEmpty();
      assertThat(after.get("a-long")).isPresent();
    }
  }

  @Test
  void clusterDescribesAndWritesTheClusterAsAField() {
    Path c = blobs(0);
    Run r = run("cluster", c.toString(), "--k", "3", "--write", "group");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().lines().filter(l -> l.matches("\\d+\\s+20\\s+document \\d+.*"))).hasSize(3);
    assertThat(r.out()).contains("wrote field 'group' on 60 documents");
    try (Collection after = Collection.openReadOnly(c)) {
      assertThat(after.fields()).containsKey("group");
      assertThat(after.get("d0000").orElseThrow().first("group"))
          .isEqualTo(after.get("d0001").orElseThrow().first("group"));
    }
  }

  @Test
  void mapWritesAPictureWithTheRequestedSize() throws Exception {
    Path c = blobs(0);
    Path png = dir.resolve("map.png");
    Run r = run("map", c.toString(), "--out", png.toString(), "--color-by", "label");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("60 documents, umap, coloured by label");
    assertThat(r.err()).isEmpty(); // not a terminal: no progress
    java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(1000);
  }

  @Test
  void mapWritesAPageThatNeedsNoNetwork() throws Exception {
    Path c = blobs(0);
    Path html = dir.resolve("map.html");
    Run r =
        run(
            "map",
            c.toString(),
            "--out",
            html.toString(),
            "--method",
            "pca",
            "--color-by",
            "cluster",
            "--clusters",
            "3",
            "--title",
            "Blobs <3>");
    assertThat(r.exit()).as(r.err()).isZero();
    String page = java.nio.file.Files.readString(html);
    assertThat(page)
        .contains("<title>Blobs &lt;3&gt;</title>")
        .contains("echarts.init")
        .contains("\"cluster 2\"")
        .contains("\"d0059\"")
        .contains("\"document 59\"")
        .doesNotContain("src=\"http");
  }

  @Test
  void mapRejectsBadInputWithOneLine() {
    Path c = blobs(0);
    String out = dir.resolve("m.png").toString();
    assertOneLine(
        run("map", c.toString(), "--out", out, "--color-by", "colour"), "unknown field 'colour'");
    assertOneLine(
        run("map", c.toString(), "--out", out, "--method", "tsne"),
        "unknown map method 'tsne': use umap or pca");
    assertOneLine(
        run("map", c.toString(), "--out", dir.resolve("m.svg").toString()),
        "--out must name a .png or .html file, got 'm.svg'");
    assertOneLine(
        run("map", c.toString(), "--out", out, "--sample", "-1"), "sample must be between 0 and");
    assertOneLine(
        run("map", c.toString(), "--out", out, "--neighbours", "1"),
        "neighbours must be between 2 and 200, got 1");
    assertOneLine(
        run("map", c.toString(), "--out", out, "--color-by", "cluster", "--clusters", "1"),
        "clusters must be between 2 and 1000, got 1");
    assertOneLine(
        run("map", c.toString(), "--out", out, "--sample", "2"),
        "a UMAP map needs at least 3 documents, got 2");
  }

  @Test
  void clusterByHdbscanFindsItsOwnNumberAndWritesNoiseAsMinusOne() {
    Path c = blobs(0);
    Run r =
        run(
            "cluster",
            c.toString(),
            "--method",
            "hdbscan",
            "--reduce",
            "none",
            "--min-size",
            "10",
            "--write",
            "g");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("HDBSCAN (smallest cluster 10): 3 clusters");
    assertThat(r.out().lines().filter(l -> l.matches("\\d+\\s+\\d+\\s+document \\d+.*")))
        .hasSize(3);
    try (Collection after = Collection.openReadOnly(c)) {
      assertThat(after.get("d0000").orElseThrow().first("g")).isIn(-1L, 0L, 1L, 2L);
    }
  }

  @Test
  void clusterByHdbscanOnUmapReducedVectors() {
    Path c = blobs(0);
    Run r =
        run("cluster", c.toString(), "--method", "hdbscan", "--reduce", "umap", "--min-size", "10");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out())
        .contains("HDBSCAN (on UMAP to 5 dimensions, smallest cluster 10): 3 clusters");
  }

  @Test
  void clusterAutoChoosesKBySilhouette() {
    Path c = blobs(0);
    Run r = run("cluster", c.toString(), "--auto");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("k = 3 by mean silhouette (k:score 2:");
    assertThat(r.out().lines().filter(l -> l.matches("\\d+\\s+20\\s+document \\d+.*"))).hasSize(3);
  }

  @Test
  void clusterRejectsBadOptionsInOneLine() {
    Path c = blobs(0);
    String dir = c.toString();
    assertOneLine(run("cluster", dir), "k-means needs exactly one of --k N");
    assertOneLine(run("cluster", dir, "--k", "3", "--auto"), "k-means needs exactly one of --k N");
    assertOneLine(run("cluster", dir, "--k", "1"), "k must be between 2 and 60, got 1");
    assertOneLine(run("cluster", dir, "--method", "dbscan"), "unknown method 'dbscan'");
    assertOneLine(
        run("cluster", dir, "--method", "hdbscan", "--k", "3"), "--k is for k-means: HDBSCAN");
    assertOneLine(
        run("cluster", dir, "--k", "3", "--min-size", "5"),
        "--min-size, --sample, --reduce and --reduce-dims are for --method hdbscan only");
    assertOneLine(
        run("cluster", dir, "--method", "hdbscan", "--reduce", "pca"),
        "unknown --reduce 'pca': use umap or none");
    assertOneLine(
        run("cluster", dir, "--method", "hdbscan", "--reduce-dims", "3"),
        "--reduce-dims needs --reduce umap");
    assertOneLine(
        run("cluster", dir, "--method", "hdbscan", "--reduce", "umap", "--reduce-dims", "1"),
        "reduce-dims must be between 2 and 15, got 1");
    assertOneLine(
        run("cluster", dir, "--method", "hdbscan", "--min-size", "1"),
        "min-size must be between 2 and 60, got 1");
    assertOneLine(
        run("cluster", dir, "--method", "hdbscan", "--sample", "5"),
        "sample must be between 100 and 1000000, got 5");
    assertOneLine(
        run("cluster", dir, "--k", "3", "--write", "label"),
        "field 'label' holds keyword values; --write needs a new field or an integer one");
    try (Collection after = Collection.openReadOnly(c)) {
      assertThat(after.get("d0000").orElseThrow().first("label")).isEqualTo("c0");
    }
  }

  private static void assertOneLine(Run r, String part) {
    assertThat(r.exit()).isNotZero();
    assertThat(r.err().lines()).singleElement().asString().startsWith("error: ").contains(part);
  }
}
