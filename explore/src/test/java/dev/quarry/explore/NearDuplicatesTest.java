package dev.quarry.explore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.index.Collection;
import dev.quarry.index.Document;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NearDuplicatesTest {
  @TempDir Path dir;

  @Test
  void theGraphFindsWhatTheFullScanFinds() {
    try (Collection c = Blobs.create(dir, 20, 10, 1.0, 0, 5)) {
      Random random = new Random(6);
      List<Document> copies = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        Document original = c.get(String.format("d%04d", i * 5)).orElseThrow();
        float[] v = original.vector().clone();
        // Stored vectors are unit length: noise of 0.01 per dimension is about 0.04 of it.
        float[] noise = Blobs.gaussian(random, 0.01);
        for (int d = 0; d < v.length; d++) {
          v[d] += noise[d];
        }
        copies.add(Document.builder("copy" + i).text("copy").vector(v).build());
      }
      c.upsert(copies);
      Points points = Points.of(c, "compare");
      var graph = NearDuplicates.find(c, points, 0.97, NearDuplicates.DEFAULT_NEIGHBOURS);
      var exact = NearDuplicates.allPairs(points, 0.97);
      assertThat(exact.pairs()).hasSizeGreaterThanOrEqualTo(30);
      assertThat(graph.pairs()).isEqualTo(exact.pairs());
      assertThat(graph.groups()).isEqualTo(exact.groups());
      assertThat(graph.groups()).anySatisfy(g -> assertThat(g).contains("copy0", "d0000"));
    }
  }
}
