package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.index.Collection;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CollectionMapTest {
  @TempDir Path dir;

  @Test
  void umapThroughTheGraphKeepsTheBlobsApartAndIsRepeatable() {
    try (Collection c = Blobs.create(dir.resolve("c"), 3, 30, 0.2, 0, 5)) {
      Points points = Points.of(c, "map");
      MapOptions options = MapOptions.of(MapMethod.UMAP).colorBy("label");
      MapLayout map = CollectionMap.build(c, points, options, 2, MapProgress.none());
      assertThat(map.points()).hasSize(90);
      assertThat(map.groups(50)).containsOnlyKeys("c0", "c1", "c2");
      assertThat(nearestHasSameLabel(map)).isGreaterThanOrEqualTo(0.95);
      assertThat(trustworthiness(points, map)).isGreaterThan(0.9);
      MapLayout again = CollectionMap.build(c, points, options, 2, MapProgress.none());
      assertThat(again.points()).isEqualTo(map.points());
    }
  }

  @Test
  void aSampleMapsOnlyItsDocumentsWithNeighboursAmongThem() {
    try (Collection c = Blobs.create(dir.resolve("c"), 3, 30, 0.2, 0, 6)) {
      Points points = Points.of(c, "map");
      MapLayout map =
          CollectionMap.build(
              c,
              points,
              MapOptions.of(MapMethod.UMAP).colorBy("label").sample(40, 3),
              2,
              MapProgress.none());
      assertThat(map.points()).hasSize(40);
      assertThat(map.points().stream().map(MapPoint::id).distinct()).hasSize(40);
      assertThat(nearestHasSameLabel(map)).isGreaterThanOrEqualTo(0.9);
    }
  }

  @Test
  void clustersColourThePointsWhenAsked() {
    try (Collection c = Blobs.create(dir.resolve("c"), 3, 20, 0.2, 0, 7)) {
      Points points = Points.of(c, "map");
      MapLayout map =
          CollectionMap.build(
              c,
              points,
              MapOptions.of(MapMethod.PCA).colorBy(MapOptions.CLUSTER).clusters(3),
              2,
              MapProgress.none());
      assertThat(map.groups(50)).containsOnlyKeys("cluster 0", "cluster 1", "cluster 2");
      assertThat(map.groups(50).values()).allMatch(g -> g.size() == 20);
    }
  }

  @Test
  void badInputFailsWithOneLine() {
    try (Collection c = Blobs.create(dir.resolve("c"), 2, 1, 0.2, 0, 8)) {
      Points points = Points.of(c, "map");
      assertThatThrownBy(
              () ->
                  CollectionMap.build(
                      c, points, MapOptions.of(MapMethod.UMAP), 1, MapProgress.none()))
          .hasMessage(
              "a UMAP map needs at least 3 documents, got 2: use --method pca or map more documents");
      assertThatThrownBy(
              () ->
                  CollectionMap.build(
                      c,
                      points,
                      MapOptions.of(MapMethod.PCA).colorBy("colour"),
                      1,
                      MapProgress.none()))
          .hasMessageStartingWith("unknown field 'colour' in collection");
    }
    assertThatThrownBy(() -> MapMethod.parse("tsne"))
        .hasMessage("unknown map method 'tsne': use umap or pca");
  }

  @Test
  void rareLabelsAreMergedPastTheLegendsSize() {
    List<MapPoint> points =
        List.of(
            new MapPoint("1", "t", "a", 0, 0),
            new MapPoint("2", "t", "a", 0, 0),
            new MapPoint("3", "t", "b", 0, 0),
            new MapPoint("4", "t", "c", 0, 0));
    Map<String, List<MapPoint>> groups = new MapLayout(MapMethod.PCA, "f", points).groups(2);
    assertThat(groups.keySet()).containsExactly("a", "b", CollectionMap.OTHER);
    assertThat(groups.get(CollectionMap.OTHER)).extracting(MapPoint::id).containsExactly("4");
  }

  /** Share of points whose nearest point on the map carries the same label. */
  static double nearestHasSameLabel(MapLayout map) {
    List<MapPoint> p = map.points();
    int same = 0;
    for (int i = 0; i < p.size(); i++) {
      int best = -1;
      double bestD = Double.POSITIVE_INFINITY;
      for (int j = 0; j < p.size(); j++) {
        double dx = p.get(i).x() - p.get(j).x();
        double dy = p.get(i).y() - p.get(j).y();
        if (j != i && dx * dx + dy * dy < bestD) {
          best = j;
          bestD = dx * dx + dy * dy;
        }
      }
      same += p.get(best).label().equals(p.get(i).label()) ? 1 : 0;
    }
    return same / (double) p.size();
  }

  private static double trustworthiness(Points points, MapLayout map) {
    Map<String, float[]> byId = new HashMap<>();
    points.documents().forEach(d -> byId.put(d.id(), d.vector()));
    float[][] original = new float[map.points().size()][];
    float[][] layout = new float[original.length][];
    for (int i = 0; i < original.length; i++) {
      original[i] = byId.get(map.points().get(i).id());
      layout[i] = new float[] {map.points().get(i).x(), map.points().get(i).y()};
    }
    return Trustworthiness.of(original, layout, 5);
  }
}
