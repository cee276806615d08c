package dev.quarry.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import dev.quarry.core.QuarryException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every LangChain4j filter, translated to Quarry's, selects exactly the segments that LangChain4j's
 * own {@code Filter.test(metadata)} (the in-memory store's semantics) selects. Random metadata and
 * random filters; the seed is printed, re-run with {@code -Dquarry.seed=N}.
 */
class FilterTranslationTest {
  private static final int DOCS = 120;
  private static final int FILTERS = 1500;

  @TempDir Path dir;
  private QuarryEmbeddingStore store;
  private final Map<String, Metadata> stored = new LinkedHashMap<>();
  private final List<UUID> uuids = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());

  @BeforeEach
  void open() {
    store = QuarryEmbeddingStore.builder().path(dir).embeddingModel(TestModels.MINILM).build();
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void randomFiltersSelectWhatLangChain4jSelects() {
    long seed = Long.getLong("quarry.seed", System.nanoTime());
    System.out.println("FilterTranslationTest seed: " + seed + " (-Dquarry.seed=" + seed + ")");
    Random random = new Random(seed);
    List<String> ids = new ArrayList<>();
    List<Embedding> embeddings = new ArrayList<>();
    List<TextSegment> segments = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      Metadata m = new Metadata();
      if (random.nextInt(5) > 0) {
        m.put("n", random.nextBoolean() ? intValue(random) : (long) intValue(random));
      }
      if (random.nextInt(5) > 0) {
        m.put("x", random.nextBoolean() ? floatValue(random) : (double) floatValue(random) / 3);
      }
      if (random.nextInt(5) > 0) {
        m.put("s", stringValue(random));
      }
      if (random.nextInt(5) > 0) {
        m.put("u", uuids.get(random.nextInt(uuids.size())));
      }
      String id = "d" + i;
      stored.put(id, m);
      ids.add(id);
      float[] v = new float[TestModels.MINILM.dimension()];
      v[i % v.length] = 1;
      v[(i + 1) % v.length] = 0.5f;
      embeddings.add(Embedding.from(v));
      segments.add(TextSegment.from("segment " + i, m));
    }
    store.addAll(ids, embeddings, segments);

    for (int i = 0; i < FILTERS; i++) {
      Filter filter = filter(random, 2);
      Set<String> expected = new HashSet<>();
      stored.forEach(
          (id, m) -> {
            if (filter.test(m)) {
              expected.add(id);
            }
          });
      assertThat(new HashSet<>(store.collection().lucene().idsMatching(store.compile(filter))))
          .as("filter %s (seed %d)", filter, seed)
          .isEqualTo(expected);
    }
  }

  @Test
  void integerKeysCompareWithFractionsByValue() {
    for (int n = 1; n <= 3; n++) {
      float[] v = new float[TestModels.MINILM.dimension()];
      v[n] = 1;
      store.addAll(
          List.of("n" + n), List.of(Embedding.from(v)), List.of(TextSegment.from("n", meta(n))));
    }
    assertThat(matching(metadataKey("n").isGreaterThan(1.5))).containsExactlyInAnyOrder("n2", "n3");
    assertThat(matching(metadataKey("n").isGreaterThanOrEqualTo(2.0f)))
        .containsExactlyInAnyOrder("n2", "n3");
    assertThat(matching(metadataKey("n").isEqualTo(2.0))).containsExactly("n2");
    assertThat(matching(metadataKey("n").isEqualTo(1.5))).isEmpty();
    assertThat(matching(metadataKey("n").isNotEqualTo(1.5))).hasSize(3);
    assertThat(matching(metadataKey("n").isLessThan(2.5d))).containsExactlyInAnyOrder("n1", "n2");
    assertThat(matching(metadataKey("n").isLessThanOrEqualTo(-1e300))).isEmpty();
    assertThat(matching(metadataKey("n").isLessThan(1e300))).hasSize(3);
    assertThat(matching(metadataKey("n").isIn(1.5, 3L))).containsExactly("n3");
    assertThat(matching(metadataKey("n").isIn(1.5))).isEmpty();
  }

  @Test
  void whatCannotBeTranslatedIsAnErrorNotADroppedCondition() {
    Filter custom = object -> true;
    assertThatThrownBy(() -> store.compile(custom))
        .isInstanceOf(QuarryException.class)
        .hasMessageContaining("cannot translate filter");
    assertThatThrownBy(() -> store.compile(metadataKey("n").isEqualTo(1).and(custom)))
        .hasMessageContaining("cannot translate filter");
    assertThatThrownBy(() -> store.compile(new IsGreaterThan("u", UUID.randomUUID())))
        .hasMessageContaining("UUIDs have no order");
    float[] v = new float[TestModels.MINILM.dimension()];
    v[0] = 1;
    store.add(Embedding.from(v), TextSegment.from("s", new Metadata().put("k", "text")));
    assertThatThrownBy(() -> store.compile(metadataKey("k").isGreaterThan(3)))
        .hasMessageContaining("field 'k' holds keyword values");
    assertThatThrownBy(
            () -> store.add(Embedding.from(v), TextSegment.from("s", new Metadata().put("k", 1))))
        .hasMessageContaining("field 'k' is keyword in this collection, got a long value");
    assertThatThrownBy(
            () ->
                store.add(
                    Embedding.from(v),
                    TextSegment.from(
                        "s", new Metadata().put(MetadataCodec.LEGACY_TYPES_FIELD, "x"))))
        .hasMessageContaining("is reserved");
    assertThatThrownBy(
            () ->
                store.add(
                    Embedding.from(v),
                    TextSegment.from("s", new Metadata().put("quarry.types", "x"))))
        .hasMessageContaining(
            "metadata field 'quarry.types' uses the prefix 'quarry.' reserved for Quarry's own"
                + " fields; rename it (e.g. 'types')");
    assertThatThrownBy(
            () -> store.add(Embedding.from(v), TextSegment.from("s", new Metadata().put("a b", 1))))
        .hasMessageContaining("metadata field name 'a b' is not allowed");
  }

  private List<String> matching(Filter filter) {
    return store.collection().lucene().idsMatching(store.compile(filter));
  }

  private static Metadata meta(int n) {
    return new Metadata().put("n", n);
  }

  private Filter filter(Random random, int depth) {
    if (depth > 0 && random.nextInt(3) == 0) {
      return switch (random.nextInt(3)) {
        case 0 -> new And(filter(random, depth - 1), filter(random, depth - 1));
        case 1 -> new Or(filter(random, depth - 1), filter(random, depth - 1));
        default -> new Not(filter(random, depth - 1));
      };
    }
    return switch (random.nextInt(4)) {
      case 0 -> comparison(random, "n", numberValue(random));
      case 1 -> comparison(random, "x", numberValue(random));
      case 2 ->
          random.nextInt(4) == 0
              ? new ContainsString("s", part(stringValue(random), random))
              : comparison(random, "s", stringValue(random));
      default -> {
        UUID u = uuids.get(random.nextInt(uuids.size()));
        yield switch (random.nextInt(4)) {
          case 0 -> new IsEqualTo("u", u);
          case 1 -> new IsNotEqualTo("u", u);
          case 2 -> new IsIn("u", List.of(u, UUID.randomUUID()));
          default -> new IsNotIn("u", List.of(u));
        };
      }
    };
  }

  private Filter comparison(Random random, String key, Comparable<?> value) {
    return switch (random.nextInt(8)) {
      case 0 -> new IsEqualTo(key, value);
      case 1 -> new IsNotEqualTo(key, value);
      case 2 -> new IsGreaterThan(key, value);
      case 3 -> new IsGreaterThanOrEqualTo(key, value);
      case 4 -> new IsLessThan(key, value);
      case 5 -> new IsLessThanOrEqualTo(key, value);
      case 6 ->
          new IsIn(
              key,
              List.of(
                  value,
                  key.equals("s") ? stringValue(random) : (Comparable<?>) numberValue(random)));
      default -> new IsNotIn(key, List.of(value));
    };
  }

  private static String part(String word, Random random) {
    return word.substring(Math.min(word.length(), random.nextInt(2)));
  }

  private static int intValue(Random random) {
    return random.nextInt(7) - 3;
  }

  private static float floatValue(Random random) {
    return (random.nextInt(13) - 6) / 4f + (random.nextBoolean() ? 0.1f : 0);
  }

  /** Any numeric type, sometimes integral, sometimes a fraction, sometimes one that is stored. */
  private static Comparable<?> numberValue(Random random) {
    return switch (random.nextInt(5)) {
      case 0 -> intValue(random);
      case 1 -> (long) intValue(random);
      case 2 -> floatValue(random);
      case 3 -> (double) floatValue(random) / 3;
      default -> (double) intValue(random) + 0.5;
    };
  }

  private static String stringValue(Random random) {
    String[] words = {"", "a", "ab", "b", "ba", "abc", "b*", "c?d", "z"};
    return words[random.nextInt(words.length)];
  }
}
