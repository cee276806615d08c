package dev.quarry.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** YAML front matter: typed metadata, cut from the text; broken blocks stay text with a reason. */
class FrontMatterTest {

  @Test
  void keysBecomeTypedMetadataAndTheBlockIsCutFromTheText() {
    FrontMatter.Split s =
        FrontMatter.split(
            """
            ---
            title: Pruning roses
            date: 2024-03-05
            updated: 2024-03-06T10:15:00+01:00
            tags: [garden, roses]
            draft: false
            minutes: 12
            rating: 4.5
            zip: 02139
            country: NO
            time: 1:30
            author:
              name: Ana
            ---
            # Pruning roses

            Cut above an outward-facing bud.
            """);
    assertThat(s.problem()).isNull();
    assertThat(s.body()).startsWith("# Pruning roses").doesNotContain("tags").doesNotContain("---");
    assertThat(s.fields())
        .containsEntry("title", "Pruning roses")
        .containsEntry("date", LocalDate.of(2024, 3, 5))
        .containsEntry("updated", Instant.parse("2024-03-06T09:15:00Z"))
        .containsEntry("tags", List.of("garden", "roses"))
        .containsEntry("draft", false)
        .containsEntry("minutes", 12L)
        .containsEntry("rating", 4.5)
        // YAML 1.1 reads these as octal, a boolean and 90; here they stay as written
        .containsEntry("zip", "02139")
        .containsEntry("country", "NO")
        .containsEntry("time", "1:30")
        .containsEntry("author.name", "Ana");
  }

  @Test
  void spaceSeparatedTimestampsAndMixedListsAreKept() {
    FrontMatter.Split s =
        FrontMatter.split("---\ndate: 2024-03-05 10:00:00 +01:00\ntags: [a, 3]\n---\nbody\n");
    assertThat(s.fields())
        .containsEntry("date", Instant.parse("2024-03-05T09:00:00Z"))
        .containsEntry("tags", List.of("a", "3"));
  }

  @Test
  void withoutABlockTheTextIsUnchanged() {
    String text = "# Title\n\n---\n\nnot front matter: a rule after text\n";
    FrontMatter.Split s = FrontMatter.split(text);
    assertThat(s.fields()).isEmpty();
    assertThat(s.body()).isEqualTo(text);
    assertThat(s.problem()).isNull();
  }

  @Test
  void anEmptyBlockIsCut() {
    FrontMatter.Split s = FrontMatter.split("---\n---\nbody");
    assertThat(s.fields()).isEmpty();
    assertThat(s.body()).isEqualTo("body");
    assertThat(s.problem()).isNull();
  }

  @Test
  void brokenBlocksAreKeptAsTextWithAReason() {
    assertThat(FrontMatter.split("---\ntitle: [unclosed\n---\nbody").problem())
        .startsWith("front matter is not valid YAML (line 2)");
    assertThat(FrontMatter.split("---\ntitle: a\ntitle: b\n---\nbody").problem())
        .contains("not valid YAML")
        .contains("duplicate key");
    assertThat(FrontMatter.split("---\n- a\n- b\n---\nbody").problem())
        .contains("not a block of 'key: value' lines");
    assertThat(FrontMatter.split("---\ntitle: a\n\nno closing line").problem())
        .contains("never closed");
    assertThat(FrontMatter.split("+++\ntitle = 'a'\n+++\nbody").problem())
        .contains("TOML front matter (+++) is not supported");
    for (String broken :
        List.of(
            "---\ntitle: [unclosed\n---\nbody",
            "---\n- a\n---\nbody",
            "+++\ntitle = 'a'\n+++\nbody")) {
      FrontMatter.Split s = FrontMatter.split(broken);
      assertThat(s.body()).isEqualTo(broken);
      assertThat(s.fields()).isEmpty();
    }
  }

  @Test
  void javaTypesNamedInTheFileAreNeverConstructed() {
    FrontMatter.Split s =
        FrontMatter.split(
            "---\nx: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[]]]\n---\nb");
    assertThat(s.problem()).contains("not valid YAML");
    assertThat(s.fields()).isEmpty();
  }

  @Test
  void aliasBombsAreRefused() {
    StringBuilder y = new StringBuilder("---\na: &a [x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'k'; c++) {
      char prev = (char) (c - 1);
      y.append(c).append(": &").append(c).append(" [");
      y.append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev)));
      y.append("]\n");
    }
    FrontMatter.Split s = FrontMatter.split(y + "---\nbody");
    assertThat(s.problem()).contains("not valid YAML");
  }

  /**
   * Random front matter written the way people write it: every key comes back with its type, and
   * the body is exactly what followed the block. Seed printed; re-run with -Dquarry.seed=N.
   */
  @Test
  void generatedFrontMatterRoundTrips() {
    long seed = Long.getLong("quarry.seed", System.nanoTime());
    System.out.println("FrontMatterTest seed: " + seed + " (-Dquarry.seed=" + seed + ")");
    Random rnd = new Random(seed);
    for (int round = 0; round < 500; round++) {
      Map<String, Object> expected = new LinkedHashMap<>();
      StringBuilder yaml = new StringBuilder("---\n");
      int keys = rnd.nextInt(8);
      for (int k = 0; k < keys; k++) {
        String key = "k" + k + "_" + Integer.toString(rnd.nextInt(1_000_000), 36);
        Object value;
        String written;
        switch (rnd.nextInt(7)) {
          case 0 -> {
            long v = rnd.nextLong(-1_000_000_000L, 1_000_000_000L);
            value = v;
            written = Long.toString(v);
          }
          case 1 -> {
            double v = Math.round(rnd.nextDouble(-1e6, 1e6) * 1000) / 1000.0 + 0.5;
            value = v;
            written = Double.toString(v);
          }
          case 2 -> {
            boolean v = rnd.nextBoolean();
            value = v;
            written = rnd.nextBoolean() ? Boolean.toString(v) : Boolean.toString(v).toUpperCase();
          }
          case 3 -> {
            LocalDate v = LocalDate.ofEpochDay(rnd.nextLong(-200_000, 200_000));
            if (v.getYear() < 1000 || v.getYear() > 9999) {
              v = LocalDate.of(2000, 1, 1);
            }
            value = v;
            written = v.toString();
          }
          case 4 -> {
            Instant v = Instant.ofEpochSecond(rnd.nextLong(0, 4_000_000_000L));
            value = v;
            written = v.toString();
          }
          case 5 -> {
            List<String> v = new ArrayList<>();
            int n = 1 + rnd.nextInt(4);
            for (int i = 0; i < n; i++) {
              v.add(word(rnd));
            }
            value = v;
            written =
                rnd.nextBoolean()
                    ? "[" + String.join(", ", v) + "]"
                    : "\n" + String.join("\n", v.stream().map(t -> "  - " + t).toList());
          }
          default -> {
            String v = word(rnd) + " " + word(rnd) + ": " + word(rnd);
            value = v;
            written = "\"" + v + "\"";
          }
        }
        expected.put(key, value);
        yaml.append(key).append(": ").append(written).append('\n');
      }
      String body = "Body " + word(rnd) + "\n\nSecond paragraph.";
      String text = yaml + (rnd.nextBoolean() ? "---" : "...") + "\n" + body;
      FrontMatter.Split s = FrontMatter.split(text);
      assertThat(s.problem()).as("seed %d, text:%n%s", seed, text).isNull();
      assertThat(s.fields()).as("seed %d, text:%n%s", seed, text).isEqualTo(expected);
      assertThat(s.body()).as("seed %d", seed).isEqualTo(body);
    }
  }

  private static String word(Random rnd) {
    StringBuilder sb = new StringBuilder();
    int n = 3 + rnd.nextInt(6);
    for (int i = 0; i < n; i++) {
      sb.append((char) ('a' + rnd.nextInt(26)));
    }
    return sb.toString();
  }
}
