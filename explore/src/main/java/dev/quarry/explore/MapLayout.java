package dev.quarry.explore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A collection's documents laid out in two dimensions.
 *
 * @param method how the layout was made
 * @param colorBy what the labels are (a field, "cluster", or null for none)
 * @param points one per document mapped, in the collection's id order
 */
public record MapLayout(MapMethod method, String colorBy, List<MapPoint> points) {
  public MapLayout {
    points = List.copyOf(points);
  }

  /**
   * The labels by how many points carry them, most first, then by name; past {@code max} labels the
   * rest are merged into {@link CollectionMap#OTHER} (a legend of hundreds of entries helps no
   * one).
   */
  public Map<String, List<MapPoint>> groups(int max) {
    Map<String, List<MapPoint>> byLabel = new LinkedHashMap<>();
    points.forEach(p -> byLabel.computeIfAbsent(p.label(), l -> new ArrayList<>()).add(p));
    List<Map.Entry<String, List<MapPoint>>> sorted = new ArrayList<>(byLabel.entrySet());
    sorted.sort(
        Comparator.comparingInt((Map.Entry<String, List<MapPoint>> e) -> -e.getValue().size())
            .thenComparing(Map.Entry::getKey));
    Map<String, List<MapPoint>> out = new LinkedHashMap<>();
    for (int i = 0; i < sorted.size(); i++) {
      String label = i < max ? sorted.get(i).getKey() : CollectionMap.OTHER;
      out.computeIfAbsent(label, l -> new ArrayList<>()).addAll(sorted.get(i).getValue());
    }
    return out;
  }

  /** The axis names: "UMAP 1", "PC 1"... */
  public String axis(int i) {
    return (method == MapMethod.UMAP ? "UMAP " : "PC ") + i;
  }
}
